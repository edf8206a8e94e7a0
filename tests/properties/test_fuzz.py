"""Hostile input: arbitrary text, Unicode, control characters, huge inputs and malformed
command arguments go through the router and every renderer (console, Block Kit, Discord).

Nothing may fail inside (the router would answer with its apology), every rendered
message must be within its platform's limits, and nothing may become a live mention.
The shared mention-injection corpus (tests/mention_corpus.py) is mixed into the text.
"""

from __future__ import annotations

import itertools
import re
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from adapters.console.render import render as console_render
from adapters.discord.embeds import MAX_MESSAGES, OutgoingMessage
from adapters.discord.embeds import render as discord_render
from adapters.discord.views import command_view
from adapters.slack.blockkit import render as slack_render
from bot import replies
from bot.messages import (
    Actions,
    Bullets,
    Button,
    ChannelRef,
    Field,
    Fields,
    Heading,
    Image,
    Incoming,
    Part,
    Platform,
    Quote,
    QuoteSource,
    Reply,
    TenantRef,
    Text,
    UserRef,
)
from tests.adapters.discord.limits import problems_with_message as discord_problems
from tests.adapters.discord.live_mentions import live_mentions as discord_mentions
from tests.adapters.slack.live_mentions import live_mentions as slack_mentions
from tests.mention_corpus import MENTION_INJECTIONS
from tests.properties.conftest import Live, scaled
from tests.properties.slack_limits import problems_with_message as slack_problems

ROUTER_EXAMPLES = scaled(200)
REPLY_EXAMPLES = scaled(300)
# C0 and C1 controls (ESC, CSI...) could rewrite a terminal; newline and tab may stay.
TERMINAL_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
COMMAND_LINES = (
    "week", "week set", "weeks", "answer", "answer yes", "canvas", "canvas add", "canvas edit",
    "canvas remove", "canvas clear",
    "canvas history", "canvas coach", "canvas image", "canvas export", "canvas about", "canvas share",
    "canvas group", "canvas group add", "canvas group take", "canvas group remove",
    "ideas", "ideas add", "ideas remove", "ideas promote", "search", "more", "moment",
    "moment 1", "misses", "misses answer 1", "misses dismiss 1", "notes", "notes edit 1", "notes off",
    "watching", "watching none", "group",
    "group setup", "group join", "group leave", "group grant", "group revoke", "group audit",
    "remind", "reminders", "reminders preview", "prompt", "prompt add", "prompt edit",
    "prompt now", "prompt preview", "prompt cancel", "prompt queue-course", "privacy",
    "privacy export", "privacy delete", "privacy delete group", "help", "help canvas",
    "courses", "course", "quiz", "quiz week", "quiz answer", "quiz stop", "quiz stats", "quiz tz",
    "quiz remind", "quiz nudges", "quiz report", "session", "sessions", "session add", "session edit",
    "session cancel", "session remind", "session 1", "calendar", "calendar reset",
)
STATS = {"router": 0, "replies": 0, "messages": 0}

# The whole of Unicode, lone surrogates included (st.text leaves them out by default),
# and bytes that are not UTF-8 as a terminal hands them over (surrogateescape).
unicode_text = st.text(st.characters(exclude_categories=()), max_size=200)
surrogates = st.text(st.characters(categories=["Cs"]), min_size=1, max_size=12)
not_utf8 = st.binary(min_size=1, max_size=60).map(lambda raw: raw.decode("utf-8", "surrogateescape"))
controls = st.text(st.characters(categories=["Cc", "Cf", "Zl", "Zp", "Mn", "So"]), max_size=40)
corpus = st.sampled_from(MENTION_INJECTIONS)
huge = st.builds(lambda chunk, times: (chunk or "x") * times, st.text(min_size=1, max_size=12),
                 st.integers(300, 6000))
hostile = st.one_of(
    unicode_text, controls, corpus, huge, surrogates, not_utf8,
    st.lists(st.one_of(corpus, unicode_text, controls, surrogates, not_utf8),
             min_size=1, max_size=6).map(" ".join))
command_line = st.builds(lambda line, rest: f"{line} {rest}", st.sampled_from(COMMAND_LINES), hostile)
anything_typed = st.one_of(hostile, command_line)


