"""A report holding text that is not valid UTF-8 can still leave a pytest -n worker."""

from __future__ import annotations

import json

import pytest

from tests.reports import sendable


def test_a_lone_surrogate_in_captured_output_is_escaped_not_fatal() -> None:
    report = pytest.TestReport("t.py::t", ("t.py", 1, "t"), {}, "failed", "bad \udcab reply", "call",
                               sections=[("Captured log call", "WARNING dropped \udcab")])
    sendable(report)
    assert report.sections == [("Captured log call", "WARNING dropped \\udcab")]
    assert report.longrepr == "bad \\udcab reply"
    json.dumps(report._to_json()).encode("utf-8")  # what the worker sends
