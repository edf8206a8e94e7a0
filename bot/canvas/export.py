"""A canvas as Markdown, to paste into a document or keep with course notes."""

from __future__ import annotations

from datetime import datetime

from bot.canvas.service import CanvasView
from bot.canvas.store import OwnerKind


def to_markdown(view: CanvasView, title: str, canvas_name: str, now: datetime) -> str:
    lines = [f"# {_one_line(title)}", "", f"_{_one_line(canvas_name)}, {long_date(now)}_", ""]
    show_authors = view.owner.kind is OwnerKind.GROUP
    for block in view.blocks:
        lines += [f"## {block.name}", ""]
        entries = view.of(block.id)
        if not entries:
            lines.append("_(empty)_")
        for entry in entries:
            by = f" _({_one_line(entry.author_name)})_" if show_authors else ""
            lines.append(f"- {_one_line(entry.text)}{by}")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def long_date(moment: datetime) -> str:
    return f"{moment.day} {moment:%B %Y}"


def _one_line(text: str) -> str:
    return " ".join(text.split())
