"""The composition root: the one place that builds the companion from its settings."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass

from bot.audit.service import AuditLog
from bot.calendar.feed import CalendarFeed
from bot.canvas.commands import CanvasCommands
from bot.canvas.service import CanvasService
from bot.canvas.store import CanvasRepository
from bot.command import Capability, Registry
from bot.config import Settings
from bot.course.catalog import Catalog, CatalogLoad, load_catalog
from bot.course.models import Course
from bot.courses.commands import CourseCommands
from bot.courses.service import CourseResolver
from bot.courses.store import CourseChoiceRepository
from bot.help import HelpCommands
from bot.ideas.commands import IdeasCommands
from bot.ideas.service import IdeasService
from bot.ideas.store import IdeasRepository
from bot.lookup.commands import LookupCommands
from bot.lookup.elsewhere import OtherCourses
from bot.lookup.last_search import LastSearchRepository
from bot.lookup.misses import SearchMissRepository
from bot.lookup.watching import WatchingRepository
from bot.lookup.watching_commands import WatchingCommands
from bot.messages import Incoming, Reply
from bot.notes.audience import Telling
from bot.notes.commands import NotesCommands
from bot.notes.service import NotesService
from bot.notes.store import NoteRepository, NotesOff
from bot.ops import retention
from bot.ports import Clock, Posters
from bot.quiz import nudges as quiz_nudges
from bot.quiz.commands import QuizCommands
from bot.quiz.learners import QuizLearnerRepository
from bot.quiz.nudge_store import QuizNudgeRepository
from bot.quiz.nudges import QuizNudges
from bot.quiz.service import QuizService
from bot.quiz.store import ReviewRepository
from bot.registries import CourseRegistries
from bot.router import Router, utc_clock
from bot.safeguards.build import build_safeguards
from bot.schedule.scheduler import Scheduler
from bot.schedule.schedules import ScheduleRepository
from bot.search.service import LookupService, SharedModel
from bot.search.settings import LookupSettings
from bot.store.db import Database
from bot.store.dialogs import DialogRepository
from bot.store.groups import GroupRepository
from bot.store.startup import open_database
from bot.weeks.commands import WeekCommands
from bot.weeks.service import WeekService
from bot.weeks.store import ProgressRepository
from bot.wiring import FeedPlace, GroupScheduling, build_group_scheduling

log = logging.getLogger(__name__)


@dataclass
class Companion:
    settings: Settings
    catalog: Catalog
    db: Database
    router: Router
    registries: CourseRegistries
    resolver: CourseResolver
    # Adapters register their outbound half here when they connect.
    posters: Posters
    # Scheduled reminders and prompts; adapters start it (`await scheduler.start()`).
    scheduler: Scheduler
    # Groups' calendar feeds, served by the ops HTTP server.
    calendar: CalendarFeed

    async def handle(self, message: Incoming) -> Reply:
        return await self.router.handle(message)

    @property
    def title(self) -> str:
        """What to call the companion where no one course applies (headers, greetings)."""
        only = self.catalog.only
        return f"your companion for {only.title}" if only else "your study companion"

    async def course_for(self, message: Incoming) -> Course:
        """The course a message is about (its group's, or the learner's), for suggestions;
        the default or first course where the learner has not picked one yet."""
        where = await self.resolver.resolve(message)
        return where.course or self.resolver.default or self.catalog.courses[0]

    def courses(self) -> tuple[Course, ...]:
        """Every course a group may follow."""
        return self.catalog.courses


class CourseParts:
    """Builds one course's capabilities; keeps its lookup so the companion can stop it."""

    def __init__(self, db: Database, catalog: Catalog, groups: GroupScheduling, audit: AuditLog) -> None:
        self.db = db
        self.audit = audit
        self.catalog = catalog
        self.groups = groups
        self.lookups: list[LookupService] = []
        # Every course's lookup, so a question one course misses is tried on the others.
        self.others = OtherCourses()
        self.lookup_settings = LookupSettings()
        self.model = SharedModel() if self.lookup_settings.use_semantic else None

    def __call__(self, course: Course, registry: Registry) -> Sequence[Capability]:
        db = self.db
        weeks = WeekService(course, ProgressRepository(db), self.groups.calendar)
        folder = self.catalog.folder(course.id)
        assert folder is not None  # every course of a loaded catalog has its folder
        lookup = LookupService(course, folder, cache=self.lookup_settings.cache, model=self.model)
        self.lookups.append(lookup)
        self.others.add(lookup)
        canvas = CanvasService(CanvasRepository(db), course.canvas)
        watching = WatchingRepository(db, course.id)
        # Lookup's phrasings ("what did ... say ... in week 5") must be tried before the
        # week capability's, which take any "week N".
        notes = NotesService(NoteRepository(db, course.id), SearchMissRepository(db, course.id), lookup)
        telling = Telling(GroupRepository(db), ScheduleRepository(db),
                          self.groups.scheduler.schedules_changed)
        capabilities: list[Capability] = [
            LookupCommands(lookup, SearchMissRepository(db, course.id), LastSearchRepository(db),
                           registry, weeks, self.others, watching, noted=notes),
            WatchingCommands(course, watching, weeks),
            NotesCommands(notes, LastSearchRepository(db), NotesOff(db), telling, DialogRepository(db),
                          self.audit),
            WeekCommands(course, weeks)]
        if course.has_canvas:
            capabilities.append(CanvasCommands(course, canvas, weeks, DialogRepository(db)))
        ideas = IdeasService(course, IdeasRepository(db, course.id), canvas)
        capabilities.append(IdeasCommands(course, ideas, weeks))
        if course.quiz:
            prefs = QuizLearnerRepository(db)
            quiz = QuizService(course, ReviewRepository(db), prefs, weeks, self.groups.calendar)
            capabilities.append(QuizCommands(quiz, DialogRepository(db), prefs, self.groups.calendar,
                                             QuizNudgeRepository(db)))
        return capabilities


