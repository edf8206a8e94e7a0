"""The console shows times on the group's clock and the chosen ping as plain words."""

from __future__ import annotations

from datetime import UTC, datetime

from adapters.console.chat import ConsoleIdentity
from adapters.console.render import render
from bot.messages import Bullets, Ping, Reply, Text, moment

AT = datetime(2027, 3, 28, 8, tzinfo=UTC)


def test_a_time_is_the_group_clock_with_its_zone_and_no_marker_is_left() -> None:
    shown = render(Reply.of(Text(f"Next: {moment(AT, 'Sun 28 Mar 2027, 09:00 BST')}."),
                            Bullets((f"{moment(AT, 'Sun 28 Mar 2027, 09:00 BST', countdown=True)}: x",),
                                    from_user=True)))
    assert shown == "Next: Sun 28 Mar 2027, 09:00 BST.\n   • Sun 28 Mar 2027, 09:00 BST: x"


def test_the_chosen_ping_is_a_line_of_text_at_the_top() -> None:
    assert render(Reply.of(Text("Week 1"), ping=Ping("tutors", "@tutors"))) == "@tutors\nWeek 1"


def test_at_words_typed_in_the_console_name_groups() -> None:
    said = ConsoleIdentity(channel_id="cafe", admin=True).incoming("group ping @tutors")
    assert said.named_groups == (Ping("tutors", "@tutors"),)


def test_a_line_with_times_wraps_as_it_reads() -> None:
    label = "Mon 22 Feb 2027, 09:00 GMT"
    words = f"Weekly reminder set: every Monday at 09:00. The first one is {moment(AT, label)}. The end."
    assert render(Reply.of(Text(words))) == render(Reply.of(Text(words.replace(moment(AT, label), label))))


def test_code_spans_and_paths_are_never_broken_across_lines() -> None:
    command = "group setup start:2026-12-07 tz:Europe/London course:air-quality"
    path = "/home/someone/.local/share/studybot/pictures/smart-cities-canvas-2026-12-01.png"
    shown = render(Reply.of(Text(f"This channel isn't a study group yet. A facilitator can set it "
                                 f"up with `{command}`. The picture is in {path} now.")))
    lines = shown.splitlines()
    assert any(f"`{command}`" in line for line in lines)
    assert any(path in line for line in lines)
    assert all(not line.endswith("-") for line in lines)
