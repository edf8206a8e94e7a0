"""Imports every table module so Base.metadata knows the whole schema.

A capability with tables of its own adds its store module here (one line).
"""

from bot.audit import store as audit
from bot.canvas import store as canvas
from bot.courses import store as course_choices
from bot.groups import store as group_settings
from bot.ideas import store as ideas
from bot.lookup import last_search, misses, watching
from bot.notes import store as notes
from bot.quiz import learners as quiz_learners
from bot.quiz import nudge_store as quiz_nudges
from bot.quiz import store as reviews
from bot.schedule import deliveries, schedules
from bot.sessions import store as sessions
from bot.store import dialogs, groups
from bot.weeks import store as progress

__all__ = [
    "audit",
    "canvas",
    "course_choices",
    "deliveries",
    "dialogs",
    "group_settings",
    "groups",
    "ideas",
    "last_search",
    "misses",
    "notes",
    "progress",
    "quiz_learners",
    "quiz_nudges",
    "reviews",
    "schedules",
    "sessions",
    "watching",
]
