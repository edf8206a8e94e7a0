"""An Open edX video component and its transcripts.

A video names its transcripts with `<transcript language="en" src="file.srt"/>`
children (files in `static/`), a `transcripts` attribute mapping languages to files, or
the older `sub` attribute (`static/subs_<sub>.srt.sjson`, times in milliseconds). Older
exports often name none of these yet hold `static/subs_<id>.srt.sjson` or
`static/subs/<id>.srt.sjson` for the video's YouTube id: those are found too. The
English transcript is used, or the first one listed; the pack keeps one per video, so
other languages are reported as not imported. A video with no transcript at all is
kept as a link to watch (`watch_link`), when it has one.
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
    title = element.get("display_name") or element.get("name") or "Video"
    files = _transcripts(element)
    guessed = _guessed(export, element)
    if guessed and not any(export.file(f"static/{name}") for name in files.values()):
        files = {ENGLISH: guessed[0]}
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


def youtube_ids(element: Element) -> list[str]:
    """The video's YouTube ids, normal speed first (`youtube_id_1_0`, `youtube="1.0:id,..."`)."""
    normal: list[str] = [element.get("youtube_id_1_0") or ""]
    other: list[str] = []
    for pair in (element.get("youtube") or "").split(","):
        speed, _, ident = pair.partition(":")
        (normal if speed.strip() in ("1", "1.0", "1.00") else other).append(ident.strip())
    # Some exports quote the id inside the attribute (`youtube_id_1_0="&quot;abc&quot;"`).
    return [ident for ident in dict.fromkeys(i.strip("\"' ") for i in normal + other) if ident]


def watch_link(element: Element) -> str:
    """Where the video can be watched: its YouTube page, or its first file."""
    if ids := youtube_ids(element):
        return f"https://www.youtube.com/watch?v={ids[0]}"
    sources = [s.get("src") or "" for s in element.iter("source")]
    try:
        listed = json.loads(element.get("html5_sources") or "[]")
    except json.JSONDecodeError:
        listed = []
    sources += [s for s in listed if isinstance(s, str)] if isinstance(listed, list) else []
    return next((s for s in sources if s.startswith(("http://", "https://"))), "")


def _guessed(export: Export, element: Element) -> list[str]:
    """Transcript files the export holds for this video though the video does not list them."""
    ids = [element.get("sub") or "", *youtube_ids(element), element.get("edx_video_id") or ""]
    names = [f"{folder}{ident}.srt.sjson" for ident in ids if ident for folder in ("subs_", "subs/")]
    return [name for name in names if export.file(f"static/{name}")]


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
