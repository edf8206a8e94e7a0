"""Builds learners' data rights and the abuse guards for the composition root (bot.app).

The pieces go to different places: the audit log and prompt cap to the group
commands, the flood gate to the Router, the privacy commands to the Registry, and
the retention job to the scheduler.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from bot.audit.service import AuditLog
from bot.audit.store import AuditRepository
from bot.config import Settings
from bot.ops.retention import RetentionJob
from bot.ports import Clock
from bot.safeguards.commands import PrivacyCommands
from bot.safeguards.flood import FloodGate, FloodLimits, PromptCap
from bot.safeguards.privacy import PrivacyService
from bot.store.db import Database
from bot.store.dialogs import DialogRepository
from bot.store.erasure import PersonalRows


@dataclass(frozen=True)
class Safeguards:
    audit: AuditLog
    prompt_cap: PromptCap
    flood: FloodGate
    retention: RetentionJob
    privacy: PrivacyCommands


def build_safeguards(db: Database, settings: Settings, *, clock: Clock) -> Safeguards:
    entries = AuditRepository(db)
    audit = AuditLog(entries)
    rows = PersonalRows(db)
    privacy = PrivacyService(rows, retention_days=settings.log_retention_days)
    flood = FloodGate(FloodLimits(per_user=settings.user_commands_per_minute,
                                  per_channel=settings.channel_commands_per_minute,
                                  window=timedelta(minutes=1)))
    return Safeguards(
        audit=audit, prompt_cap=PromptCap(entries, settings.prompts_per_channel_per_day), flood=flood,
        retention=RetentionJob(rows, settings.log_retention_days, clock=clock),
        privacy=PrivacyCommands(privacy, DialogRepository(db), audit))
