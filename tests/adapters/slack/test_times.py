"""Times in Slack: a date token, so each reader sees their own local time."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from adapters.slack import blockkit
from bot.messages import Bullets, Field, Fields, Heading, Reply, Text, moment
from tests.adapters.slack.live_mentions import live_mentions

AT = datetime(2027, 3, 4, 18, tzinfo=UTC)
STAMP = int(AT.timestamp())
LABEL = "Thu 4 Mar 2027, 18:00 GMT"
TOKEN = f"<!date^{STAMP}^{{date_short_pretty}} at {{time}}|{LABEL}>"


def test_a_field_with_a_moment_becomes_a_date_token_with_the_group_clock_as_fallback() -> None:
    reply = Reply.of(Fields((Field("When", moment(AT, LABEL, countdown=True)),
                             Field("Where", "<!here> Room 4", from_user=True))))
    payload = json.dumps(blockkit.render(reply).payload())
    assert TOKEN in payload
    assert "<!here>" not in payload, "user text still never pings"


def test_times_in_our_text_are_tokens_and_in_a_users_line_date_elements() -> None:
    reply = Reply.of(Heading(f"Next {moment(AT, LABEL)}"), Text(f"First post {moment(AT, LABEL)}."),
                     Bullets((f"#1 {moment(AT, LABEL)}: <!channel> *party*",), from_user=True))
    message = blockkit.render(reply)
    header, section, listing = message.blocks
    assert header["text"]["text"] == f"Next {LABEL}", "a header is plain text: the group's clock"
    assert section["text"]["text"] == f"First post {TOKEN}."
    elements = listing["elements"][0]["elements"][0]["elements"]
    assert elements[0] == {"type": "text", "text": "#1 "}
    assert elements[1] == {"type": "date", "timestamp": STAMP, "format": "{date_short_pretty} at {time}",
                           "fallback": LABEL}
    assert "<!channel>" not in json.dumps(elements[2]), "the user's words stay defused"
    assert LABEL in message.text and "\ue000" not in message.text


def test_the_date_token_pings_nobody() -> None:
    reply = Reply.of(Fields((Field("When", moment(AT, LABEL)),)), Text(f"at {moment(AT, LABEL)}"))
    assert live_mentions(blockkit.render(reply).payload()) == []


def test_a_long_text_is_never_cut_inside_a_date_token() -> None:
    words = " ".join(f"word{i} {moment(AT, LABEL)}" for i in range(200))
    sections = [b["text"]["text"] for b in blockkit.render(Reply.of(Text(words))).blocks]
    assert len(sections) > 1
    assert all(s.count("<!date^") == s.count(f"|{LABEL}>") for s in sections)
