"""Read a saved OpenLearn week page (plain text or HTML) into that week's parts.

A saved page is the week's teaching text wrapped in page furniture: the course title,
enrolment blurbs, video-player buttons and a promotional footer. Reading keeps the week
heading, the introduction, each video's transcript (between "Transcript" and "End
transcript") and the project activity after the last video, and drops the rest.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import NamedTuple

from bot.course.models import TranscriptTurn, Video
from bot.course.pack_writer import ImportProblem

__all__ = ["ImportProblem", "ImportedWeek", "read_openlearn_page"]

WEEK_HEADING = re.compile(r"^week\s+(\d+)\s*[:.\-–—]\s*(\S.*)$", re.IGNORECASE)
# A speaker line is a name in capitals and a colon, e.g. "LORRAINE:" or "GERD KORTUEM: Hello".
SPEAKER = re.compile(r"^([A-Z][A-Z'’.\- ]*?)\s*:\s*(.*)$")
COURSE_CODE = re.compile(r"^[A-Z]{2,}[A-Z0-9]*_\d+$")
SENTENCE = re.compile(r"\S.*?[.!?](?=\s|$)")
FOOTER_START = "take your learning further"
# A video with no heading before its transcript is called this.
UNTITLED_VIDEO = "Week {number} video {index}"
TRANSCRIPT_OPEN = "transcript"
TRANSCRIPT_CLOSE = "end transcript"
CONTENT_STARTS = frozenset({"introduction", TRANSCRIPT_OPEN})
# "Introduction" only labels the text that follows it, so it is dropped like furniture.
FURNITURE_LINES = frozenset({"free course", "video player", "audio player", "introduction"})
# Player buttons sit inline next to each other in HTML, so they are cut out of any line.
PLAYER_CONTROLS = re.compile(
    r"download this (?:video|audio) clip\.|skip (?:transcript|audio)"
    r"|copy this transcript to the clipboard|print this transcript",
    re.IGNORECASE,
)
FURNITURE_PREFIXES = (
    "this free course is available to start right now", "interactive feature not available",
    "video player:", "audio player:",
)
HTML_SUFFIXES = frozenset({".html", ".htm"})
HTML_BLOCKS = frozenset({
    "address", "article", "blockquote", "br", "dd", "div", "dl", "dt", "figcaption", "figure",
    "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "ol", "p", "pre",
    "section", "table", "td", "th", "tr", "ul",
})
# Whatever is inside these is never the week's text, even when it looks like it.
HTML_SKIPPED = frozenset({
    "aside", "button", "footer", "form", "head", "nav", "noscript", "script", "select", "style",
    "svg", "template",
})


@dataclass(frozen=True)
class ImportedWeek:
    """What was read from the page."""

    number: int
    title: str
    introduction: str  # paragraphs joined by blank lines
    videos: tuple[Video, ...]
    activity: str  # the week's project step


class _Line(NamedTuple):
    number: int
    text: str


@dataclass(frozen=True)
class _Transcript:
    opened: _Line
    lines: tuple[_Line, ...]


def read_openlearn_page(page: Path) -> ImportedWeek:
    """Read a saved OpenLearn week page, or raise ImportProblem saying where and why."""
    page = Path(page)
    text = _decode(page, _read_bytes(page))
    html = page.suffix.lower() in HTML_SUFFIXES or _looks_like_html(text)
    lines = _html_lines(text) if html else _text_lines(text)
    if not lines:
        raise ImportProblem.at(page, 0, "the page is empty")
    heading_at, number, title = _find_heading(page, lines)
    content = _week_content(lines, heading_at)
    proses, transcripts = _split_blocks(page, content)
    return _assemble(page, lines[heading_at], number, title, proses, transcripts)


def is_made_up_title(title: str, number: int) -> bool:
    """True when `title` is the stand-in given to a video the page did not name."""
    return re.fullmatch(UNTITLED_VIDEO.format(number=number, index=r"\d+"), title) is not None


def first_sentences(text: str, enough: int = 40) -> str:
    """The opening sentence of `text`, plus the next ones while it is too short to stand alone."""
    paragraph = text.strip().split("\n\n", 1)[0]
    taken = ""
    for match in SENTENCE.finditer(paragraph):
        taken = paragraph[: match.end()]
        if len(taken) >= enough:
            break
    return " ".join((taken or paragraph).split())


# Reading the file


def _read_bytes(page: Path) -> bytes:
    try:
        return page.read_bytes()
    except OSError as error:
        reason = f"cannot read the page: {error.strerror or error}"
        raise ImportProblem.at(page, 0, reason) from error


def _decode(page: Path, data: bytes) -> str:
    data = data.removeprefix(b"\xef\xbb\xbf")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        reason = "not UTF-8 text; save the page as text or HTML"
        raise ImportProblem.at(page, line, reason) from error
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        raise ImportProblem.at(page, line, "binary data, not a saved text or HTML page")
    return text


def _looks_like_html(text: str) -> bool:
    return re.match(r"\s*<(!doctype\s+html|html[\s>])", text, re.IGNORECASE) is not None


def _clean(text: str) -> str:
    # Saved pages carry non-breaking spaces and ragged wrapping; one space is what was meant.
    return " ".join(text.split())


def _text_lines(text: str) -> list[_Line]:
    lines = (_Line(number, _clean(raw)) for number, raw in enumerate(text.splitlines(), 1))
    return [line for line in lines if line.text]


class _HtmlText(HTMLParser):
    """Visible text of a page, one line per block element, each with its source line."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[_Line] = []
        self._parts: list[str] = []
        self._start = 1
        self._skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in HTML_SKIPPED:
            self._skipping += 1
        if tag in HTML_BLOCKS:
            self.break_line()

    def handle_endtag(self, tag: str) -> None:
        if tag in HTML_SKIPPED and self._skipping:
            self._skipping -= 1
        if tag in HTML_BLOCKS:
            self.break_line()

    def handle_data(self, data: str) -> None:
        if self._skipping:
            return
        if not self._parts:
            self._start = self.getpos()[0]
        self._parts.append(data)

    def break_line(self) -> None:
        text = _clean("".join(self._parts))
        if text:
            self.lines.append(_Line(self._start, text))
        self._parts = []


