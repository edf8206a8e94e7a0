"""Read WebVTT (.vtt) and SubRip (.srt) caption files into timed transcript turns.

The libraries (webvtt-py, srt) parse each cue; they are lenient and would skip a broken
block without a word, so the file is first cut into blocks here, with line numbers, and
any block that is not a proper cue is refused as `file:line: reason`. Nothing is
imported from a file with a problem.

Real caption files are untidy: a byte-order mark, Windows line ends, styling tags
(<i>, <c.yellow>, {\\an8}), speaker voices (<v Lorraine>, ">> LORRAINE:"), cues that
overlap, and "roll-up" captions that repeat the previous line. All of those are read.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path

import srt  # type: ignore[import-untyped]
import webvtt
from webvtt.errors import MalformedCaptionError

from bot.course.loader import Problem
from bot.course.pack_writer import ImportProblem

VTT_TIME = r"(?:\d+:)?\d{1,2}:\d{1,2}\.\d{1,3}"
VTT_TIMING = re.compile(rf"^\s*{VTT_TIME}\s+-->\s+{VTT_TIME}(?:\s|$)")
SRT_TIME = r"\d+:\d{1,2}:\d{1,2}[,.]\d{1,3}"
SRT_TIMING = re.compile(rf"^\s*{SRT_TIME}\s*-->\s*{SRT_TIME}(?:\s|$)")
TAG = re.compile(r"<[^>]*>|\{\\[^}]*\}")
NAME_WORD = r"[A-Z][A-Za-z.'’-]*"
SPEAKER_PREFIX = re.compile(rf"^\s*(?:>>\s*|-\s+)?({NAME_WORD}(?:\s+{NAME_WORD}){{0,3}})\s*:\s+(?=\S)")
SPEAKER_CHANGE = re.compile(r"^\s*>>\s*")
VTT_SKIPPED_BLOCKS = ("NOTE", "STYLE", "REGION")


@dataclass(frozen=True)
class Cue:
    start: float
    end: float
    text: str
    speaker: str | None
    line: int  # where the cue starts in its file, for messages
    # ">>" at the start of a cue marks a new speaker even when no name is given.
    new_speaker: bool = False


@dataclass(frozen=True)
class _Block:
    line: int
    lines: list[str]


def read_captions(file: Path) -> list[Cue]:
    """The cues of a .vtt or .srt file, in time order; ImportProblem if anything is wrong."""
    suffix = file.suffix.lower()
    if suffix not in {".vtt", ".srt"}:
        raise ImportProblem.at(file, 0, "not a caption file: expected a .vtt (WebVTT) or .srt (SubRip) file")
    blocks = _blocks(_text_of(file))
    problems: list[Problem] = []
    cues = _vtt_cues(file, blocks, problems) if suffix == ".vtt" else _srt_cues(file, blocks, problems)
    for cue in cues:
        if cue.end < cue.start:
            problems.append(Problem(file, cue.line, f"cue ends ({_clock(cue.end)}) before it starts "
                                                    f"({_clock(cue.start)})"))
    if not problems and not cues:
        problems.append(Problem(file, 1, "no captions found in the file"))
    if problems:
        raise ImportProblem(problems[:20])
    return _without_rollup(sorted(cues, key=lambda c: (c.start, c.line)))


def _text_of(file: Path) -> str:
    try:
        data = file.read_bytes()
    except OSError as error:
        raise ImportProblem.at(file, 0, f"cannot read the file: {error.strerror or error}") from error
    try:
        if data.startswith((b"\xff\xfe", b"\xfe\xff")):
            text = data.decode("utf-16")
        else:
            text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        reason = "the file is not UTF-8 text; save it as UTF-8 and try again"
        raise ImportProblem.at(file, line, reason) from error
    return text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def _blocks(text: str) -> list[_Block]:
    blocks: list[_Block] = []
    current: list[str] = []
    first = 0
    for number, line in enumerate(text.split("\n"), start=1):
        if line.strip():
            if not current:
                first = number
            current.append(line.rstrip())
        elif current:
            blocks.append(_Block(first, current))
            current = []
    if current:
        blocks.append(_Block(first, current))
    return blocks


def _vtt_cues(file: Path, blocks: list[_Block], problems: list[Problem]) -> list[Cue]:
    if not blocks or not re.match(r"^WEBVTT(?:[ \t].*)?$", blocks[0].lines[0]):
        problems.append(Problem(file, blocks[0].line if blocks else 1,
                                "a WebVTT file must start with the line WEBVTT"))
        return []
    cues = []
    for block in blocks[1:]:
        if block.lines[0].startswith(VTT_SKIPPED_BLOCKS) and "-->" not in block.lines[0]:
            continue
        timing = _timing_line(block)
        if timing is None:
            problems.append(Problem(file, block.line, "expected a cue timing line like "
                                    "00:00:01.000 --> 00:00:04.000"))
            continue
        line = block.line + timing
        if not VTT_TIMING.match(block.lines[timing]):
            problems.append(Problem(file, line, f"bad cue timing {block.lines[timing].strip()!r}; "
                                    "expected 00:00:01.000 --> 00:00:04.000"))
            continue
        cue = _vtt_cue(block, line, file, problems)
        if cue is not None:
            cues.append(cue)
    return cues


def _vtt_cue(block: _Block, line: int, file: Path, problems: list[Problem]) -> Cue | None:
    try:
        captions = webvtt.from_string("WEBVTT\n\n" + "\n".join(block.lines) + "\n", strict=True).captions
    except MalformedCaptionError as error:
        problems.append(Problem(file, line, f"bad cue: {error}"))
        return None
    if len(captions) != 1:
        problems.append(Problem(file, line, "could not read this cue"))
        return None
    caption = captions[0]
    lines = [_clean(raw) for raw in caption.lines]
    return _cue(caption.start_time.in_milliseconds() / 1000, caption.end_time.in_milliseconds() / 1000,
                lines, caption.voice, block.line, caption.lines[0] if caption.lines else "")


def _srt_cues(file: Path, blocks: list[_Block], problems: list[Problem]) -> list[Cue]:
    cues: list[Cue] = []
    for block in blocks:
        timing = _timing_line(block)
        if timing is None:
            if cues and not block.lines[0].strip().isdigit():
                # A blank line inside a subtitle's text: it belongs to the cue before.
                last = cues.pop()
                extra = "\n".join(_clean(raw) for raw in block.lines)
                cues.append(Cue(last.start, last.end, f"{last.text}\n{extra}".strip(), last.speaker,
                                last.line, last.new_speaker))
                continue
            problems.append(Problem(file, block.line, "expected a subtitle number and a timing line "
                                    "like 00:00:01,000 --> 00:00:04,000"))
            continue
        line = block.line + timing
        if not SRT_TIMING.match(block.lines[timing]):
            problems.append(Problem(file, line, f"bad subtitle timing {block.lines[timing].strip()!r}; "
                                    "expected 00:00:01,000 --> 00:00:04,000"))
            continue
        cue = _srt_cue(block, line, file, problems)
        if cue is not None:
            cues.append(cue)
    return cues


def _srt_cue(block: _Block, line: int, file: Path, problems: list[Problem]) -> Cue | None:
    try:
        subtitles = list(srt.parse("\n".join(block.lines) + "\n\n"))
    except (srt.SRTParseError, srt.TimestampParseError) as error:
        problems.append(Problem(file, line, f"bad subtitle: {error}"))
        return None
    if len(subtitles) != 1:
        problems.append(Problem(file, line, "could not read this subtitle"))
        return None
    subtitle = subtitles[0]
    raw_lines = subtitle.content.split("\n")
    lines = [_clean(raw) for raw in raw_lines]
    return _cue(subtitle.start.total_seconds(), subtitle.end.total_seconds(), lines, None, block.line,
                raw_lines[0] if raw_lines else "")


def _timing_line(block: _Block) -> int | None:
    """Which of the block's first two lines holds the times (an id may come first)."""
    for index, text in enumerate(block.lines[:2]):
        if "-->" in text:
            return index
    return None


