"""Course notes at scale: how long a learner waits for an answer with many notes beside the course.

    .venv/bin/python benchmarks/notes.py                         # 0, 1,000 and 10,000 notes, lexical
    .venv/bin/python benchmarks/notes.py --notes 1000 --semantic # with the sentence model
    .venv/bin/python benchmarks/notes.py --pairs                 # the closeness thresholds
    .venv/bin/python benchmarks/notes.py --database postgresql+asyncpg://user@host/db

A workspace gets `--notes` course notes (written straight into the table, each with a
question of three to five words drawn from an English word list, so they share few
words, as questions the course leaves open do). Then learners ask, through the whole
companion (router, course lookup, notes, SQLite or PostgreSQL): half the questions are
a noted question in other words (a note should answer), half are questions the course
covers. Reported: p50 and p99 of the time to the reply, the first question after a
change (the notes index is rebuilt) apart, and how many of the noted ones got their
note. `--pairs` prints, for each threshold, how many of the hand-labelled pairs in
tests/bot/notes/pairs.py each measure gets right. Not a test: it prints figures.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from english_words import get_english_words_set  # noqa: E402

from bot.app import open_companion  # noqa: E402
from bot.config import Settings  # noqa: E402
from bot.messages import ChannelRef, Incoming, Platform, TenantRef, UserRef  # noqa: E402
from bot.notes.store import CourseNoteRow  # noqa: E402
from tests.packs import SMART_CITIES  # noqa: E402

TENANT = TenantRef(Platform.CONSOLE, "bench")
COURSE = "smart-cities"
COVERED = ("what is a smart city", "open data portals", "sensors in street lights",
           "who owns the data", "business model canvas key partners", "citizen participation")
PREFIXES = ("how do I", "what about", "can you explain", "tell me about", "why")


def questions(count: int, seed: int = 7) -> list[list[str]]:
    rng = random.Random(seed)
    words = sorted(w for w in get_english_words_set(["gcide"], alpha=True, lower=True) if 5 <= len(w) <= 10)
    return [rng.sample(words, rng.randint(3, 5)) for _ in range(count)]


async def add_notes(companion: object, noted: list[list[str]], now: datetime) -> None:
    db = companion.db  # type: ignore[attr-defined]
    async with db.session() as session:
        session.add_all([CourseNoteRow(
            platform=TENANT.platform.value, tenant_id=TENANT.id, id=uuid.uuid4().hex, course_id=COURSE,
            number=n, answer=f"Answer {n}", questions=" ".join(words), week=None, author_id="fay",
            author_name="Fay", created_at=now, updated_at=now) for n, words in enumerate(noted, start=1)])


def asked(text: str, n: int) -> Incoming:
    return Incoming(UserRef(TENANT, f"learner{n % 50}"), ChannelRef(TENANT, f"dm-{n % 50}", is_direct=True),
                    f"search {text}")


async def run(count: int, asks: int, database: str | None, semantic: bool) -> None:
    os.environ["STUDYBOT_SEMANTIC"] = "on" if semantic else "off"
    with tempfile.TemporaryDirectory() as folder:
        url = database or f"sqlite+aiosqlite:///{folder}/bench.sqlite3"
        now = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
        async with open_companion(Settings(DATABASE_URL=url, STUDYBOT_CONTENT=SMART_CITIES),
                                  clock=lambda: now) as companion:
            noted = questions(count)
            await add_notes(companion, noted, now)
            if semantic:  # the course's passage vectors first (minutes, unless cached)
                search = companion.registries.by_course[COURSE].by_name("search")
                assert search is not None
                await search.handler.__self__.lookup.ready()  # type: ignore[attr-defined]
            rng = random.Random(11)
            started = time.perf_counter()
            await companion.handle(asked("warm up the course index", 0))
            first = time.perf_counter() - started
            background = ""
            if semantic:  # time the questions once the noted questions' vectors are ready
                notes = companion.registries.by_course[COURSE].by_name("notes")
                assert notes is not None
                encoding = notes.handler.__self__.service._encoding  # type: ignore[attr-defined]
                if encoding is not None:
                    await encoding
                    ready = time.perf_counter() - started
                    started = time.perf_counter()
                    await companion.handle(asked("rebuild with the vectors", 0))
                    background = (f"; their vectors ready {ready:.1f} s after it, in the background; "
                                  f"the question after that {(time.perf_counter() - started) * 1000:.0f} ms")
            times, served, tried = [], 0, 0
            for n in range(asks):
                if noted and n % 2 == 0:
                    words = rng.choice(noted)
                    text = f"{rng.choice(PREFIXES)} {' '.join(rng.sample(words, len(words)))}?"
                    tried += 1
                else:
                    text = rng.choice(COVERED)
                started = time.perf_counter()
                reply = await companion.handle(asked(text, n))
                times.append(time.perf_counter() - started)
                served += "Your facilitator answered this" in reply.plain_text() and n % 2 == 0
            times.sort()
            p50 = statistics.median(times) * 1000
            p99 = times[min(len(times) - 1, int(len(times) * 0.99))] * 1000
            kind = "lexical + semantic" if semantic else "lexical"
            print(f"{count:>6} notes ({kind}): first question {first * 1000:7.1f} ms (indexes built)"
                  f"{background}; "
                  f"then p50 {p50:6.1f} ms, p99 {p99:6.1f} ms over {asks}; noted questions answered "
                  f"by their note {served}/{tried}")


def pairs() -> None:
    from bot.course.loader import load_pack
    from bot.notes.closeness import asked as compared
    from bot.notes.closeness import cosine, dice
    from bot.search import semantic
    from bot.search.service import LookupService
    from tests.bot.notes.pairs import PAIRS

    async def weights() -> object:
        lookup = LookupService(load_pack(SMART_CITIES), SMART_CITIES, cache=None, model=None)
        index, _ = await lookup.index()
        await lookup.stop()
        rarest = float(index.idf.max())
        return lambda s: float(index.idf[index.vocab[s]]) if s in index.vocab else rarest

    weight = asyncio.run(weights())
    texts = [t for a, b, _ in PAIRS for t in (a, b)]
    items = compared(texts)
    encoder = semantic.MiniLmEncoder.load()
    vectors = encoder(texts) if encoder is not None else None
    scores = {"Dice": [], "weighted Dice": [], "MiniLM cosine": []}
    for i, (_, _, same) in enumerate(PAIRS):
        a, b = items[2 * i], items[2 * i + 1]
        scores["Dice"].append((dice(a.stems, b.stems), same))
        scores["weighted Dice"].append((dice(a.stems, b.stems, weight), same))  # type: ignore[arg-type]
        if vectors is not None:
            scores["MiniLM cosine"].append((cosine(vectors[2 * i], vectors[2 * i + 1]), same))
    rephrasings = sum(1 for *_, same in PAIRS if same)
    print(f"{len(PAIRS)} labelled pairs, {rephrasings} of them rephrasings")
    for name, found in scores.items():
        for threshold in (0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.77, 0.8):
            right = sum(1 for s, same in found if s >= threshold and same)
            wrong = sum(1 for s, same in found if s >= threshold and not same)
            print(f"  {name:>14} >= {threshold:.2f}: rephrasings found {right:>2}/{rephrasings}, "
                  f"different questions taken as one {wrong}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--notes", type=int, nargs="*", default=[0, 1000, 10_000])
    parser.add_argument("--asks", type=int, default=200)
    parser.add_argument("--database", default=None)
    parser.add_argument("--semantic", action="store_true")
    parser.add_argument("--pairs", action="store_true")
    options = parser.parse_args()
    if options.pairs:
        pairs()
        return
    for count in options.notes:
        asyncio.run(run(count, options.asks, options.database, options.semantic))


if __name__ == "__main__":
    main()