def _html_lines(text: str) -> list[_Line]:
    parser = _HtmlText()
    parser.feed(text)
    parser.close()
    parser.break_line()
    return parser.lines


# Finding the week


def _find_heading(page: Path, lines: list[_Line]) -> tuple[int, int, str]:
    """Index, number and title of the week heading.

    Navigation can list every week before the real heading, so the heading nearest before
    the week's first content (its introduction or first transcript) wins.
    """
    headings = [i for i, line in enumerate(lines) if WEEK_HEADING.match(line.text)]
    if not headings:
        raise ImportProblem.at(page, 0, 'no "Week N: Title" heading found on the page')
    starts = [i for i, line in enumerate(lines) if line.text.casefold() in CONTENT_STARTS]
    before = [i for i in headings if starts and i < starts[0]]
    index = before[-1] if before else headings[0]
    match = WEEK_HEADING.match(lines[index].text)
    assert match is not None  # headings only holds matching lines
    if int(match.group(1)) < 1:
        raise ImportProblem.at(page, lines[index].number, "week numbers start at 1")
    return index, int(match.group(1)), match.group(2).strip()


def _week_content(lines: list[_Line], heading_at: int) -> list[_Line]:
    """Lines after the heading, up to the footer or the next week, without furniture."""
    site_title = lines[0].text.casefold() if heading_at > 0 else None
    heading = lines[heading_at].text.casefold()
    content: list[_Line] = []
    for line in _without_player_controls(lines[heading_at + 1 :]):
        text = line.text.casefold()
        if text.startswith(FOOTER_START) or _is_other_week(text, heading):
            break
        if text not in (site_title, heading) and not _is_furniture(line.text):
            content.append(line)
    return content


def _without_player_controls(lines: list[_Line]) -> list[_Line]:
    cleaned = (line._replace(text=_clean(PLAYER_CONTROLS.sub(" ", line.text))) for line in lines)
    return [line for line in cleaned if line.text]


