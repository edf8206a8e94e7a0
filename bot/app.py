"""The composition root: the one place that builds the companion from its settings."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass

from bot.command import Registry
from bot.commands.canvas import CanvasCommands
from bot.commands.help import HelpCommands
from bot.commands.ideas import IdeasCommands
from bot.commands.lookup import LookupCommands
from bot.commands.weeks import WeekCommands
from bot.config import Settings
from bot.course.loader import load_pack
from bot.course.models import Course
from bot.messages import Incoming, Reply
from bot.ops import retention
from bot.ports import Clock, Posters
from bot.router import Router, utc_clock
from bot.safeguards import build_safeguards
from bot.schedule.scheduler import Scheduler
from bot.schedule.wiring import build_group_scheduling
from bot.search.service import LookupService
from bot.search.settings import LookupSettings
from bot.services.canvas import CanvasService
from bot.services.ideas import IdeasService
from bot.services.weeks import WeekService
from bot.store.canvas import CanvasRepository
from bot.store.db import Database
from bot.store.dialogs import DialogRepository
from bot.store.ideas import IdeasRepository
from bot.store.last_search import LastSearchRepository
from bot.store.progress import ProgressRepository
from bot.store.search_misses import SearchMissRepository
from bot.store.startup import open_database


@dataclass
class Companion:
    settings: Settings
    course: Course
    db: Database
    router: Router
    # Adapters register their outbound half here when they connect.
    posters: Posters
    # Scheduled reminders and prompts; adapters start it (`await scheduler.start()`).
    scheduler: Scheduler

    async def handle(self, message: Incoming) -> Reply:
        return await self.router.handle(message)


@asynccontextmanager
async def open_companion(
    settings: Settings, *, clock: Clock = utc_clock
) -> AsyncIterator[Companion]:
    """Load the course, open and migrate the database, wire every capability."""
    course = await asyncio.to_thread(load_pack, settings.content_pack)
    db = await open_database(settings.database_url)
    try:
        registry = Registry()
        posters = Posters()
        progress = ProgressRepository(db)
        safeguards = build_safeguards(db, settings, clock=clock)
        groups = build_group_scheduling(db, course, posters, clock=clock,
                                        grace_hours=settings.catch_up_grace_hours,
                                        audit=safeguards.audit, prompt_cap=safeguards.prompt_cap)
        groups.scheduler.every(retention.JOB_ID, retention.EVERY, safeguards.retention.run)
        weeks = WeekService(course, progress, groups.calendar)
        # Lookup's phrasings ("what did Lorraine say ... in week 5") must be tried before
        # the week capability's, which take any "week N"; its index builds in a thread.
        lookup_settings = LookupSettings()
        lookup = LookupService(course, settings.content_pack, cache=lookup_settings.cache,
                               use_semantic=lookup_settings.use_semantic)
        lookup.start()
        registry.add(LookupCommands(lookup, SearchMissRepository(db), LastSearchRepository(db), registry))
        registry.add(WeekCommands(course, weeks))
        canvas = CanvasService(CanvasRepository(db), course.canvas)
        registry.add(CanvasCommands(course, canvas, weeks, DialogRepository(db)))
        registry.add(IdeasCommands(course, IdeasService(course, IdeasRepository(db), canvas), weeks))
        for capability in groups.capabilities:
            registry.add(capability)
        registry.add(safeguards.privacy)
        # Each capability adds its commands here; help comes last so it lists them all.
        registry.add(HelpCommands(registry, course.title))
        router = Router(registry, DialogRepository(db), clock=clock, fallback="search",
                        is_facilitator=groups.roles.is_facilitator, gate=safeguards.flood.admit)
        try:
            yield Companion(settings=settings, course=course, db=db, router=router, posters=posters,
                            scheduler=groups.scheduler)
        finally:
            await groups.scheduler.stop()
            await lookup.stop()
    finally:
        await db.close()
