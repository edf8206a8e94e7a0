"""Start-up problems with the settings or the content, each as one line naming what to change.

(The database's own are worded in bot.store.startup, which knows the database.)
"""

from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError

from bot.course.loader import Problem


def settings_problem(error: ValidationError) -> str:
    """'STUDYBOT_X: <what is wrong>' for the first bad setting, and how many more there are."""
    problems = error.errors()
    first = problems[0]
    setting = ".".join(str(part) for part in first["loc"]) or "a setting"
    more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
    return (f"{setting}: {first['msg']} (it was {str(first.get('input'))[:60]!r}){more}; "
            f"change {setting} and start again")


def pack_problem(problems: list[Problem], pack: Path) -> str:
    """The first problem with `file:line`, and where to see all of them."""
    count = len(problems)
    first = problems[0] if problems else "it could not be read"
    others = f"; {count - 1} more: run `studybot content check {pack}`" if count > 1 else ""
    return f"STUDYBOT_CONTENT {pack}: {first}{others}; fix the pack or set STUDYBOT_CONTENT to another"
