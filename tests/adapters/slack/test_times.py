"""Times in Slack: a date token, so each reader sees their own local time."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from adapters.slack import blockkit
from bot.messages import Field, Fields, Reply
from tests.adapters.slack.live_mentions import live_mentions

AT = datetime(2027, 3, 4, 18, tzinfo=UTC)


def test_a_field_with_an_instant_becomes_a_date_token_with_the_group_clock_as_fallback() -> None:
    reply = Reply.of(Fields((Field("When", "Thu 4 Mar 2027, 18:00 GMT", at=AT),
                             Field("Where", "<!here> Room 4", from_user=True))))
    payload = json.dumps(blockkit.render(reply).payload())
    assert (f"<!date^{int(AT.timestamp())}^{{date_short_pretty}} at {{time}}"
            "|Thu 4 Mar 2027, 18:00 GMT>") in payload
    assert "<!here>" not in payload, "user text still never pings"


def test_the_date_token_pings_nobody() -> None:
    reply = Reply.of(Fields((Field("When", "Thu 4 Mar 2027, 18:00 GMT", at=AT),)))
    assert live_mentions(blockkit.render(reply).payload()) == []
