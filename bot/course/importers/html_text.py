"""HTML from an export, turned into the pack's light Markdown by `markdownify`.

markdownify (MIT, on BeautifulSoup) does the converting; this module only says what a
pack wants from it. Before converting, what a learner never reads as text is removed:
scripts, styles, forms, embedded players, and text meant only for screen readers
(Canvas adds "Links to an external site." to every outside link that way). Then:
headings become `##`/`###` lines, list items `- ` lines, bold `**`, italics `_`, code
keeps its backticks and a `<pre>` block its indentation, a link keeps its words with
the address after them, and an image keeps its alt text. Characters such as `_` and `*`
in ordinary text stay as they are: the pack shows them as written.
"""

from __future__ import annotations

import re
from itertools import pairwise
from typing import Any

from bs4 import BeautifulSoup, Tag
from markdownify import MarkdownConverter

from bot.course.importers.openlearn_page import first_sentences

DROPPED = ("audio", "button", "canvas", "embed", "form", "head", "iframe", "noscript", "object",
           "script", "select", "style", "svg", "template", "textarea", "title", "video")
# Where embedded players come from, by a piece of their address: the host's name.
VIDEO_HOSTS = {"youtube.com": "YouTube", "youtu.be": "YouTube", "youtube-nocookie.com": "YouTube",
               "vimeo.com": "Vimeo", "wistia": "Wistia", "panopto": "Panopto",
               "kaltura": "Kaltura", "brightcove": "Brightcove", "loom.com": "Loom",
               "media_objects_iframe": "Canvas", "dailymotion.com": "Dailymotion"}
# Classes that hide text from the eye but not from a screen reader (Canvas, Bootstrap, edX).
SCREEN_READER_ONLY = frozenset({"screenreader-only", "sr-only", "sr", "visually-hidden",
                                "visuallyhidden", "hidden-readable", "hide-text"})


# Openings that introduce what follows rather than say what the week is about.
BOILERPLATE = re.compile(r"(successful completion of|upon (successful )?completion|after completing|"
                         r"by the end of this|at the end of this|learning (objectives|outcomes)|"
                         r"objectives\b)", re.IGNORECASE)
PROMPT_LENGTH = 500  # a discussion longer than this is prompted by its opening paragraph
OBJECTIVES = re.compile(r"(able to|objectives|outcomes|you will|enable you)", re.IGNORECASE)


