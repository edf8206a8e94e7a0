"""Two real processes writing to one learner's notes, a group canvas, a group's sessions at once.

Numbers are "highest + 1" and limits are counts, so both are read and written in one
transaction that holds the canvas (or retries a number another writer took): no learner
sees an apology, no two are told the same number, and a limit holds exactly.
Runs on SQLite, and on PostgreSQL under tests/with_postgres.sh.
"""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from bot.canvas.limits import LIMITS
from tests.integration.writers import CANVASES

ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Outcome:
    """What both writers saw: the numbers they were told, refusals, apologies."""

    told: dict[str, list[int]]
    refused: int
    errors: list[str]


def run_two(kind: str, url: str, each: int) -> Outcome:
    command = [sys.executable, "-m", "tests.integration.writers", kind, url, str(each)]
    writers = [subprocess.Popen(command, cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                text=True) for _ in range(2)]
    for writer in writers:  # both loaded before either starts, so their adds overlap
        assert writer.stdout is not None and writer.stdout.readline().strip() == "ready"
    for writer in writers:
        assert writer.stdin is not None
        writer.stdin.write("go\n")
        writer.stdin.flush()
    outputs = [writer.communicate(timeout=300)[0] for writer in writers]
    assert all(writer.returncode == 0 for writer in writers)
    results = [json.loads(output.strip().splitlines()[-1]) for output in outputs]
    told: dict[str, list[int]] = {}
    for where, number in (pair for r in results for pair in r["told"]):
        told.setdefault(where, []).append(number)
    return Outcome(told={where: sorted(numbers) for where, numbers in told.items()},
                   refused=sum(r["refused"] for r in results),
                   errors=[e for r in results for e in r["errors"]])


def test_two_processes_adding_notes_get_distinct_numbers_and_stop_at_the_limit(
        database_url: str) -> None:
    each = LIMITS.notes // 2 + 20
    outcome = run_two("ideas", database_url, each)
    assert outcome.errors == []
    assert outcome.told == {"notes": list(range(1, LIMITS.notes + 1))}
    assert outcome.refused == 2 * each - LIMITS.notes


def test_two_processes_adding_to_one_block_fill_it_exactly_and_number_each_entry_once(
        database_url: str) -> None:
    each = LIMITS.entries_per_block
    outcome = run_two("canvas", database_url, each)
    assert outcome.errors == []
    assert outcome.told == {f"cafe-{n}": list(range(1, LIMITS.entries_per_block + 1))
                            for n in range(CANVASES)}
    assert outcome.refused == each * CANVASES


def test_two_facilitators_adding_sessions_at_once_get_distinct_numbers(database_url: str) -> None:
    each = 40
    outcome = run_two("sessions", database_url, each)
    assert outcome.errors == []
    assert outcome.told == {"sessions": list(range(1, 2 * each + 1))}
