"""HTML from an export, cleaned to the pack's light Markdown.

Headings become `##`/`###` lines, list items `- ` lines, bold and italic `**`/`_`, and
a link keeps its words with the address after them. Scripts, styles, forms, embedded
players and images are dropped (an image keeps its alt text). Whatever the markup, the
result is plain paragraphs separated by blank lines.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from bot.course.importers.openlearn_page import first_sentences

BLOCKS = frozenset({
    "address", "article", "blockquote", "br", "dd", "div", "dl", "dt", "figcaption", "figure",
    "footer", "header", "hr", "li", "main", "ol", "p", "pre", "section", "table", "tr", "ul",
})
HEADINGS = {"h1": "## ", "h2": "## ", "h3": "### ", "h4": "### ", "h5": "### ", "h6": "### "}
DROPPED = frozenset({
    "audio", "button", "canvas", "embed", "form", "head", "iframe", "noscript", "object",
    "script", "select", "style", "svg", "template", "textarea", "title", "video",
})
MARKS = {"b": "**", "strong": "**", "i": "_", "em": "_"}
VOID = frozenset({"area", "base", "br", "col", "hr", "img", "input", "link", "meta", "source",
                  "track", "wbr", "embed"})


class _Markdown(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self._parts: list[str] = []
        self._prefix = ""
        self._dropping: list[str] = []
        self._link: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._dropping:
            if tag not in VOID:
                self._dropping.append(tag)
            return
        if tag in DROPPED:
            if tag not in VOID:
                self._dropping.append(tag)
            return
        found = dict(attrs)
        if tag in BLOCKS or tag in HEADINGS:
            self.close_block()
            self._prefix = HEADINGS.get(tag, "- " if tag == "li" else "")
        elif tag in MARKS:
            self._parts.append(MARKS[tag])
        elif tag == "a":
            self._link = found.get("href") or None
        elif tag == "img" and found.get("alt"):
            self._parts.append(f" {found['alt']} ")

    def handle_endtag(self, tag: str) -> None:
        if self._dropping:
            if self._dropping[-1] == tag:
                self._dropping.pop()
            return
        if tag in BLOCKS or tag in HEADINGS:
            self.close_block()
        elif tag in MARKS:
            self._parts.append(MARKS[tag])
        elif tag == "a" and self._link:
            if self._link.startswith(("http://", "https://")):
                self._parts.append(f" ({self._link})")
            self._link = None

    def handle_data(self, data: str) -> None:
        if not self._dropping:
            self._parts.append(data)

    def close_block(self) -> None:
        text = _tidy("".join(self._parts))
        if text:
            self.blocks.append(self._prefix + text)
        self._parts, self._prefix = [], ""


def _tidy(text: str) -> str:
    text = " ".join(text.split())
    # A mark around nothing but spaces, or left open by broken markup, is noise.
    text = re.sub(r"(\*\*|_)\s*\1", "", text)
    for mark in ("**", "_"):
        if text.count(mark) % 2:
            text = text.replace(mark, "")
    return re.sub(r"(\*\*|_) (.*?) \1", r"\1\2\1", text)


def html_to_markdown(html: str) -> str:
    """Light Markdown for `html`: paragraphs split by blank lines, list items kept together."""
    parser = _Markdown()
    parser.feed(html)
    parser.close()
    parser.close_block()
    out: list[str] = []
    for block in parser.blocks:
        joined = bool(out) and block.startswith("- ") and out[-1].lstrip("\n").startswith("- ")
        out.append(("\n" if joined else "\n\n") + block if out else block)
    return "".join(out)


def with_heading(heading: str, text: str) -> str:
    """`text` under a `## heading`, unless it already starts with that heading."""
    first = text.split("\n", 1)[0].lstrip("#").strip()
    return text if not heading or first == heading else f"## {heading}\n\n{text}"


def summary_of(markdown: str) -> str:
    """The first paragraph of prose (not a heading or a list), for a week's summary."""
    prose = [p for p in markdown.split("\n\n") if p.strip() and not p.startswith(("#", "- "))]
    return first_sentences(prose[0]) if prose else ""
