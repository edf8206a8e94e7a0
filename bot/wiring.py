"""Builds the study-group capability (groups, roles, reminders, prompts, sessions, scheduler).

Called once from the composition root, bot.app, which hands the pieces on: the group
calendar to WeekService, the facilitator check to the Router, the scheduler to the
Companion, and the command sets to the Registry.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from bot.audit.service import AuditLog
from bot.calendar.commands import CalendarCommands
from bot.calendar.feed import CalendarFeed
from bot.command import Capability
from bot.course.catalog import Catalog
from bot.groups.commands import GroupCommands
from bot.groups.pings import GroupPings, PingService
from bot.groups.roles import RoleService
from bot.groups.service import GroupService
from bot.groups.store import GroupSettingsRepository
from bot.notes.audience import NoteAudience
from bot.notes.store import NotesOff
from bot.ports import Clock, Posters
from bot.posts.prompt_commands import PromptCommands
from bot.posts.prompts import DailyCap, PromptService
from bot.posts.reminder_commands import ReminderCommands
from bot.posts.reminders import PostComposer, ReminderService
from bot.schedule.audiences import Audiences
from bot.schedule.deliveries import DeliveryRepository
from bot.schedule.outbox import Outbox, OutboxPolicy
from bot.schedule.scheduler import Scheduler
from bot.schedule.schedules import Kind, ScheduleRepository
from bot.sessions.commands import SessionCommands
from bot.sessions.service import SessionAudience, SessionService
from bot.sessions.store import SessionRepository
from bot.store.db import Database
from bot.store.dialogs import DialogRepository
from bot.store.groups import GroupRepository


@dataclass(frozen=True)
class GroupScheduling:
    calendar: GroupService
    roles: RoleService
    outbox: Outbox
    scheduler: Scheduler
    capabilities: tuple[Capability, ...]
    feed: CalendarFeed


@dataclass(frozen=True)
class FeedPlace:
    """Where calendar feeds are served (a public base URL), or written when there is none."""

    public_url: str = ""
    folder: Path = Path("calendars")


def build_group_scheduling(db: Database, catalog: Catalog, posters: Posters, *, clock: Clock,
                           grace_hours: float = 6.0, audit: AuditLog | None = None,
                           prompt_cap: DailyCap | None = None,
                           feeds: FeedPlace | None = None, default_course: str = "") -> GroupScheduling:
    feeds = feeds or FeedPlace()
    groups, schedules, deliveries = GroupRepository(db), ScheduleRepository(db), DeliveryRepository(db)
    live, settings = SessionRepository(db), GroupSettingsRepository(db)
    outbox = Outbox(schedules, deliveries, GroupPings(posters, settings), PostComposer(catalog), clock=clock,
                    policy=OutboxPolicy(grace=timedelta(hours=grace_hours)), platforms=posters.platforms,
                    audience=Audiences({Kind.SESSION: SessionAudience(live),
                                        Kind.NOTE: NoteAudience(db, NotesOff(db))}))
    scheduler = Scheduler(outbox, schedules, clock=clock)
    calendar = GroupService(groups, catalog, default_course=default_course)
    roles = RoleService(groups)
    reminders = ReminderService(schedules, deliveries, scheduler.schedules_changed, catalog)
    prompts = PromptService(schedules, deliveries, catalog, outbox, changed=scheduler.schedules_changed,
                            cap=prompt_cap)
    pings = PingService(settings)
    sessions = SessionService(live, settings, schedules, outbox, changed=scheduler.schedules_changed)
    feed = CalendarFeed(groups, catalog, settings, live, reminders, public_url=feeds.public_url,
                        folder=feeds.folder, clock=clock)
    capabilities = (GroupCommands(catalog, calendar, roles, reminders, DialogRepository(db), audit, pings,
                                  reach=posters),
                    ReminderCommands(calendar, reminders, audit, reach=posters),
                    PromptCommands(calendar, prompts, audit, reach=posters),
                    SessionCommands(calendar, sessions, audit, pings, reach=posters),
                    CalendarCommands(calendar, feed, audit))
    return GroupScheduling(calendar, roles, outbox, scheduler, capabilities, feed)
