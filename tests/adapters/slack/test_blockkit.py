"""The Block Kit renderer: every part, Slack's limits, and no live mention ever."""

from __future__ import annotations

import json

import pytest

from adapters.slack.blockkit import (
    MESSAGE_BLOCKS,
    RUN_ACTION,
    SHARE_ACTION,
    VIEW_BLOCKS,
    render,
)
from bot.messages import (
    Actions,
    Bullets,
    Button,
    Field,
    Fields,
    Heading,
    Image,
    Part,
    Quote,
    QuoteSource,
    Reply,
    Text,
)
from tests.adapters.slack.live_mentions import live_mentions
from tests.mention_corpus import MENTION_INJECTIONS

SOURCE = QuoteSource(week=3, title="Data and the city", speaker="Lorraine", start_seconds=754)


def every_part(text: str, from_user: bool) -> tuple[Part, ...]:
    return (
        Heading(text, from_user=from_user),
        Text(text, from_user=from_user),
        Bullets((text, f"again {text}"), from_user=from_user),
        Bullets((text,), from_user=from_user, numbered=True),
        Fields((Field(text, text, from_user=from_user), Field("Note", text, from_user=from_user))),
        Quote(text, QuoteSource(week=1, title=text, speaker=text), from_user=from_user),
        Image(b"\x89PNG", alt_text=text),
        Actions((Button(text, f"search {text}"),)),
    )


def test_the_shared_corpus_is_big_enough() -> None:
    assert len(MENTION_INJECTIONS) >= 30


@pytest.mark.parametrize("from_user", [True, False], ids=["user text", "our text"])
@pytest.mark.parametrize("hostile", MENTION_INJECTIONS)
def test_no_corpus_string_becomes_a_live_mention_in_any_part(hostile: str, from_user: bool) -> None:
    reply = Reply(parts=every_part(hostile, from_user), summary=hostile)
    message = render(reply, share_id="s1", image_note="(sent to you)")
    assert live_mentions(message.payload()) == []
    assert live_mentions(render(Reply(parts=every_part(hostile, from_user))).payload()) == []


def test_the_checker_does_catch_live_mentions() -> None:
    assert live_mentions({"text": "<!here>"})
    assert live_mentions([{"type": "section", "text": {"type": "mrkdwn", "text": "@channel",
                                                       "verbatim": True}}])
    assert live_mentions([{"type": "rich_text", "elements": [{"type": "broadcast", "range": "here"}]}])


def test_our_light_markdown_becomes_slack_mrkdwn() -> None:
    message = render(Reply.of(Text("**Bold** and _italic_ and `**code**` & <tags>")))
    text = message.blocks[0]["text"]
    assert text == {"type": "mrkdwn", "verbatim": True,
                    "text": "*Bold* and _italic_ and `**code**` &amp; &lt;tags&gt;"}


def test_user_text_is_shown_literally_with_no_markup() -> None:
    message = render(Reply.of(Text("*not bold* _nor this_ <b>&", from_user=True)))
    block = message.blocks[0]
    assert block["type"] == "rich_text"
    assert block["elements"][0]["elements"] == [{"type": "text", "text": "*not bold* _nor this_ <b>&"}]
    assert "mrkdwn" not in json.dumps(message.blocks)


def test_user_bullets_keep_numbering_across_split_lists() -> None:
    items = tuple(f"idea {i} " + "x" * 900 for i in range(7))
    message = render(Reply.of(Bullets(items, from_user=True, numbered=True)))
    lists = [b["elements"][0] for b in message.blocks]
    assert len(lists) > 1 and all(lst["style"] == "ordered" for lst in lists)
    assert [lst.get("offset", 0) for lst in lists][1:] == [sum(
        len(lst["elements"]) for lst in lists[:i]) for i in range(1, len(lists))]


def test_quotes_name_their_source() -> None:
    message = render(Reply.of(Quote("Standards let systems talk.\nSecond line.", SOURCE)))
    quote, source = message.blocks
    assert quote["text"]["text"] == ">Standards let systems talk.\n>Second line."
    assert source["type"] == "context"
    assert source["elements"][0]["text"] == "— Week 3 · Data and the city · Lorraine · 12:34"
    assert QuoteSource(week=None, title="Intro", start_seconds=3725).label(" · ") == "Intro · 1:02:05"


