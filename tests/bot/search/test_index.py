"""The index's filters: built once as arrays, keeping what the written filters mean."""

from __future__ import annotations

from bot.search.index import build_index
from bot.search.passages import Kind, Passage

PASSAGES = [
    Passage(1, "Intro", Kind.TRANSCRIPT, "smart cities begin with people", speaker="Lorraine Gamman"),
    Passage(1, "Reading", Kind.PAGE, "smart cities and their data"),
    Passage(2, "Panel", Kind.TRANSCRIPT, "people and data together", speaker="Adam Thorpe, Lorraine Gamman"),
    Passage(2, "Plan", Kind.ACTIVITY, "plan a walk around your city"),
]


def kept(week: int | None = None, speaker: str | None = None, kind: str | None = None) -> list[str]:
    index = build_index(PASSAGES)
    allowed = index.allowed(week=week, speaker=speaker, kind=kind)
    return [p.source for p, keep in zip(PASSAGES, allowed, strict=True) if keep]


def test_a_speaker_filter_keeps_every_passage_naming_that_speaker_in_any_case() -> None:
    assert kept(speaker="lorraine") == ["Intro", "Panel"]
    assert kept(speaker="THORPE") == ["Panel"]
    assert kept(speaker="nobody") == []


def test_kind_and_week_filters_combine() -> None:
    assert kept(kind="transcript") == ["Intro", "Panel"]
    assert kept(kind="transcript", week=2) == ["Panel"]
    assert kept(week=1) == ["Intro", "Reading"]
    assert kept() == ["Intro", "Reading", "Panel", "Plan"]
