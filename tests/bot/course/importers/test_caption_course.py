"""A folder of lecture captions is a whole course in one command."""

from pathlib import Path

from bot.course.importers.sources import read_source


def srt(line: str) -> str:
    return f"1\n00:00:01,000 --> 00:00:04,000\n{line}\n"


def lectures(folder: Path, names: list[str]) -> Path:
    folder.mkdir(parents=True)
    for name in names:
        (folder / name).write_text(srt(f"Words of {name}."), encoding="utf-8")
    return folder


def test_files_numbered_by_week_make_those_weeks_titled_by_their_names(tmp_path: Path) -> None:
    folder = lectures(tmp_path / "caps", ["01-02_seed-trays.srt", "01-01_soil-testing.srt",
                                          "02-01_watering.srt", "10-01_harvest.srt"])

    draft = read_source([folder])

    assert draft.source == "Captions"
    assert [[v.title for v in w.videos] for w in draft.weeks] == [
        ["Soil testing", "Seed trays"], ["Watering"], ["Harvest"]]
    assert [w.number for w in draft.weeks] == [1, 2, 3]


def test_per_week_groups_files_in_name_order(tmp_path: Path) -> None:
    names = [f"lecture {n}.srt" for n in range(1, 6)]
    folder = lectures(tmp_path / "caps", names)

    draft = read_source([folder], per_week=2)

    assert [[v.title for v in w.videos] for w in draft.weeks] == [
        ["Lecture 1", "Lecture 2"], ["Lecture 3", "Lecture 4"], ["Lecture 5"]]


def test_a_folder_per_week_gives_the_weeks_their_titles(tmp_path: Path) -> None:
    lectures(tmp_path / "caps" / "Week 2 - Water", ["rain.srt"])
    lectures(tmp_path / "caps" / "Week 1 - Soil", ["worms.srt", "clay.srt"])

    draft = read_source([tmp_path / "caps"])

    assert [(w.title, [v.title for v in w.videos]) for w in draft.weeks] == [
        ("Soil", ["Clay", "Worms"]), ("Water", ["Rain"])]


def test_a_broken_caption_file_is_skipped_and_the_rest_come_in(tmp_path: Path) -> None:
    folder = lectures(tmp_path / "caps", ["week1-a.srt", "week1-b.srt"])
    (folder / "week1-b.srt").write_text("not captions at all", encoding="utf-8")

    draft = read_source([folder])

    assert [v.title for v in draft.weeks[0].videos] == ["A"]
    [skipped] = [str(s) for s in draft.skipped]
    assert skipped.startswith("captions week1-b.srt")
