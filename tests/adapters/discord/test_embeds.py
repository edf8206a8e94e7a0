"""The embed renderer: every Reply part, native formatting, and Discord's limits never broken."""

from __future__ import annotations

from typing import Any

import pytest

from adapters.discord.embeds import MAX_MESSAGES, OutgoingMessage, render
from adapters.discord.views import command_view
from bot.course.models import Course
from bot.messages import (
    Actions,
    Bullets,
    Button,
    Field,
    Fields,
    Heading,
    Image,
    Quote,
    QuoteSource,
    Reply,
    Text,
)
from tests.adapters.discord.limits import problems_with_message
from tests.adapters.discord.replies import OVERLONG, PNG, full_canvas, overlong


def payload(message: OutgoingMessage) -> dict[str, Any]:
    return {"content": message.content, "embeds": [e.to_dict() for e in message.embeds],
            "attachments": [{"filename": a.filename} for a in message.attachments]}


def all_text(messages: list[OutgoingMessage]) -> str:
    chunks = [m.content for m in messages]
    for message in messages:
        for embed in message.embeds:
            chunks += [embed.title or "", embed.description or ""]
            chunks += [f"{f.name} {f.value}" for f in embed.fields]
    return "\n".join(chunks)


def test_a_short_answer_is_an_ordinary_message() -> None:
    [message] = render(Reply.of(Text("Only facilitators can use `prompt`."), Bullets(("one", "two"))))
    assert message.content == "Only facilitators can use `prompt`.\n\n• one\n• two"
    assert message.embeds == []


def test_a_heading_starts_an_embed_and_text_fills_its_description() -> None:
    [message] = render(Reply.of(Heading("Week 3: Data"), Text("**What to do**"),
                                Bullets(("read", "watch"), numbered=True)))
    [embed] = message.embeds
    assert embed.title == "Week 3: Data"
    assert embed.description == "**What to do**\n\n1. read\n2. watch"


def test_a_quote_keeps_its_source() -> None:
    source = QuoteSource(week=2, title="Citizens first", speaker="Dr Lorraine Hudson", start_seconds=75)
    [message] = render(Reply.of(Heading("Found"), Quote("Start with people.\nThen technology.", source)))
    assert message.embeds[0].description == (
        "> Start with people.\n> Then technology.\n— _Week 2, Citizens first, Dr Lorraine Hudson, 01:15_")


def test_fields_become_embed_fields_in_order_with_the_text_after_them_below() -> None:
    reply = Reply.of(Heading("Canvas"), Fields((Field("Key partners", "the council"),
                                                Field("Costs", "sensors " * 10, from_user=True))),
                     Text("Type `canvas add` to add more."))
    [message] = render(reply)
    first, second = message.embeds
    assert [(f.name, f.value, f.inline) for f in first.fields] == [
        ("Key partners", "the council", True), ("Costs", ("sensors " * 10).strip(), False)]
    assert second.description == "Type `canvas add` to add more."


def test_user_text_is_shown_as_typed_and_ours_keeps_its_markdown() -> None:
    [message] = render(Reply.of(Text("**ours**"), Text("**theirs** _x_ [link](https://e.example)",
                                                       from_user=True)))
    assert message.content.startswith("**ours**\n\n")
    assert "\\*\\*theirs\\*\\* \\_x\\_ \\[link](https://e.example)" in message.content


def test_a_picture_is_attached_with_its_alt_text() -> None:
    [message] = render(Reply.of(Heading("Your canvas"), Image(PNG, "The canvas, 9 blocks", "my canvas!.png")))
    [attachment] = message.attachments
    assert (attachment.filename, attachment.description, attachment.data) == (
        "my-canvas-.png", "The canvas, 9 blocks", PNG)


def test_a_picture_too_large_for_discord_is_explained_not_sent() -> None:
    [message] = render(Reply.of(Heading("Canvas"), Image(b"x" * (9 * 1024 * 1024), "big", "big.png")))
    assert message.attachments == []
    assert "too large to attach" in message.embeds[0].description


async def test_buttons_carry_their_command_in_a_namespaced_custom_id() -> None:
    reply = Reply.of(Text("Week 3"), Actions((Button("Next week ▶", "week 4"), Button("Again", "week 4"),
                                              Button("Long", "search " + "x" * 200))))
    [message] = render(reply)
    view = command_view(message.buttons)
    assert view is not None
    [row] = view.to_components()
    buttons = [(b["label"], b["custom_id"]) for b in row["components"]]
    assert buttons == [("Next week ▶", "studybot:cmd:week 4")]


def test_an_empty_reply_still_says_something() -> None:
    [message] = render(Reply.of(Actions((Button("Open", "weeks"),)), summary="Pick one"))
    assert message.content == "Pick one"


@pytest.mark.parametrize("kind", OVERLONG)
def test_overlong_replies_fit_discords_limits(kind: str, course: Course) -> None:
    messages = render(overlong(kind, course))
    assert 1 < len(messages) <= MAX_MESSAGES
    for message in messages:
        assert problems_with_message(payload(message), message.attachments) == []
    assert messages[-1].embeds[-1].description.endswith("…more")


def test_a_reply_that_fits_in_a_few_messages_loses_nothing(course: Course) -> None:
    quotes = [Quote(f"Passage {i}. " + "words " * 150, QuoteSource(1, f"Video {i}")) for i in range(12)]
    messages = render(Reply.of(Heading("Found 12"), *quotes))
    text = all_text(messages)
    assert all(f"Passage {i}." in text for i in range(12))
    assert "…more" not in text


def test_the_canvas_keeps_its_picture_and_buttons_on_the_last_message() -> None:
    messages = render(full_canvas())
    assert [len(m.attachments) for m in messages][-1] == 1
    assert messages[-1].buttons and not any(m.buttons for m in messages[:-1])


def test_the_summary_fits_the_content_limit_after_mentions_are_defused() -> None:
    summary = "@everyone " * 200  # 2,000 characters; each mention grows by a zero-width space
    [message] = render(Reply.of(Actions((Button("Open", "weeks"),)), summary=summary))
    assert len(message.content) <= 2000
    assert "@everyone" not in message.content
    assert problems_with_message(payload(message), []) == []


@pytest.mark.parametrize("reply", [
    Reply.of(Heading("   ")),
    Reply.of(Heading(""), Text("Only this.")),
    Reply.of(Text("  \n\t "), summary="Nothing to show"),
    Reply.of(Text(" "), Bullets(())),
    Reply.of(Heading("\u200b")),
])
def test_blank_headings_and_white_space_never_make_a_message_discord_refuses(reply: Reply) -> None:
    for message in render(reply):
        assert problems_with_message(payload(message), message.attachments) == []
