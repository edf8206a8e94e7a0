"""The group's calendar feed: parses as iCalendar, events on the right instants, private."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import aiohttp
import pytest
from icalendar import Calendar

from adapters.ops_http import Ops, serving_ops
from bot.app import Companion, open_companion
from bot.config import Settings
from bot.ops.metrics import Metrics
from tests.adapters.ops_client import get
from tests.people import FakeClock, say

PUBLIC = "https://bot.example.org"


@pytest.fixture
async def companion(settings: Settings, clock: FakeClock, tmp_path: Path) -> AsyncIterator[Companion]:
    settings = settings.model_copy(update={"public_url": PUBLIC, "calendar_dir": tmp_path / "ics"})
    async with open_companion(settings, clock=clock) as built:
        for line in ("group setup start:2027-03-01 tz:Europe/London", "remind monday 09:00",
                     'session add 2027-03-04 18:00 90m "Week 1 catch-up" where:https://meet.example/a',
                     'session add 2027-04-01 18:00 60m "After the change" where:Room 4',
                     'session add 2027-04-08 18:00 60m "Called off"', "session cancel 3"):
            await built.handle(say(line, user="fay", admin=True, channel="cafe"))
        yield built


async def ask(companion: Companion, line: str, *, user: str = "fay") -> str:
    return (await companion.handle(say(line, user=user, admin=user == "fay", channel="cafe"))).plain_text()


def token_in(answer: str) -> str:
    url = next(word for word in answer.split() if word.startswith(PUBLIC))
    assert url.endswith(".ics")
    return url.removeprefix(f"{PUBLIC}/calendar/").removesuffix(".ics")


async def test_the_feed_parses_and_its_events_land_on_the_right_instants(companion: Companion) -> None:
    answer = await ask(companion, "calendar", user="lee")
    body = await companion.calendar.ics(token_in(answer))
    assert body is not None
    events = {str(e["summary"]): e for e in Calendar.from_ical(body).walk("VEVENT")}
    weeks = [e for e in events.values() if not isinstance(e["dtstart"].dt, datetime)]
    assert len(weeks) == 6 and str(weeks[0]["summary"]).startswith("Week 1: ")
    assert [w["dtstart"].dt for w in weeks][:2] == [date(2027, 3, 1), date(2027, 3, 8)]
    assert all(w["dtend"].dt - w["dtstart"].dt == timedelta(days=7) for w in weeks)
    first, later = events["Week 1 catch-up"], events["After the change"]
    assert first["dtstart"].dt == datetime(2027, 3, 4, 18, tzinfo=UTC)
    assert first["dtend"].dt - first["dtstart"].dt == timedelta(minutes=90)
    assert later["dtstart"].dt == datetime(2027, 4, 1, 17, tzinfo=UTC), "18:00 BST"
    assert first["dtstart"].params["TZID"] == "Europe/London"
    assert str(first["location"]) == "https://meet.example/a" and str(later["location"]) == "Room 4"
    assert str(events["Called off"]["status"]) == "CANCELLED"
    assert not any("reminder" in name.lower() for name in events), "posts only when asked"
    with_posts = await companion.calendar.ics(token_in(answer), with_posts=True)
    assert with_posts is not None
    names = [str(e["summary"]) for e in Calendar.from_ical(with_posts).walk("VEVENT")]
    assert "Weekly reminder (heads-up: the course starts in 7 days)" in names
    assert "Weekly reminder (wrap-up)" in names


async def test_a_wrong_or_reset_token_opens_nothing(companion: Companion) -> None:
    old = token_in(await ask(companion, "calendar", user="lee"))
    assert len(old) >= 40
    assert await companion.calendar.ics("x" * 43) is None
    assert await companion.calendar.ics("../../etc/passwd") is None
    assert "Only the group's facilitators" in await ask(companion, "calendar reset", user="lee")
    reset = await ask(companion, "calendar reset")
    new = token_in(reset)
    assert new != old and await companion.calendar.ics(old) is None
    assert await companion.calendar.ics(new) is not None
    assert token_in(await ask(companion, "calendar", user="lee")) == new


async def test_the_ops_server_serves_the_feed_and_404s_a_wrong_token(companion: Companion) -> None:
    token = token_in(await ask(companion, "calendar", user="lee"))
    ops = Ops(Metrics(), {}, calendar=companion.calendar.served)
    async with aiohttp.ClientSession() as http, serving_ops(ops, host="127.0.0.1", port=0) as port:
        status, kind, body = await get(http, f"http://127.0.0.1:{port}/calendar/{token}.ics")
        assert status == 200 and kind.startswith("text/calendar")
        assert "BEGIN:VCALENDAR" in body and "BEGIN:VTIMEZONE" in body
        wrong = await get(http, f"http://127.0.0.1:{port}/calendar/{'A' * 43}.ics")
        assert wrong[0] == 404 and "Week 1" not in wrong[2]


async def test_without_a_public_address_calendar_writes_an_ics_file(
        settings: Settings, clock: FakeClock, tmp_path: Path) -> None:
    settings = settings.model_copy(update={"calendar_dir": tmp_path / "ics"})
    async with open_companion(settings, clock=clock) as companion:
        await ask(companion, "group setup start:2027-03-01 tz:Europe/London")
        answer = await ask(companion, "calendar", user="lee")
    path = Path(answer.split("`")[1])
    assert path.parent == tmp_path / "ics" and path.suffix == ".ics"
    parsed = Calendar.from_ical(path.read_bytes())
    assert len(list(parsed.walk("VEVENT"))) == 6


async def test_a_fetch_after_an_edit_shows_it_and_an_unchanged_feed_is_not_modified(
        companion: Companion) -> None:
    token = token_in(await ask(companion, "calendar", user="lee"))
    ops = Ops(Metrics(), {}, calendar=companion.calendar.served)
    async with aiohttp.ClientSession() as http, serving_ops(ops, host="127.0.0.1", port=0) as port:
        url = f"http://127.0.0.1:{port}/calendar/{token}.ics"
        async with http.get(url) as first:
            etag = first.headers["ETag"]
            assert first.status == 200 and "Week 1 catch-up" in await first.text()
        async with http.get(url, headers={"If-None-Match": etag}) as again:
            assert again.status == 304 and await again.read() == b""
        built = companion.calendar.cache.built
        await ask(companion, 'session edit 1 "Week 1 catch-up, moved online"')
        async with http.get(url, headers={"If-None-Match": etag}) as edited:
            assert edited.status == 200 and edited.headers["ETag"] != etag
            assert "Week 1 catch-up\\, moved online" in await edited.text()
        assert companion.calendar.cache.built == built + 1, "built once for the edit, then kept"
        await ask(companion, "group setup start:2027-03-08 tz:Europe/London")
        async with http.get(url) as moved:
            parsed = Calendar.from_ical(await moved.read())
        weeks = sorted(e["dtstart"].dt for e in parsed.walk("VEVENT")
                       if not isinstance(e["dtstart"].dt, datetime))
        assert weeks[0] == date(2027, 3, 8), "a new start date moves the weeks at once"
