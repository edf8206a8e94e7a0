"""`studybot content import-captions`: caption files become videos of a week in a pack.

Cues are merged into turns of a few sentences (same speaker, no long pause), keeping the
start of the first cue and the end of the last, so a quote can still say where in the
video it was. Every file is read before anything is written; the week file is then
written atomically and the pack reloaded, and restored if it no longer loads
(bot.course.pack_writer). Importing a file again under the same title replaces that
video rather than adding a second one.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from bot.course.captions import Cue, read_captions
from bot.course.loader import Problem, split_front_matter
from bot.course.pack_writer import ImportProblem, atomic_write, read_front_matter, render_week, write_week

# A turn closes at a sentence end once it is this long, and always at the hard limit.
TURN_SECONDS = 15.0
TURN_LIMIT_SECONDS = 30.0
PAUSE_SECONDS = 4.0
SENTENCE_END = re.compile(r"[.!?…][\"')\]]*$")


@dataclass(frozen=True)
class Scaffold:
    """Files the import had to create so the pack stays whole; removed again if it fails."""

    files: list[Path]
    folders: list[Path]

    def undo(self) -> None:
        for file in reversed(self.files):
            file.unlink(missing_ok=True)
        for folder in reversed(self.folders):
            with contextlib.suppress(OSError):
                folder.rmdir()


@dataclass(frozen=True)
class ImportedVideo:
    title: str
    cues: int
    turns: int
    seconds: float
    replaced: bool


def import_captions(files: Sequence[Path], pack: Path, week: int, *, title: str | None = None,
                    speaker: str | None = None) -> tuple[Path, list[ImportedVideo]]:
    """Import caption `files` as videos of `week`; returns the week file and what was imported.

    A folder that is not a pack yet gets a course.yaml, and weeks before `week` that do
    not exist get a placeholder file, so captions can be imported lecture by lecture.
    """
    if week < 1:
        raise ImportProblem.at(pack, 0, f"week must be 1 or more, not {week}")
    people = _people(pack)
    default = _speaker_id(speaker, people) if speaker else None
    read: list[tuple[str, list[Cue]]] = []
    problems: list[Problem] = []
    for number, file in enumerate(files, start=1):
        try:
            read.append((_title(file, title, number, len(files)), read_captions(file)))
        except ImportProblem as problem:
            problems += problem.problems
    if problems:
        raise ImportProblem(problems)
    videos = [(name, cues, merge_turns(cues, default, people)) for name, cues in read]
    scaffold = _scaffold(Path(pack), week)
    try:
        return _write(pack, week, videos)
    except BaseException:
        scaffold.undo()
        raise


def created_files(pack: Path, week: int) -> list[Path]:
    """What an import into `week` would create besides the week file (for messages)."""
    pack = Path(pack)
    made = [] if (pack / "course.yaml").exists() else [pack / "course.yaml"]
    return made + [f for n in range(1, week) if not (f := pack / "weeks" / f"week-{n}.md").exists()]


def _scaffold(pack: Path, week: int) -> Scaffold:
    missing = created_files(pack, week)
    folders = [f for f in (pack, pack / "weeks") if not f.exists()] if missing else []
    for folder in folders:
        folder.mkdir(parents=True)
    for file in missing:
        text = _new_course(pack) if file.name == "course.yaml" else _placeholder_week(file)
        atomic_write(file, text.encode("utf-8"))
    return Scaffold(missing, folders)


def _new_course(pack: Path) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", pack.resolve().name.lower()).strip("-") or "course"
    title = pack.resolve().name.replace("-", " ").replace("_", " ").strip() or "Course"
    return yaml.safe_dump({"id": slug, "title": title[:1].upper() + title[1:]}, sort_keys=False)


def _placeholder_week(file: Path) -> str:
    number = int(file.stem.split("-")[1])
    front = {"number": number, "title": f"Week {number}",
             "summary": f"Nothing has been added to week {number} yet."}
    return render_week(front, "")


def merge_turns(cues: Sequence[Cue], default_speaker: str | None = None,
                people: dict[str, str] | None = None) -> list[dict[str, Any]]:
    """Consecutive cues of one speaker, a few sentences at a time, as transcript turns."""
    turns: list[dict[str, Any]] = []
    current: list[Cue] = []
    speaker = default_speaker
    for cue in cues:
        cue_speaker = _speaker_id(cue.speaker, people or {}) if cue.speaker else None
        changes = cue.new_speaker and (cue_speaker is None or cue_speaker != speaker)
        if current and (changes or _full(current, cue)):
            turns.append(_turn(current, speaker))
            current = []
        if cue_speaker is not None:
            speaker = cue_speaker
        current.append(cue)
    if current:
        turns.append(_turn(current, speaker))
    return turns


def _full(current: list[Cue], following: Cue) -> bool:
    start, end = current[0].start, max(c.end for c in current)
    if following.start - end > PAUSE_SECONDS or following.end - start > TURN_LIMIT_SECONDS:
        return True
    return end - start >= TURN_SECONDS and bool(SENTENCE_END.search(current[-1].text))


def _turn(cues: list[Cue], speaker: str | None) -> dict[str, Any]:
    turn: dict[str, Any] = {}
    if speaker:
        turn["speaker"] = speaker
    turn["text"] = " ".join(" ".join(c.text.split()) for c in cues)
    turn["start"] = cues[0].start
    turn["end"] = max(cues[0].start, max(c.end for c in cues))
    return turn


def _write(pack: Path, week: int, videos: list[tuple[str, list[Cue], list[dict[str, Any]]]]
           ) -> tuple[Path, list[ImportedVideo]]:
    file = Path(pack) / "weeks" / f"week-{week}.md"
    existing = read_front_matter(file)
    listed = [dict(v) for v in existing.get("videos") or [] if isinstance(v, dict)]
    report = []
    for name, cues, turns in videos:
        at = next((i for i, v in enumerate(listed) if v.get("title") == name), None)
        entry = {"title": name, "transcript": turns}
        if at is None:
            listed.append(entry)
        else:
            listed[at] = entry
        report.append(ImportedVideo(name, len(cues), len(turns), turns[-1]["end"] if turns else 0.0,
                                    replaced=at is not None))
    imported: dict[str, Any] = {"videos": listed}
    if not existing:
        imported.update(number=week, title=f"Week {week}")
    summary = f"Week {week} of the course, with its videos' captions."
    written = write_week(pack, week, imported, _body(file), summary)
    return written, report


def _body(file: Path) -> str:
    if not file.exists():
        return ""
    parts = split_front_matter(file.read_text(encoding="utf-8-sig"))
    return parts[1] if parts else ""


def _title(file: Path, title: str | None, number: int, count: int) -> str:
    if title and count == 1:
        return title
    if title:
        return f"{title} ({number})"
    words = re.sub(r"[_\-.]+", " ", file.stem).strip()
    return words[:1].upper() + words[1:] if words else file.name


def _people(pack: Path) -> dict[str, str]:
    """Names and first names of the course's people, each to their id, lower-cased."""
    try:
        info = yaml.safe_load((Path(pack) / "course.yaml").read_text(encoding="utf-8-sig")) or {}
    except (OSError, yaml.YAMLError):
        return {}
    found: dict[str, str] = {}
    for person in info.get("people") or [] if isinstance(info, dict) else []:
        if isinstance(person, dict) and person.get("id"):
            person_id = str(person["id"])
            name = str(person.get("name") or "")
            words = [w for w in name.split() if w.rstrip(".").lower() not in {"dr", "prof", "professor"}]
            for key in (person_id, name, " ".join(words), words[0] if words else ""):
                if key:
                    found.setdefault(key.casefold(), person_id)
    return found


def _speaker_id(name: str, people: dict[str, str]) -> str:
    """A course person's id when the name is theirs, else the name as written."""
    cleaned = " ".join(name.split())
    return people.get(cleaned.casefold(), cleaned)