def _is_other_week(text: str, heading: str) -> bool:
    return text != heading and WEEK_HEADING.match(text) is not None


def _is_furniture(text: str) -> bool:
    folded = text.casefold()
    return (
        folded in FURNITURE_LINES
        or folded.startswith(FURNITURE_PREFIXES)
        or COURSE_CODE.match(text) is not None
    )


def _is(line: _Line, marker: str) -> bool:
    return line.text.casefold() == marker


def _split_blocks(page: Path, content: list[_Line]) -> tuple[list[list[_Line]], list[_Transcript]]:
    """The prose around the transcripts (always one more than transcripts) and the transcripts."""
    proses: list[list[_Line]] = [[]]
    transcripts: list[_Transcript] = []
    opened: _Line | None = None
    current = proses[0]
    for line in content:
        if _is(line, TRANSCRIPT_OPEN):
            if opened is not None:
                raise _unclosed(page, opened)
            opened, current = line, []
        elif _is(line, TRANSCRIPT_CLOSE):
            if opened is None:
                raise ImportProblem.at(page, line.number, '"End transcript" without "Transcript"')
            transcripts.append(_Transcript(opened, tuple(current)))
            opened, current = None, []
            proses.append(current)
        else:
            current.append(line)
    if opened is not None:
        raise _unclosed(page, opened)
    return proses, transcripts


def _unclosed(page: Path, opened: _Line) -> ImportProblem:
    return ImportProblem.at(page, opened.number, '"Transcript" without a matching "End transcript"')


# Building the week


def _assemble(
    page: Path,
    heading: _Line,
    number: int,
    title: str,
    proses: list[list[_Line]],
    transcripts: list[_Transcript],
) -> ImportedWeek:
    videos: list[Video] = []
    for index, transcript in enumerate(transcripts):
        video_title = _take_title(proses[index]) or UNTITLED_VIDEO.format(number=number, index=index + 1)
        videos.append(Video(title=video_title, transcript=_turns(page, transcript)))
    teaching = [line.text for prose in proses[:-1] for line in prose]
    if transcripts:
        activity = [line.text for line in proses[-1]]
    else:
        teaching, activity = _split_activity([line.text for line in proses[-1]])
    if not teaching:
        raise ImportProblem.at(page, heading.number, "no introduction text under the week heading")
    return ImportedWeek(number, title, "\n\n".join(teaching), tuple(videos), "\n\n".join(activity))


def _take_title(prose: list[_Line]) -> str | None:
    """Remove and return the heading-like line nearest before a transcript."""
    for index in range(len(prose) - 1, -1, -1):
        if _is_heading_like(prose[index].text):
            return prose.pop(index).text
    return None


def _is_heading_like(text: str) -> bool:
    return (
        len(text) <= 80
        and len(text.split()) <= 10
        and (text[0].isupper() or text[0].isdigit())
        and text[-1] not in ".!?:;,"
        and SPEAKER.match(text) is None
    )


def _split_activity(paragraphs: list[str]) -> tuple[list[str], list[str]]:
    """Without videos, the activity starts at the first later paragraph about the project."""
    for index, paragraph in enumerate(paragraphs[1:], 1):
        if "project" in paragraph.casefold():
            return paragraphs[:index], paragraphs[index:]
    return paragraphs, []


def _turns(page: Path, transcript: _Transcript) -> tuple[TranscriptTurn, ...]:
    speaker: str | None = None
    turns: list[TranscriptTurn] = []
    for line in transcript.lines:
        match = SPEAKER.match(line.text)
        text = line.text
        if match is not None:
            speaker, text = _speaker_slug(match.group(1)), match.group(2)
        if text:
            turns.append(TranscriptTurn(speaker=speaker, text=text))
    if not turns:
        raise ImportProblem.at(page, transcript.opened.number, "the transcript has no spoken text")
    return tuple(turns)


def _speaker_slug(name: str) -> str:
    # SPEAKER only matches names that start with a letter, so the slug is never empty.
    return re.sub(r"[^a-z0-9-]", "", name.split()[0].lower())
