"""`studybot search` for scripts: hits as JSON, one array per input line."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import pytest

from adapters.cli import main
from tests.packs import SMART_CITIES

HIT_KEYS = {"week", "source", "kind", "speaker", "start", "end", "text", "score", "moment",
            "moment_start", "moment_end"}


@pytest.fixture
def pack(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("STUDYBOT_CACHE_DIR", str(tmp_path / "cache"))
    copy = tmp_path / "pack"
    shutil.copytree(SMART_CITIES, copy)
    return copy


def test_json_hits_have_the_documented_shape(pack: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["search", "what did lorraine say about standards", "--pack", str(pack),
                 "--top", "3", "--json"]) == 0
    hits = json.loads(capsys.readouterr().out)
    assert 1 <= len(hits) <= 3
    for hit in hits:
        assert set(hit) == HIT_KEYS
        assert isinstance(hit["score"], float) and hit["kind"] in {
            "transcript", "page", "activity", "canvas", "template", "course"}
    assert hits[0]["week"] == 5 and hits[0]["kind"] == "transcript"
    assert hits[0]["start"] is None and hits[0]["end"] is None  # the bundled pack has no times
    assert [h["score"] for h in hits] == sorted((h["score"] for h in hits), reverse=True)


def test_stdin_gives_one_json_array_per_line_in_order(
    pack: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("open data\n\nweek:x oops\nkey partners\n"))
    assert main(["search", "--pack", str(pack), "--top", "2", "--week", "3"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 4
    arrays = [json.loads(line) for line in lines]
    assert arrays[1] == [] and arrays[2] == []
    assert arrays[0] and all(hit["week"] == 3 for hit in arrays[0])


def test_timed_captions_come_back_with_their_seconds(
    pack: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    captions = tmp_path / "bridges.srt"
    captions.write_text("1\n00:01:00,000 --> 00:01:05,000\nSuspension bridges hang from cables.\n\n"
                        "2\n00:01:05,000 --> 00:01:09,500\nArch bridges push outwards.\n", encoding="utf-8")
    assert main(["content", "import-captions", str(captions), "--pack", str(pack), "--week", "3",
                 "--title", "Bridges"]) == 0
    capsys.readouterr()
    assert main(["search", "suspension bridge cables", "--pack", str(pack), "--json", "--top", "1"]) == 0
    [hit] = json.loads(capsys.readouterr().out)
    assert (hit["source"], hit["week"], hit["start"], hit["end"]) == ("Bridges", 3, 60.0, 69.5)


def test_near_week_lifts_the_askers_week_without_filtering(
    pack: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for week in (2, 4):
        captions = tmp_path / f"tides-{week}.vtt"
        captions.write_text("WEBVTT\n\n00:00:10.000 --> 00:00:15.000\nTide gauges warn the harbour.\n",
                            encoding="utf-8")
        assert main(["content", "import-captions", str(captions), "--pack", str(pack), "--week",
                     str(week), "--title", f"Tides {week}"]) == 0
    for near in (2, 4):
        capsys.readouterr()
        assert main(["search", "tide gauges harbour", "--pack", str(pack), "--json",
                     "--near-week", str(near)]) == 0
        hits = json.loads(capsys.readouterr().out)
        assert hits[0]["source"] == f"Tides {near}"
        assert {"Tides 2", "Tides 4"} <= {h["source"] for h in hits}


def test_a_bad_caption_file_is_refused_and_the_pack_is_unchanged(
    pack: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = (pack / "weeks" / "week-3.md").read_bytes()
    bad = tmp_path / "bad.vtt"
    bad.write_text("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nok\n\n2\nno timing\n", encoding="utf-8")
    assert main(["content", "import-captions", str(bad), "--pack", str(pack), "--week", "3"]) == 1
    err = capsys.readouterr().err
    assert f"{bad}:6: expected a cue timing line" in err and "Nothing was imported" in err
    assert (pack / "weeks" / "week-3.md").read_bytes() == before


def _import(pack: Path, folder: Path, name: str, week: int, cues: list[tuple[int, str]]) -> None:
    """A lecture of 10-second cues starting at the given seconds."""
    body = "".join(f"00:{s // 60:02d}:{s % 60:02d}.000 --> 00:{(s + 10) // 60:02d}:{(s + 10) % 60:02d}.000\n"
                   f"{text}\n\n" for s, text in cues)
    captions = folder / f"{name}.vtt"
    captions.write_text("WEBVTT\n\n" + body, encoding="utf-8")
    assert main(["content", "import-captions", str(captions), "--pack", str(pack), "--week", str(week),
                 "--title", name]) == 0


def test_json_gives_the_quoted_moment_inside_the_window(
    pack: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    places = ("market", "river", "school", "station", "park", "library", "harbour", "castle")
    # About 25 words in each 10 seconds, as people speak.
    cues = [(10 * i, f"Next we walk past the old {place}, and the rows of brick houses that were "
                     f"built around the {place} when the town grew quickly a long time ago.")
            for i, place in enumerate(places)]
    cues[5] = (50, "Suspension bridges hang their deck from steel cables that run over two tall towers "
                   "and are anchored firmly in the ground at both ends of the span.")
    _import(pack, tmp_path, "Bridges", 3, cues)
    capsys.readouterr()
    assert main(["search", "suspension bridge cables", "--pack", str(pack), "--json", "--top", "1"]) == 0
    [hit] = json.loads(capsys.readouterr().out)
    assert hit["start"] == 0.0 and hit["end"] >= 70.0  # the window ranked: most of the lecture
    assert "Suspension bridges" in hit["moment"]
    # The moment is the few sentences around the answer, about 20 seconds, not the window.
    assert hit["start"] < hit["moment_start"] <= 50 <= hit["moment_end"] < hit["end"]
    assert hit["moment_end"] - hit["moment_start"] <= 30


def test_watching_lifts_that_video_over_a_better_match_elsewhere(
    pack: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _import(pack, tmp_path, "Harbour tides", 2, [(0, "Tide gauges warn the harbour of high water.")])
    _import(pack, tmp_path, "Coastal sensors", 2, [(0, "A tide gauge on the pier reads the water.")])
    capsys.readouterr()
    question = ["search", "tide gauges harbour water", "--pack", str(pack), "--json"]
    assert main(question) == 0
    assert json.loads(capsys.readouterr().out)[0]["source"] == "Harbour tides"
    assert main([*question, "--watching", "coastal"]) == 0
    assert json.loads(capsys.readouterr().out)[0]["source"] == "Coastal sensors"


def test_watching_a_video_the_course_lacks_is_an_error(
    pack: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["search", "open data", "--pack", str(pack), "--watching", "no such lecture"]) == 2
    assert "No single video" in capsys.readouterr().err