def incoming(text: str, channel: str | None, admin: bool, number: int) -> Incoming:
    tenant = TenantRef(Platform.SLACK, f"fuzz-{number}")
    where = ChannelRef(tenant, channel or "D-fuzzer", is_direct=channel is None)
    return Incoming(UserRef(tenant, "U0FUZZ", "Fuzz <!here> \udcff"), where, text,
                    user_is_platform_admin=admin)


async def check_every_renderer(reply: Reply) -> None:
    console = console_render(reply)
    assert not TERMINAL_CONTROL.search(console), f"control character in console output: {console!r}"
    for kwargs in ({}, {"share_id": "s1", "image_note": "(sent to you)"}):
        payload = slack_render(reply, **kwargs).payload()  # type: ignore[arg-type]
        assert slack_problems(payload) == [], slack_problems(payload)
        assert slack_mentions(payload) == []
    messages = discord_render(reply)
    assert 1 <= len(messages) <= MAX_MESSAGES
    for message in messages:
        payload = discord_payload(message)
        assert discord_problems(payload, message.attachments) == []
        assert discord_mentions(payload) == []
        STATS["messages"] += 1


def discord_payload(message: OutgoingMessage) -> dict[str, Any]:
    view = command_view(message.buttons)
    return {"content": message.content, "embeds": [e.to_dict() for e in message.embeds],
            "components": view.to_components() if view else [],
            "attachments": [{"filename": a.filename, "description": a.description}
                            for a in message.attachments]}


CASES = itertools.count(1)


@settings(max_examples=ROUTER_EXAMPLES, deadline=None, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                 HealthCheck.data_too_large])
@given(texts=st.lists(anything_typed, min_size=1, max_size=3), channel=st.sampled_from([None, "general"]),
       admin=st.booleans())
def test_the_router_answers_anything_within_every_platforms_limits(
        live: Live, texts: list[str], channel: str | None, admin: bool) -> None:
    """A few messages in a row from one person, so questions the bot asks get hostile answers."""
    case = next(CASES)

    async def conversation() -> None:
        for text in texts:
            live.clock.advance(seconds=5)
            reply = await live.companion.handle(incoming(text, channel, admin, case))
            assert reply != replies.internal_error(), f"failed inside on {text[:200]!r}"
            await check_every_renderer(reply)
            STATS["router"] += 1

    live.run(conversation())


def parts(text: st.SearchStrategy[str]) -> st.SearchStrategy[Part]:
    mine = st.booleans()
    source = st.builds(QuoteSource, st.one_of(st.none(), st.integers(-5, 99)), text,
                       st.one_of(st.none(), text), st.one_of(st.none(), st.floats(0, 1e6)))
    return st.one_of(
        st.builds(Heading, text, mine), st.builds(Text, text, mine),
        st.builds(Bullets, st.lists(text, max_size=30).map(tuple), mine, st.booleans()),
        st.builds(Fields, st.lists(st.builds(Field, text, text, mine), max_size=30).map(tuple)),
        st.builds(Quote, text, source, mine),
        st.builds(Image, st.just(b"\x89PNG\r\n\x1a\n"), text, st.just("picture.png")),
        st.builds(Actions, st.lists(st.builds(Button, text, text), max_size=30).map(tuple)))


replies_of_anything = st.builds(Reply, st.lists(parts(hostile), max_size=40).map(tuple), st.booleans(),
                                hostile, st.booleans())


@settings(max_examples=REPLY_EXAMPLES, deadline=None, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                 HealthCheck.data_too_large])
@given(reply=replies_of_anything)
def test_every_renderer_keeps_any_reply_within_limits_and_mention_free(live: Live, reply: Reply) -> None:
    live.run(check_every_renderer(reply))
    STATS["replies"] += 1


def test_every_command_is_fuzzed(live: Live) -> None:
    names = {c.name for c in live.companion.registries.all()[0].commands}
    fuzzed = {line.split()[0] for line in COMMAND_LINES}
    assert names - fuzzed == set(), "add the new command to COMMAND_LINES"


def test_report_generated_cases() -> None:
    print(f"\nfuzz: {STATS['router']} messages routed, {STATS['replies']} generated replies, "
          f"{STATS['messages']} Discord messages checked")
