"""Imports every table module so Base.metadata knows the whole schema."""

from bot.store import (
    audit,
    canvas,
    course_choices,
    deliveries,
    dialogs,
    group_settings,
    groups,
    ideas,
    last_search,
    progress,
    quiz_learners,
    quiz_nudges,
    reviews,
    schedules,
    search_misses,
    sessions,
)

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
    "progress",
    "quiz_learners",
    "quiz_nudges",
    "reviews",
    "schedules",
    "search_misses",
    "sessions",
]
