"""`group audit` (facilitators): who changed the group's settings, roles and prompts, and when."""

from __future__ import annotations

from bot.audit.service import AuditLog
from bot.audit.store import AuditEntry
from bot.bounds import listed_number
from bot.command import Context, UsageError
from bot.messages import Bullets, Heading, Reply, Text

SHOWN = 20
MOST = 100


async def show_audit(audit: AuditLog, context: Context, args: str) -> Reply:
    word = args.strip()
    number = listed_number(word)
    if word and number is None:
        raise UsageError("`group audit` shows the latest facilitator actions; `group audit 50` "
                         "shows more.")
    limit = min(number, MOST) if number is not None else SHOWN
    entries = await audit.recent(context.message.user.tenant, max(limit, 1))
    return audit_reply(entries)


def audit_reply(entries: list[AuditEntry]) -> Reply:
    if not entries:
        return Reply.of(Text("No facilitator actions are recorded here yet."), private=True)
    return Reply.of(
        Heading("Facilitator actions, newest first"),
        Bullets(tuple(audit_line(e) for e in entries), from_user=True),
        Text(f"Times are UTC. `group audit {MOST}` shows more; entries older than the log "
             "retention period are deleted."),
        private=True, summary="Facilitator actions")


def audit_line(entry: AuditEntry) -> str:
    who = entry.actor_name if entry.actor_name == entry.actor_id else f"{entry.actor_name} ({entry.actor_id})"
    subject = f" for {entry.subject_id}" if entry.subject_id else ""
    detail = f": {_short(entry.detail)}" if entry.detail else ""
    return f"{entry.at:%d %b %Y %H:%M} · {who} · {entry.action}{subject} in #{entry.channel_id}{detail}"


def _short(text: str, limit: int = 120) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
