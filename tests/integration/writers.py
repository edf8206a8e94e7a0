"""One writer process for test_concurrent_writers: adds notes or canvas entries, says how it went.

    python -m tests.integration.writers ideas|canvas|sessions DATABASE_URL COUNT

`ideas`: COUNT notes for one learner. `canvas`: COUNT entries into one block of each of
CANVASES group canvases, in turn. `sessions`: COUNT live sessions (two at a time, as
`session add ... every`) for one group. It says "ready" once loaded and starts when a line
arrives on stdin, so two writers start together. Then it prints one JSON line: what
each add was told ([canvas, number]), how many were refused for a limit, and the text
of any other error (each of which a learner would have seen as an apology).
"""

from __future__ import annotations

import asyncio
import json
import os
import sys
import uuid
from datetime import UTC, datetime, timedelta

from bot.canvas.service import CanvasService
from bot.canvas.store import Actor, CanvasOwner, CanvasRepository
from bot.command import UsageError
from bot.course.loader import load_pack
from bot.ideas.service import IdeasService
from bot.ideas.store import IdeasRepository
from bot.messages import ChannelRef, UserRef
from bot.sessions.store import SessionRepository, StudySession
from bot.store.db import Database
from tests.packs import SMART_CITIES
from tests.people import TENANT

LEARNER = UserRef(TENANT, "ada", "Ada")
BLOCK = "key-partners"
CANVASES = 5


async def write(kind: str, url: str, count: int) -> dict[str, object]:
    course = load_pack(SMART_CITIES)
    db = Database(url)
    canvas = CanvasService(CanvasRepository(db), course.canvas)
    ideas = IdeasService(course, IdeasRepository(db, course.id), canvas)
    block = next(b for b in course.canvas if b.id == BLOCK)
    told: list[tuple[str, int]] = []
    refused, errors = 0, []
    print("ready", flush=True)
    sys.stdin.readline()
    adds = [("notes", n) for n in range(count)] if kind == "ideas" else \
        [("sessions", n) for n in range(0, count, 2)] if kind == "sessions" else \
        [(f"cafe-{c}", n) for n in range(count) for c in range(CANVASES)]
    for where, n in adds:
        now = datetime.now(UTC)
        text = f"entry {n} from process {os.getpid()}"
        try:
            if kind == "sessions":
                pair = [StudySession(TENANT, uuid.uuid4().hex, "cafe", -1, text, "",
                                     now + timedelta(days=d), 60) for d in (1, 8)]
                told += [(where, s.number) for s in await SessionRepository(db).add(pair, "fay", now)]
            elif kind == "ideas":
                told.append((where, (await ideas.add(LEARNER, 1, text, now)).number))
            else:
                owner = CanvasOwner.group(ChannelRef(TENANT, where), course.id)
                told.append((where, await canvas.add(owner, block, text, Actor.of(LEARNER), now)))
        except UsageError:
            refused += 1
        except Exception as error:  # what the router would turn into an apology
            errors.append(f"{type(error).__name__}: {error}")
    await db.close()
    return {"told": told, "refused": refused, "errors": errors}


if __name__ == "__main__":
    print(json.dumps(asyncio.run(write(sys.argv[1], sys.argv[2], int(sys.argv[3])))))
