"""An Open edX video component and its transcripts.

A video names its transcripts with `<transcript language="en" src="file.srt"/>`
children (files in `static/`), a `transcripts` attribute mapping languages to files, or
the older `sub` attribute (`static/subs_<sub>.srt.sjson`, times in milliseconds). The
English transcript is used, or the first one listed; the pack keeps one per video, so
other languages are reported as not imported.
"""

from __future__ import annotations

import json
from pathlib import Path
from xml.etree.ElementTree import Element

from bot.course.captions import Cue, read_captions
from bot.course.importers.caption_folder import merge_turns
from bot.course.importers.draft import Skipped, VideoDraft
from bot.course.importers.export import Export
from bot.course.pack_writer import ImportProblem

ENGLISH = "en"


def read_video(export: Export, element: Element) -> tuple[VideoDraft | None, list[Skipped]]:
    title = element.get("display_name") or "Video"
    files = _transcripts(element)
    if not files:
        return None, [Skipped(f"video {title}", "it has no transcript")]
    language = ENGLISH if ENGLISH in files else next(iter(files))
    skipped = []
    if others := sorted(set(files) - {language}):
        skipped.append(Skipped(f"video {title}", f"transcripts in {', '.join(others)} not imported "
                                                 f"(a pack keeps one per video; {language} used)"))
    try:
        cues = _cues(export, files[language])
    except ImportProblem as problem:
        first = problem.problems[0]
        why = f"its transcript {files[language]} could not be read (line {first.line}: {first.reason})"
        return None, [Skipped(f"video {title}", why)]
    if not cues:
        return None, [Skipped(f"video {title}", f"its transcript {files[language]} is missing or empty")]
    return VideoDraft(title, tuple(merge_turns(cues)), cues=len(cues)), skipped


def _transcripts(element: Element) -> dict[str, str]:
    files: dict[str, str] = {}
    for child in element.iter("transcript"):
        if child.get("src"):
            files.setdefault(child.get("language") or ENGLISH, child.get("src") or "")
    try:
        listed = json.loads(element.get("transcripts") or "{}")
    except json.JSONDecodeError:
        listed = {}
    if isinstance(listed, dict):
        for language, src in listed.items():
            if isinstance(src, str) and src:
                files.setdefault(str(language), src)
    if element.get("sub") and ENGLISH not in files:
        files[ENGLISH] = f"subs_{element.get('sub')}.srt.sjson"
    return files


def _cues(export: Export, name: str) -> list[Cue]:
    path = export.file(f"static/{name}")
    if path is None:
        return []
    if path.name.lower().endswith(".sjson"):
        return _sjson_cues(export, path)
    return read_captions(path)


def _sjson_cues(export: Export, path: Path) -> list[Cue]:
    shown = export.shown(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
        starts, ends, texts = data["start"], data["end"], data["text"]
        pairs = zip(starts, ends, texts, strict=True)
        cues = [Cue(float(s) / 1000, float(e) / 1000, " ".join(str(t).split()), None, 0)
                for s, e, t in pairs]
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise ImportProblem.at(shown, 0, f"not a transcript ({error})") from error
    return [cue for cue in cues if cue.text]