def test_buttons_carry_commands_with_unique_action_ids() -> None:
    reply = Reply.of(Actions((Button("Next week ▶", "week 4"), Button("All weeks", "weeks"))))
    message = render(reply, share_id="abc")
    run, share = message.blocks
    assert [(e["value"], e["action_id"]) for e in run["elements"]] == [
        ("week 4", f"{RUN_ACTION}:1"), ("weeks", f"{RUN_ACTION}:2")]
    assert share["elements"][0]["action_id"].startswith(SHARE_ACTION)
    assert share["elements"][0]["text"]["text"] == "Share in channel"


def test_images_are_left_for_upload_with_an_optional_note() -> None:
    picture = Image(b"png-bytes", alt_text="Your canvas", filename="canvas.png")
    quiet = render(Reply.of(Text("Here"), picture))
    noted = render(Reply.of(Text("Here"), picture), image_note="(sent to you)")
    assert quiet.images == (picture,) and len(quiet.blocks) == 1
    assert noted.blocks[1]["elements"][0]["text"] == "🖼 Your canvas (sent to you)"


def test_long_text_is_split_into_sections_within_3000_characters() -> None:
    text = " ".join(["word"] * 2000)  # 9,999 characters
    message = render(Reply.of(Text(text), Text(text, from_user=True)))
    sections = [b["text"]["text"] for b in message.blocks if b["type"] == "section"]
    literal = [b["elements"][0]["elements"][0]["text"] for b in message.blocks if b["type"] == "rich_text"]
    for chunks in (sections, literal):
        assert len(chunks) == 4 and all(len(c) <= 3000 for c in chunks)
        assert " ".join(chunks).split() == text.split()


def test_an_unbreakable_run_is_cut_without_breaking_an_entity() -> None:
    text = "&" * 4000
    sections = [b["text"]["text"] for b in render(Reply.of(Text(text))).blocks]
    assert all(len(s) <= 3000 and s.count("&amp;") * 5 == len(s) for s in sections)


def test_more_than_ten_fields_become_several_sections() -> None:
    fields = tuple(Field(f"Block {i}", "x" * 2500, from_user=i % 2 == 0) for i in range(23))
    blocks = render(Reply.of(Fields(fields))).blocks
    assert [len(b["fields"]) for b in blocks] == [10, 10, 3]
    assert all(len(f["text"]) <= 2000 for b in blocks for f in b["fields"])


def test_too_many_blocks_are_trimmed_with_more_and_keep_the_share_button() -> None:
    reply = Reply(parts=tuple(Text(f"Paragraph {i}") for i in range(80)))
    message = render(reply, share_id="keep-me")
    assert len(message.blocks) == MESSAGE_BLOCKS
    assert message.blocks[-2]["type"] == "context" and "…more" in message.blocks[-2]["elements"][0]["text"]
    assert message.blocks[-1]["elements"][0]["value"] == "keep-me"
    assert len(render(reply, max_blocks=VIEW_BLOCKS).blocks) == 80


def test_headers_and_button_labels_respect_their_limits() -> None:
    message = render(Reply.of(Heading("**H**" + "h" * 300), Actions((Button("b" * 100, "x" * 3000),))))
    header, actions = message.blocks
    assert header["text"]["text"].startswith("Hh") and len(header["text"]["text"]) == 150
    button = actions["elements"][0]
    assert len(button["text"]["text"]) == 75 and button["text"]["text"].endswith("…")
    assert len(button["value"]) == 2000


def test_fallback_text_is_the_summary_escaped() -> None:
    assert render(Reply.of(Text("hi"), summary="Week 1 <b> & @here")).text == \
        "Week 1 &lt;b&gt; &amp; @\u2060here"
    assert render(Reply.of(Text("**Bold** start"))).text == "Bold start"


def test_empty_text_renders_no_empty_block() -> None:
    message = render(Reply.of(Text(""), Text("   "), Heading("")))
    assert all(b["type"] == "header" for b in message.blocks)
    assert message.blocks[0]["text"]["text"] == "…"
