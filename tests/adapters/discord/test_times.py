"""Times in Discord: timestamps, so each reader sees their own local time and how long until."""

from __future__ import annotations

from datetime import UTC, datetime

from adapters.discord.embeds import render
from bot.messages import Bullets, Field, Fields, Heading, Reply, Text, moment

AT = datetime(2027, 3, 4, 18, tzinfo=UTC)
STAMP = int(AT.timestamp())
LABEL = "Thu 4 Mar 2027, 18:00 GMT"


def shown(reply: Reply) -> list[str]:
    texts = []
    for message in render(reply):
        texts.append(message.wire_content())
        for embed in message.embeds:
            texts += [embed.title or "", embed.description or ""]
            texts += [f"{f.name}: {f.value}" for f in embed.fields]
    return texts


def test_a_field_with_a_countdown_moment_becomes_full_and_relative_timestamps() -> None:
    reply = Reply.of(Fields((Field("When", moment(AT, LABEL, countdown=True)),
                             Field("Where", "@everyone <t:1:F>", from_user=True))))
    fields = [(f.name, f.value) for m in render(reply) for e in m.embeds for f in e.fields]
    assert fields[0] == ("When", f"<t:{STAMP}:F> (<t:{STAMP}:R>)")
    assert "@everyone" not in fields[1][1]


def test_a_time_in_text_and_in_a_users_line_is_a_timestamp_but_a_title_shows_the_group_clock() -> None:
    reply = Reply.of(Heading(f"Next post {moment(AT, LABEL)}"), Text(f"First post {moment(AT, LABEL)}."),
                     Bullets((f"#1 {moment(AT, LABEL)}: <@&42> *party*",), from_user=True))
    heading, description = [t for t in shown(reply) if t]
    text, bullets = description.split("\n\n")
    assert heading == f"Next post {LABEL}"
    assert text == f"First post <t:{STAMP}:F>."
    assert bullets.startswith(rf"• \#1 <t:{STAMP}:F>:")
    assert "<@&42>" not in bullets and "\\*party\\*" in bullets, "the user's words stay defused"


def test_a_plain_reply_keeps_its_timestamp_in_the_message_content() -> None:
    [message] = render(Reply.of(Text(f"Session #3 ({moment(AT, LABEL)}) is cancelled.")))
    assert message.content == f"Session #3 (<t:{STAMP}:F>) is cancelled."
