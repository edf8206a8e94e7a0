"""Times in Discord: timestamps, so each reader sees their own local time and how long until."""

from __future__ import annotations

from datetime import UTC, datetime

from adapters.discord.embeds import render
from bot.messages import Field, Fields, Reply

AT = datetime(2027, 3, 4, 18, tzinfo=UTC)


def test_a_field_with_an_instant_becomes_full_and_relative_timestamps() -> None:
    reply = Reply.of(Fields((Field("When", "Thu 4 Mar 2027, 18:00 GMT", at=AT),
                             Field("Where", "@everyone <t:1:F>", from_user=True))))
    fields = [(f.name, f.value) for m in render(reply) for e in m.embeds for f in e.fields]
    stamp = int(AT.timestamp())
    assert fields[0] == ("When", f"<t:{stamp}:F> (<t:{stamp}:R>)")
    assert "@everyone" not in fields[1][1]