class _PackMarkdown(MarkdownConverter):
    """markdownify, with the choices of the pack's light Markdown."""

    def __init__(self) -> None:
        super().__init__(heading_style="atx", bullets="-", escape_asterisks=False,
                         escape_underscores=False, escape_misc=False, strong_em_symbol="*")

    def convert_a(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        href = str(el.get("href") or "")
        words = " ".join(text.split())
        if not href.startswith(("http://", "https://")) or "_noformat" in parent_tags:
            return text
        if not words or words == href:
            return f" {href} "
        return _spaced(text, f"{words} ({href})")

    def convert_em(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        return text if "_noformat" in parent_tags else _spaced(text, f"_{text.strip()}_")

    convert_i = convert_em

    def convert_img(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        alt = " ".join(str(el.get("alt") or "").split())
        return f" {alt} " if alt else ""

    def convert_hN(self, n: int, el: Tag, text: str, parent_tags: set[str]) -> str:
        # A week's text sits under the week's own title: its headings start at level two.
        words = " ".join(text.split())
        if "_inline" in parent_tags or not words:
            return words
        return f"\n\n{'#' * (2 if n <= 2 else 3)} {words}\n\n"


def _spaced(text: str, made: str) -> str:
    """`made` with the spaces that were around `text` kept outside it; nothing for no text."""
    if not text.strip():
        return text
    lead = " " if text[:1].isspace() else ""
    trail = " " if text[-1:].isspace() else ""
    return f"{lead}{made}{trail}"


def embedded_videos(html: str) -> list[tuple[str, str]]:
    """(title, link) of each video player embedded in `html` (YouTube, Vimeo, Wistia, ...)."""
    found: list[tuple[str, str]] = []
    if "<iframe" not in html.lower() and "<video" not in html.lower():
        return found  # most pages: no need to parse them a second time
    for frame in BeautifulSoup(html, "html.parser").find_all(["iframe", "video"]):
        link = str(frame.get("src") or frame.get("data-src") or "")
        source = frame.find("source") if not link else None
        link = link or (str(source.get("src") or "") if isinstance(source, Tag) else "")
        host = next((name for key, name in VIDEO_HOSTS.items() if key in link.lower()), None)
        if link.startswith("//"):
            link = "https:" + link
        if host is None or not link.startswith(("http://", "https://")):
            continue
        title = " ".join(str(frame.get("title") or "").split()) or f"{host} video"
        found.append((title, link))
    return found


def video_activities(html: str) -> list[dict[str, Any]]:
    """Each player embedded in `html` as an activity: a video to watch, with its link."""
    return [{"title": f"Video: {name}", "description": link} for name, link in embedded_videos(html)]


def cleaned_soup(html: str) -> BeautifulSoup:
    """The HTML parsed, without what a reader never sees as text."""
    soup = BeautifulSoup(html, "html.parser")
    for element in soup.find_all(DROPPED):
        element.decompose()
    for element in soup.find_all(class_=lambda names: bool(names) and _screen_reader_only(names)):
        element.decompose()
    return soup


def _screen_reader_only(names: Any) -> bool:
    classes = names.split() if isinstance(names, str) else list(names)
    return any(name in SCREEN_READER_ONLY for name in classes)


def html_to_markdown(html: str) -> str:
    """Light Markdown for `html`: paragraphs split by blank lines, list items kept together."""
    if not html.strip():
        return ""
    markdown: str = _PackMarkdown().convert_soup(cleaned_soup(html))
    lines, in_code = [], False
    for line in markdown.replace("\xa0", " ").splitlines():
        if line.startswith("```"):
            in_code = not in_code
        elif not in_code:  # spaces left where inline markup was; indentation is kept
            line = re.sub(r"(?<=\S) {2,}", " ", re.sub(r"^ (?=\S)", "", line))
        lines.append(line.rstrip())
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def with_heading(heading: str, text: str) -> str:
    """`text` under a `## heading`, unless it already starts with that heading."""
    first = text.split("\n", 1)[0].lstrip("#").strip()
    return text if not heading or first == heading else f"## {heading}\n\n{text}"


def summary_of(markdown: str) -> str:
    """The first paragraph of prose that says something, for a week's summary.

    Headings, lists and boilerplate openings ("Successful completion of this unit will
    enable you to:", any lead-in ending with a colon) are passed over.
    """
    prose = [p for p in markdown.split("\n\n") if p.strip() and not p.startswith(("#", "- ", "|", "```"))
             and not _lead_in(p)]
    return first_sentences(prose[0]) if prose else ""


def prompt_of(markdown: str, fallback: str) -> str:
    """A discussion's question as one line: its text when short, else its first paragraph."""
    whole = " ".join(markdown.split())
    if len(whole) <= PROMPT_LENGTH:
        return whole or fallback
    prose = [p for p in markdown.split("\n\n") if p.strip() and not p.startswith(("#", "|", "```"))]
    return " ".join(prose[0].split()) if prose else fallback


def outcomes_of(markdown: str) -> tuple[str, ...]:
    """The items of a list introduced as objectives ("... you will be able to:")."""
    blocks = markdown.split("\n\n")
    for lead, following in pairwise(blocks):
        if _lead_in(lead) and OBJECTIVES.search(lead) and following.startswith("- "):
            return tuple(line[2:].strip() for line in following.splitlines()
                         if line.startswith("- ") and line[2:].strip())
    return ()


def _lead_in(paragraph: str) -> bool:
    text = paragraph.strip()
    return text.endswith(":") or BOILERPLATE.match(text) is not None