def _cue(start: float, end: float, lines: list[str], voice: str | None, line: int, first_raw: str) -> Cue:
    lines = [part for part in lines if part]
    speaker = voice.strip() if voice else None
    prefix = SPEAKER_PREFIX.match(lines[0]) if lines else None
    if prefix is not None and _looks_like_name(prefix.group(1)):
        speaker = speaker or _name(prefix.group(1))
        lines[0] = lines[0][prefix.end():]
    new_speaker = bool(SPEAKER_CHANGE.match(first_raw)) or speaker is not None
    lines = [SPEAKER_CHANGE.sub("", part) for part in lines]
    return Cue(round(start, 3), round(end, 3), "\n".join(p for p in lines if p), speaker, line, new_speaker)


def _looks_like_name(words: str) -> bool:
    # "LORRAINE:" or "Lorraine Hudson:" name a speaker; "Note:" or "Step 1:" do not.
    return words.isupper() or (len(words.split()) >= 2 and all(w[0].isupper() for w in words.split()))


def _name(words: str) -> str:
    return " ".join(w.capitalize() for w in words.split()) if words.isupper() else words


def _clean(raw: str) -> str:
    return " ".join(html.unescape(TAG.sub("", raw)).split())


def _without_rollup(cues: list[Cue]) -> list[Cue]:
    """Drop lines a cue repeats from the cue before it (roll-up and auto-generated captions)."""
    kept: list[Cue] = []
    previous: list[str] = []
    for cue in cues:
        lines = cue.text.split("\n")
        repeated = next((n for n in range(min(len(lines), len(previous)), 0, -1)
                         if lines[:n] == previous[-n:]), 0)
        if cue.text:
            previous = lines
        text = " ".join(lines[repeated:]).strip()
        if text:
            kept.append(Cue(cue.start, cue.end, text, cue.speaker, cue.line, cue.new_speaker))
    return kept


def _clock(seconds: float) -> str:
    whole = int(seconds)
    millis = round((seconds - whole) * 1000)
    return f"{whole // 3600:02d}:{whole % 3600 // 60:02d}:{whole % 60:02d}.{millis:03d}"
