"""The composition root: the one place that builds the companion from its settings."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass

from bot.command import Registry
from bot.commands.help import HelpCommands
from bot.commands.weeks import WeekCommands
from bot.config import Settings
from bot.course.loader import load_pack
from bot.course.models import Course
from bot.messages import Incoming, Reply
from bot.ports import Clock, Posters
from bot.router import Router, utc_clock
from bot.services.weeks import WeekService
from bot.store import migrate
from bot.store.db import Database
from bot.store.dialogs import DialogRepository
from bot.store.progress import ProgressRepository


@dataclass
class Companion:
    settings: Settings
    course: Course
    db: Database
    router: Router
    # Adapters register their outbound half here when they connect.
    posters: Posters

    async def handle(self, message: Incoming) -> Reply:
        return await self.router.handle(message)


@asynccontextmanager
async def open_companion(
    settings: Settings, *, clock: Clock = utc_clock
) -> AsyncIterator[Companion]:
    """Load the course, open and migrate the database, wire every capability."""
    course = await asyncio.to_thread(load_pack, settings.content_pack)
    db = Database(settings.database_url)
    try:
        await migrate.upgrade(db)
        registry = Registry()
        posters = Posters()
        progress = ProgressRepository(db)
        weeks = WeekService(course, progress)
        registry.add(WeekCommands(course, weeks))
        # Each capability adds its commands here; help comes last so it lists them all.
        registry.add(HelpCommands(registry, course.title))
        router = Router(registry, DialogRepository(db), clock=clock)
        yield Companion(settings=settings, course=course, db=db, router=router, posters=posters)
    finally:
        await db.close()
