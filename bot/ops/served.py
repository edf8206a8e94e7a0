"""What the ops hooks need of a running companion, without importing the app that builds it.

bot.app.Companion has these parts; ops code reads them and never the rest, so the kernel
stays below the composition that uses it.
"""

from __future__ import annotations

from typing import Protocol

from bot.router import Router
from bot.schedule.scheduler import Scheduler
from bot.store.db import Database


class Served(Protocol):
    @property
    def db(self) -> Database: ...

    @property
    def router(self) -> Router: ...

    @property
    def scheduler(self) -> Scheduler: ...