@asynccontextmanager
async def open_companion(
    settings: Settings, *, clock: Clock = utc_clock
) -> AsyncIterator[Companion]:
    """Load the courses, open and migrate the database, wire every capability."""
    loaded = await asyncio.to_thread(load_catalog, settings.content)
    report_broken_packs(loaded)
    catalog = loaded.catalog
    db = await open_database(settings.database_url)
    try:
        await warn_of_missing_courses(db, catalog)
        posters = Posters()
        safeguards = build_safeguards(db, settings, clock=clock)
        groups = build_group_scheduling(db, catalog, posters, clock=clock,
                                        grace_hours=settings.catch_up_grace_hours,
                                        audit=safeguards.audit, prompt_cap=safeguards.prompt_cap,
                                        feeds=FeedPlace(settings.public_url, settings.calendar_dir),
                                        default_course=settings.default_course)
        groups.scheduler.every(retention.JOB_ID, retention.EVERY, safeguards.retention.run)
        nudges = QuizNudges(QuizNudgeRepository(db), ReviewRepository(db), catalog, posters, clock=clock)
        groups.scheduler.every(quiz_nudges.JOB_ID, quiz_nudges.EVERY, nudges.run)
        choices = CourseChoiceRepository(db)
        resolver = CourseResolver(catalog, GroupRepository(db), choices,
                                  default_course=settings.default_course)
        courses = CourseCommands(catalog, resolver, choices, DialogRepository(db))
        parts = CourseParts(db, catalog, groups, safeguards.audit)
        registries = CourseRegistries(
            catalog, resolver, course_capabilities=parts,
            shared=(*groups.capabilities, safeguards.privacy, courses),
            help_for=lambda registry, course: HelpCommands(registry, course.title if course else None),
            no_course=courses.no_course)
        for lookup in parts.lookups:
            lookup.start()
        router = Router(registries, DialogRepository(db), clock=clock, fallback="search",
                        is_facilitator=groups.roles.is_facilitator, gate=safeguards.flood.admit,
                        unit_of_work=db.unit)
        try:
            yield Companion(settings=settings, catalog=catalog, db=db, router=router,
                            registries=registries, resolver=resolver, posters=posters,
                            scheduler=groups.scheduler, calendar=groups.feed)
        finally:
            await groups.scheduler.stop()
            await asyncio.gather(*(lookup.stop() for lookup in parts.lookups))
    finally:
        await db.close()


def report_broken_packs(loaded: CatalogLoad) -> None:
    """A broken pack is left out, loudly; the others still serve. With none left, start-up
    stops with the problems (said once, by whoever catches NoCourses)."""
    if not loaded.catalog.courses:
        raise NoCourses(loaded)
    for folder, problems in loaded.broken.items():
        log.error("content pack %s left out: %d problem(s); first: %s (run `studybot content "
                  "check %s` for all)", folder, len(problems), problems[0], folder)


class NoCourses(Exception):
    """Not one content pack could be loaded: there is nothing to serve."""

    def __init__(self, loaded: CatalogLoad) -> None:
        self.loaded = loaded
        self.problems = [p for found in loaded.broken.values() for p in found]
        super().__init__("no course could be loaded:\n" + "\n".join(str(p) for p in self.problems))


async def warn_of_missing_courses(db: Database, catalog: Catalog) -> None:
    missing = sorted(set(await GroupRepository(db).course_ids()) - set(catalog.ids))
    if missing:
        log.warning("study groups follow courses that are not installed: %s; their channels are told, "
                    "and their data is kept", ", ".join(missing))
