"""Time for the outbound policy without waiting: `sleep` moves the clock at once."""

from __future__ import annotations

from dataclasses import dataclass, field

from tests.adapters.slack.fake_slack import FakeSlack


@dataclass
class FakeTime:
    """The clock and sleep an adapter's Patience uses; a FakeSlack given here ages with
    it (its response_urls expire by the same clock)."""

    slack: FakeSlack | None = None
    now: float = 1000.0
    waits: list[float] = field(default_factory=list)

    def clock(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.waits.append(seconds)
        self.now += seconds
        if self.slack is not None:
            self.slack.advance(seconds)
