"""Work after the ack: kept, awaited, and a failure does not stop the rest."""

from __future__ import annotations

import asyncio

import pytest

from adapters.slack.background import BackgroundWork


async def test_idle_waits_for_work_and_failures_are_logged(caplog: pytest.LogCaptureFixture) -> None:
    work = BackgroundWork()
    done: list[str] = []
    gate = asyncio.Event()

    async def answer() -> None:
        await gate.wait()
        done.append("answered")

    async def broken() -> None:
        raise RuntimeError("boom")

    work.spawn(answer(), name="answer")
    work.spawn(broken(), name="broken")
    assert work.pending == 2
    gate.set()
    await work.idle()
    assert done == ["answered"] and work.pending == 0 and work.started == 2
    assert "broken failed after it was acknowledged" in caplog.text


async def test_stop_cancels_what_does_not_finish() -> None:
    work = BackgroundWork()
    work.spawn(asyncio.Event().wait(), name="forever")  # type: ignore[arg-type]
    await work.stop(grace_seconds=0)
    assert work.pending == 0
