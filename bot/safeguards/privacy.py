"""Learners' data rights: what we keep and why, a copy of it, and forgetting it.

Everything here reads the tables' own declarations (bot.store.personal) through
PersonalRows, so a new table is covered the day it is declared. Exports pass through
the same redaction as logs: no token can leave in one.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any

from bot.messages import TenantRef, UserRef
from bot.ops.logs import redact
from bot.store.erasure import PersonalRows, TableRows

EXPORT_FORMAT = "studybot-export/1"


@dataclass(frozen=True)
class Export:
    """Everything about one learner, as JSON (for machines) and Markdown (for people)."""

    json_text: str
    markdown: str
    rows: int


@dataclass(frozen=True)
class Kept:
    title: str
    why: str
    expires: bool


class PrivacyService:
    def __init__(self, rows: PersonalRows, *, retention_days: int) -> None:
        self.rows = rows
        self.retention_days = retention_days

    def kept(self) -> list[Kept]:
        """What we keep about people, table by table, and why: a learner's own data first."""
        specs = sorted((spec for _, spec in self.rows.kept()), key=lambda spec: not spec.owned)
        return [Kept(spec.title, spec.why, spec.retention is not None) for spec in specs]

    async def export(self, user: UserRef, now: datetime) -> Export:
        found = await self.rows.collect(user)
        document = export_document(user, found, now, self.retention_days)
        json_text = redact(json.dumps(document, ensure_ascii=False, indent=2, default=_json_value))
        return Export(json_text, redact(export_markdown(user, found, now)),
                      sum(len(t.rows) for t in found))

    async def forget(self, user: UserRef) -> int:
        """Remove or anonymise every row about `user` in their tenant; rows changed."""
        return sum((await self.rows.erase(user)).values())

    async def remove_group(self, tenant: TenantRef, channel_id: str) -> int:
        return sum((await self.rows.remove_group(tenant, channel_id)).values())


def export_document(user: UserRef, found: list[TableRows], now: datetime,
                    retention_days: int) -> dict[str, Any]:
    return {
        "format": EXPORT_FORMAT,
        "exported_at": now.isoformat(),
        "you": {"platform": user.tenant.platform.value, "workspace": user.tenant.id,
                "user_id": user.id, "name": user.display_name},
        "log_retention_days": retention_days,
        "tables": [{"table": t.table, "what": t.title, "why": t.why, "rows": list(t.rows)}
                   for t in found],
        # Rows that belong to a course (canvases, notes, places), counted per course.
        "by_course": {course: {t.table: len(t.rows) for t in tables}
                      for course, tables in by_course(found).items() if course is not None},
    }


def by_course(found: list[TableRows]) -> dict[str | None, list[TableRows]]:
    """Each table's rows split by the course they belong to (None: not course data)."""
    grouped: dict[str | None, list[TableRows]] = {}
    for table in found:
        courses: dict[str | None, list[dict[str, Any]]] = {}
        for row in table.rows:
            course = row.get("course_id") if table.table != "course_choices" else None
            courses.setdefault(course, []).append(row)
        for course, rows in courses.items():
            grouped.setdefault(course, []).append(replace(table, rows=tuple(rows)))
    return dict(sorted(grouped.items(), key=lambda item: (item[0] is None, item[0] or "")))


def export_markdown(user: UserRef, found: list[TableRows], now: datetime) -> str:
    who = user.id if user.label == user.id else f"{user.label} ({user.id})"
    lines = ["# What studybot keeps about you", "",
             f"For {who} on {user.tenant.platform.value}, {now:%d %B %Y %H:%M} UTC.", ""]
    if not found:
        lines.append("Nothing: I keep no data about you.")
    for course, tables in by_course(found).items():
        lines += [f"## In the course `{course}`" if course else "## Not tied to one course", ""]
        for table in tables:
            lines += [f"### {table.title} ({len(table.rows)})", "", f"Why: {table.why}.", ""]
            lines += [f"- {_row_line(row)}" for row in table.rows]
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def _row_line(row: dict[str, Any]) -> str:
    return "; ".join(f"{key}: {_readable(value)}" for key, value in row.items() if value not in (None, ""))


def _readable(value: Any) -> str:
    if isinstance(value, datetime):
        return f"{value:%d %b %Y %H:%M}"
    return " ".join(str(value).split())


def _json_value(value: Any) -> str:
    return value.isoformat() if isinstance(value, datetime | date) else str(value)

