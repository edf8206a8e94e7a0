"""Caption files as they come from real tools: read with times, or refused as file:line."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot.course.captions import Cue, read_captions
from bot.course.importers.caption_folder import import_captions, merge_turns
from bot.course.importers.merge import ImportOptions
from bot.course.loader import PackError, Problem, load_pack
from bot.course.pack_writer import ImportProblem
from tests.packs import SMART_CITIES

# A YouTube-style export: BOM, CRLF, header text, STYLE and NOTE blocks, cue settings,
# voices, styling tags, an entity, overlapping cues and an id line.
STYLED_VTT = (
    "\ufeffWEBVTT Kind: captions\r\nLanguage: en\r\n\r\n"
    "STYLE\r\n::cue { color: yellow }\r\n\r\n"
    "NOTE exported by hand\r\n\r\n"
    "intro-1\r\n00:00:01.000 --> 00:00:04.200 align:start position:10%\r\n"
    "<v Lorraine Hudson>Welcome back. Today: <i>open standards</i>.\r\n\r\n"
    "00:00:04.200 --> 00:00:09.000\r\n<v Lorraine Hudson>Standards let cities share data &amp; tools.\r\n\r\n"
    "00:00:08.500 --> 00:00:12.000\r\n<c.yellow>Without them, each city builds its own.</c>\r\n\r\n"
    "00:01:30.000 --> 00:01:35.500\r\n<v Gerd>Interoperability is the technical word.\r\n"
)

# Roll-up captions repeat the previous line before adding a new one.
ROLLUP_VTT = (
    "WEBVTT\n\n"
    "00:00:00.000 --> 00:00:02.000\nso the first thing\n\n"
    "00:00:02.000 --> 00:00:04.000\nso the first thing\nto know about data\n\n"
    "00:00:04.000 --> 00:00:06.000\nto know about data\nis who owns it\n"
)

SUBRIP = (
    "\ufeff1\r\n00:00:01,000 --> 00:00:03,000\r\n<i>>> LORRAINE: Partnerships matter.</i>\r\n\r\n"
    "2\r\n00:00:03,000 --> 00:00:06,500\r\n{\\an8}Councils <b>cannot</b> do it alone.\r\n\r\n"
    "3\r\n00:00:06,500 --> 00:00:09,000\r\nBusinesses and universities\r\n\r\nbring skills too.\r\n\r\n"
    "4\r\n01:02:03,450 --> 01:02:05,000\r\n<font color=\"#ffff00\">Much later.</font>\r\n"
)


def write(folder: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    file = folder / name
    file.write_bytes(text.encode(encoding))
    return file


@pytest.fixture
def pack(tmp_path: Path) -> Path:
    copy = tmp_path / "pack"
    shutil.copytree(SMART_CITIES, copy)
    return copy


def test_webvtt_keeps_times_voices_and_text_without_styling(tmp_path: Path) -> None:
    cues = read_captions(write(tmp_path, "lecture.vtt", STYLED_VTT))
    assert [(c.start, c.end) for c in cues] == [(1.0, 4.2), (4.2, 9.0), (8.5, 12.0), (90.0, 95.5)]
    assert cues[0].text == "Welcome back. Today: open standards."
    assert cues[1].text == "Standards let cities share data & tools."
    assert cues[2].text == "Without them, each city builds its own."
    assert [c.speaker for c in cues] == ["Lorraine Hudson", "Lorraine Hudson", None, "Gerd"]


def test_rollup_captions_are_not_repeated(tmp_path: Path) -> None:
    cues = read_captions(write(tmp_path, "auto.vtt", ROLLUP_VTT))
    assert " ".join(c.text for c in cues) == "so the first thing to know about data is who owns it"


def test_subrip_with_bom_crlf_tags_and_a_blank_line_inside_a_subtitle(tmp_path: Path) -> None:
    cues = read_captions(write(tmp_path, "talk.srt", SUBRIP))
    assert [c.text for c in cues] == [
        "Partnerships matter.", "Councils cannot do it alone.",
        "Businesses and universities bring skills too.", "Much later."]
    assert cues[0].speaker == "Lorraine"
    assert (cues[3].start, cues[3].end) == (3723.45, 3725.0)


def test_utf16_files_are_read(tmp_path: Path) -> None:
    cues = read_captions(write(tmp_path, "talk.srt", SUBRIP.lstrip("\ufeff"), "utf-16"))
    assert len(cues) == 4


@pytest.mark.parametrize("name, text, where, reason", [
    ("no-header.vtt", "00:00:01.000 --> 00:00:02.000\nhi\n", 1, "must start with the line WEBVTT"),
    ("arrow.vtt", "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nok\n\n00:00:03.000 -> 00:00:04.000\nno\n",
     6, "expected a cue timing line"),
    ("clock.vtt", "WEBVTT\n\ncue-7\n00:00:01.000 --> 00:00:0x.000\nbad\n", 4, "bad cue timing"),
    ("backwards.srt", "1\n00:00:09,000 --> 00:00:07,000\nback\n", 1, "before it starts"),
    ("no-times.srt", "1\n00:00:01,000 --> 00:00:02,000\nok\n\n2\nno timing here\n", 5,
     "expected a subtitle number and a timing line"),
    ("empty.srt", "\n\n", 1, "no captions found"),
    ("notes.txt", "hello", 0, "expected a .vtt (WebVTT) or .srt (SubRip) file"),
])
def test_malformed_files_are_refused_with_file_line_and_reason(
    tmp_path: Path, name: str, text: str, where: int, reason: str
) -> None:
    file = write(tmp_path, name, text)
    with pytest.raises(ImportProblem) as refused:
        read_captions(file)
    first = str(refused.value).splitlines()[0]
    assert first.startswith(f"{file}:{where}: ")
    assert reason in first


def test_non_utf8_text_is_refused_with_its_line(tmp_path: Path) -> None:
    file = tmp_path / "latin.srt"
    file.write_bytes(b"1\n00:00:01,000 --> 00:00:02,000\nCaf\xe9\n")
    with pytest.raises(ImportProblem, match=r"latin\.srt:3: the file is not UTF-8"):
        read_captions(file)


def test_cues_merge_into_turns_of_a_few_sentences_keeping_first_start_and_last_end() -> None:
    cues = [Cue(float(t), float(t) + 4.0, f"Sentence {t}.", None, t) for t in range(0, 60, 4)]
    turns = merge_turns(cues, "lorraine")
    assert len(turns) == 4  # a turn closes at a sentence end after 15 s
    assert turns[0]["start"] == 0.0 and turns[0]["end"] == 16.0
    assert all(t["speaker"] == "lorraine" for t in turns)
    assert " ".join(t["text"] for t in turns) == " ".join(c.text for c in cues)


def test_a_new_voice_or_a_long_pause_starts_a_new_turn() -> None:
    cues = [Cue(0, 2, "Hello.", "Lorraine Hudson", 1, True), Cue(2, 4, "Hi.", "Gerd", 2, True),
            Cue(20, 22, "After a pause.", None, 3)]
    turns = merge_turns(cues, None, {"lorraine hudson": "lorraine", "gerd": "gerd"})
    assert [(t["speaker"], t["text"]) for t in turns] == [
        ("lorraine", "Hello."), ("gerd", "Hi."), ("gerd", "After a pause.")]


def test_import_adds_a_timed_video_to_the_week_and_the_pack_still_loads(pack: Path, tmp_path: Path) -> None:
    file = write(tmp_path, "open-standards.vtt", STYLED_VTT)
    written, videos = import_captions([file], pack, 5)
    assert written == pack / "weeks" / "week-5.md"
    assert [(v.title, v.replaced) for v in videos] == [("Open standards", False)]
    week = load_pack(pack).week(5)
    assert week is not None and week.title == "Smart leadership and strategy"  # kept
    video = week.videos[-1]
    assert video.title == "Open standards"
    assert [(t.speaker, t.start, t.end) for t in video.transcript] == [
        ("lorraine", 1.0, 12.0), ("gerd", 90.0, 95.5)]


def test_reimporting_the_same_title_replaces_the_video(pack: Path, tmp_path: Path) -> None:
    file = write(tmp_path, "talk.srt", SUBRIP)
    import_captions([file], pack, 2, title="Partners", speaker="Lorraine")
    _, videos = import_captions([file], pack, 2, title="Partners", speaker="Lorraine")
    assert videos[0].replaced
    week = load_pack(pack).week(2)
    assert week is not None
    assert [v.title for v in week.videos].count("Partners") == 1


def test_a_week_past_the_last_is_refused_without_add_weeks(pack: Path, tmp_path: Path) -> None:
    before = snapshot(pack)
    with pytest.raises(ImportProblem, match=r"week 7 is past the course's last week \(6\); add --add-weeks"):
        import_captions([write(tmp_path, "extra.srt", SUBRIP)], pack, 7, title="Bonus")
    assert snapshot(pack) == before


def test_with_add_weeks_the_next_week_is_added(pack: Path, tmp_path: Path) -> None:
    import_captions([write(tmp_path, "extra.srt", SUBRIP)], pack, 7, title="Bonus",
                    options=ImportOptions(add_weeks=True))
    week = load_pack(pack).week(7)
    assert week is not None and week.videos[0].title == "Bonus"


def test_one_bad_file_means_nothing_is_imported(pack: Path, tmp_path: Path) -> None:
    before = {p.name: p.read_bytes() for p in (pack / "weeks").iterdir()}
    good = write(tmp_path, "good.vtt", STYLED_VTT)
    bad = write(tmp_path, "bad.srt", "1\n00:00:01,000 --> 00:00:0x,000\nbad\n")
    with pytest.raises(ImportProblem, match=r"bad\.srt:2: bad subtitle timing"):
        import_captions([good, bad], pack, 5)
    assert {p.name: p.read_bytes() for p in (pack / "weeks").iterdir()} == before


@pytest.mark.parametrize("add_weeks", [False, True])
def test_week_9_of_a_6_week_course_is_refused_and_no_empty_weeks_appear(
    pack: Path, tmp_path: Path, add_weeks: bool
) -> None:
    before = snapshot(pack)
    with pytest.raises(ImportProblem):
        import_captions([write(tmp_path, "far.srt", SUBRIP)], pack, 9, title="Late",
                        options=ImportOptions(add_weeks=add_weeks))
    assert snapshot(pack) == before
    assert load_pack(pack).week_count == 6


def test_captions_can_start_a_new_pack_in_an_empty_folder(tmp_path: Path) -> None:
    pack = tmp_path / "Course A"
    import_captions([write(tmp_path, "l1.vtt", STYLED_VTT)], pack, 1, title="Lecture 1")
    course = load_pack(pack)
    assert (course.id, course.title, course.week_count) == ("course-a", "Course A", 1)
    assert course.weeks[0].videos[0].transcript[0].start == 1.0


def test_a_failed_import_leaves_no_new_pack_behind(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pack = tmp_path / "new-pack"
    monkeypatch.setattr("bot.course.importers.merge.load_pack", _failing_load)
    with pytest.raises(ImportProblem):
        import_captions([write(tmp_path, "l.vtt", STYLED_VTT)], pack, 1)
    assert not pack.exists()


def _failing_load(pack: Path) -> None:
    raise PackError([Problem(pack, 0, "disk full")])


def snapshot(folder: Path) -> dict[Path, bytes]:
    return {path: path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}
