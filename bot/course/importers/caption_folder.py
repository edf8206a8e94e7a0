"""`studybot content import-captions`: caption files become videos of a week in a pack.

Cues are merged into turns of a few sentences (same speaker, no long pause), keeping the
start of the first cue and the end of the last, so a quote can still say where in the
video it was. Every file is read before anything is written; the pack is then changed
by the importers' one writer (bot.course.importers.merge), which keeps hand-written
parts and restores everything if the pack would no longer load. Importing a file again
under the same title replaces that video rather than adding a second one.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from bot.course.captions import Cue, read_captions
from bot.course.importers.draft import CourseDraft, VideoDraft, WeekDraft
from bot.course.importers.merge import NO_OPTIONS, ImportOptions
from bot.course.importers.run import import_draft
from bot.course.loader import Problem
from bot.course.pack_writer import ImportProblem, read_front_matter

# A turn closes at a sentence end once it is this long, and always at the hard limit.
TURN_SECONDS = 15.0
TURN_LIMIT_SECONDS = 30.0
PAUSE_SECONDS = 4.0
SENTENCE_END = re.compile(r"[.!?…][\"')\]]*$")


@dataclass(frozen=True)
class ImportedVideo:
    title: str
    cues: int
    turns: int
    seconds: float
    replaced: bool


def import_captions(files: Sequence[Path], pack: Path, week: int, *, title: str | None = None,
                    speaker: str | None = None, options: ImportOptions = NO_OPTIONS
                    ) -> tuple[Path, list[ImportedVideo]]:
    """Import caption `files` as videos of `week`; returns the week file and what was imported.

    A folder that is not a pack yet becomes one. A week past the course's last week is
    refused unless `options.add_weeks`, and never leaves a gap.
    """
    if week < 1:
        raise ImportProblem.at(pack, 0, f"week must be 1 or more, not {week}")
    draft = captions_draft(files, pack, week, title=title, speaker=speaker)
    file = Path(pack) / "weeks" / f"week-{week}.md"
    before = {v.get("title") for v in read_front_matter(file).get("videos") or [] if isinstance(v, dict)}
    import_draft(Path(pack), draft, options)
    report = [ImportedVideo(v.title, v.cues, len(v.transcript),
                            v.transcript[-1]["end"] if v.transcript else 0.0, replaced=v.title in before)
              for v in draft.weeks[0].videos]
    return file, report


def captions_draft(files: Sequence[Path], pack: Path, week: int, *, title: str | None = None,
                   speaker: str | None = None) -> CourseDraft:
    """Every file read before anything is written; one bad file and nothing is imported."""
    people = _people(pack)
    default = _speaker_id(speaker, people) if speaker else None
    videos: list[VideoDraft] = []
    problems: list[Problem] = []
    for number, file in enumerate(files, start=1):
        try:
            cues = read_captions(file)
        except ImportProblem as problem:
            problems += problem.problems
            continue
        turns = merge_turns(cues, default, people)
        videos.append(VideoDraft(_title(file, title, number, len(files)), tuple(turns), cues=len(cues)))
    if problems:
        raise ImportProblem(problems)
    return CourseDraft("Captions", (WeekDraft(week, videos=tuple(videos)),))


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
