"""Test reports that pytest -n can send from a worker to the main process."""

from __future__ import annotations

import pytest


def escaped(text: str) -> str:
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def sendable(report: pytest.TestReport) -> None:
    """A worker sends each report as UTF-8, and a lone surrogate (a fuzzer's hostile text
    in a captured log line) would crash it: such text is kept, escaped."""
    report.sections = [(title, escaped(text)) for title, text in report.sections]
    if report.longrepr is not None and not isinstance(report.longrepr, tuple):
        shown = str(report.longrepr)
        if escaped(shown) != shown:
            report.longrepr = escaped(shown)
