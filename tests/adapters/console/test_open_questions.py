"""A walk through the console: three learners ask what the course leaves open; a
facilitator answers one question in words and another with a passage of the course found
by searching; each asker gets one direct message; a fourth learner's similar question is
answered by the facilitator's note first."""

from __future__ import annotations

import io
from collections import defaultdict
from datetime import UTC, datetime

from adapters.console.chat import ConsoleIdentity, run_script
from adapters.console.poster import ConsolePoster
from bot.app import open_companion
from bot.config import Settings
from bot.messages import ChannelRef, Reply
from bot.ports import PostResult
from tests.packs import SMART_CITIES
from tests.people import FakeClock

FACILITATOR = ConsoleIdentity(user_id="fay", display_name="Fay", channel_id="tuesday-group", admin=True)
SETUP = 'group setup start:2026-11-30 name:"Tuesday group"\n'
LEARNERS = {
    "kim": "what is quantum entanglement?\n",
    "lee": "search quantum entanglement\n",
    "max": "search medieval falconry\n",
}
ANSWERING = """\
misses
misses answer 1 Quantum effects are outside this course; ask in #physics.
search smart street lighting
misses answer 2 with 1
misses
"""


class EachLearnersScreen:
    """Prints each direct message on its recipient's own console, as they would see it."""

    def __init__(self) -> None:
        self.screens: defaultdict[str, io.StringIO] = defaultdict(io.StringIO)

    async def post(self, channel: ChannelRef, reply: Reply) -> PostResult:
        screen = ConsolePoster(self.screens[channel.id], viewer=channel.id)
        return await screen.post(channel, reply)


async def test_learners_questions_reach_a_facilitator_and_the_answer_serves_the_next_learner(
        database_url: str) -> None:
    settings = Settings(DATABASE_URL=database_url, STUDYBOT_CONTENT=SMART_CITIES)
    clock = FakeClock(datetime(2026, 12, 1, 9, 0, tzinfo=UTC))
    screens = EachLearnersScreen()
    async with open_companion(settings, clock=clock) as companion:
        companion.posters.register(FACILITATOR.incoming("").user.tenant.platform, screens)
        shown = io.StringIO()
        await run_script(companion.handle, FACILITATOR, io.StringIO(SETUP), shown)
        said: dict[str, io.StringIO] = {}
        for user, question in LEARNERS.items():
            said[user] = io.StringIO()
            await run_script(companion.handle, ConsoleIdentity(user_id=user, display_name=user.title()),
                             io.StringIO(question), said[user])
            clock.advance(minutes=5)
        refused = io.StringIO()
        await run_script(companion.handle, ConsoleIdentity(user_id="kim"), io.StringIO("misses\n"), refused)
        facilitator = io.StringIO()
        clock.advance(hours=2)
        await run_script(companion.handle, FACILITATOR, io.StringIO(ANSWERING), facilitator)
        await companion.scheduler.outbox.run_due(clock())
        clock.advance(minutes=30)
        await companion.scheduler.outbox.run_due(clock())  # a later pass sends nothing again
        fourth = io.StringIO()
        await run_script(companion.handle, ConsoleIdentity(user_id="nia"),
                         io.StringIO("can you explain quantum entanglement?\n"), fourth)

    for user in LEARNERS:
        assert "doesn't seem to cover" in said[user].getvalue()
    assert "`studybot chat --admin`" in refused.getvalue()  # the console names its facilitator flag
    session = facilitator.getvalue()
    assert "1. 2 learners asked something like: “what is quantum entanglement?”" in session
    assert "2. asked: “medieval falconry”" in session
    assert "Saved as course note 1" in session and "Saved as course note 2" in session
    assert "2 open; no answers yet." in session
    assert session.rstrip().endswith("0 open; median time to an answer 2 h.")
    assert set(screens.screens) == {"kim", "lee", "max"}
    for user, screen in screens.screens.items():
        assert screen.getvalue().count("[scheduled post in a direct message to you]") == 1, user
    assert "ask in #physics" in screens.screens["kim"].getvalue()
    assert "The course covers this: Week 3, Sensing the city" in screens.screens["max"].getvalue()
    answered = fourth.getvalue()
    assert answered.index("Your facilitator answered this on 1 Dec 2026") < answered.index("ask in #physics")
    assert "doesn't seem to cover" not in answered
