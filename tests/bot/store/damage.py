"""A studybot database with damaged pages: it opens, its schema reads, its data does not."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

PAGE = 4096


def damage(file: Path) -> Path:
    """Fill the file with rows in a table of its own, then scribble over that table's pages
    (the last ones in the file), leaving the schema and Alembic's table readable."""
    with closing(sqlite3.connect(file)) as connection:
        connection.execute("PRAGMA journal_mode=DELETE")
        connection.execute("CREATE TABLE filler (id INTEGER PRIMARY KEY, words TEXT)")
        connection.executemany("INSERT INTO filler (words) VALUES (?)",
                               [(f"row {n} " * 5,) for n in range(3000)])
        connection.commit()
    with file.open("r+b") as raw:
        raw.seek(file.stat().st_size - 5 * PAGE + 100)
        raw.write(b"\xff" * 200)
    return file
