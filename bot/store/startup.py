"""Opening the database at start-up, and saying in one line why it could not be opened.

Start-up fails for reasons a person fixes outside the program (a folder that cannot be
written, a damaged file, a server that is down, a schema from a newer release), so each
becomes a `DatabaseProblem` naming DATABASE_URL and what to change, not a traceback.
"""

from __future__ import annotations

import errno
import socket
import sys

from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError

from bot.store import migrate
from bot.store.db import Database

CHANGE = "Set DATABASE_URL to a database studybot can open."
DOWN = "Start the server, or set DATABASE_URL to one that is running."


class DatabaseProblem(Exception):
    """The database could not be opened or brought up to date; str() is one line."""


async def open_database(url: str) -> Database:
    """A migrated database, or a DatabaseProblem that says what to change."""
    try:
        db = Database(url)
    except Exception as error:
        raise DatabaseProblem(explain(error, url)) from error
    try:
        damage = await quick_check(db)
        if not damage:
            await migrate.upgrade(db)
    except Exception as error:
        await db.close()
        raise DatabaseProblem(explain(error, url)) from error
    if damage:
        await db.close()
        raise DatabaseProblem(f"DATABASE_URL {_shown(url)}: the database is damaged; restore a backup "
                              f"with `studybot db restore` (SQLite says: {damage}).")
    return db


async def quick_check(db: Database) -> str:
    """SQLite's first complaint about damaged pages, or "" (PostgreSQL checks its own pages).

    A file whose pages are damaged still opens and its schema still reads, so without
    this the bot would start and then apologise for every command that touches them."""
    if not db.is_sqlite:
        return ""
    async with db.engine.connect() as connection:
        first = (await connection.execute(text("PRAGMA quick_check(1)"))).first()
    said = str(first[0]) if first else ""
    return "" if said == "ok" else " ".join(said.split())[:160]


def explain(error: BaseException, url: str) -> str:
    where = f"DATABASE_URL {_shown(url)}"
    if isinstance(error, ArgumentError):
        return "DATABASE_URL is not a database URL. Use sqlite:///path/to/file or postgresql://host/db."
    if _from_alembic(error):
        return (f"{where}: the database was set up by a newer studybot ({error}). Run that "
                "version, or set DATABASE_URL to another database.")
    if _is_connection(error):
        return f"{where}: cannot connect ({type(error).__name__}). {DOWN}"
    reason = _os_reason(error) if isinstance(error, OSError) else _reason(error)
    return f"{where}: {reason}. {CHANGE}"


def _from_alembic(error: BaseException) -> bool:
    """Alembic refused the schema (a revision it does not know). Alembic is imported only
    when a migration runs, so an error raised before that cannot be one of its own."""
    util = sys.modules.get("alembic.util")
    return util is not None and isinstance(error, util.CommandError)


def _is_connection(error: BaseException) -> bool:
    """A server that is down or unreachable (PostgreSQL), as opposed to a file problem."""
    if isinstance(error, ConnectionError | TimeoutError | socket.gaierror):
        return True
    text = str(error.orig if isinstance(error, DBAPIError) else error).lower()
    return not isinstance(error, OSError) and ("connect" in text or "refused" in text)


def _os_reason(error: OSError) -> str:
    path = f" {error.filename}" if error.filename else ""
    if error.errno in (errno.ENOTDIR, errno.EEXIST):
        return f"cannot make the folder{path}: a file is in the way"
    if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return f"cannot write to{path or ' its folder'} ({error.strerror})"
    return f"cannot use{path} ({error.strerror or type(error).__name__})"


def _reason(error: BaseException) -> str:
    text = str(error.orig if isinstance(error, DBAPIError) else error).lower()
    if "file is not a database" in text or "malformed" in text:
        return "the file is damaged or is not a SQLite database"
    if "readonly" in text or "read-only" in text:
        return "the database file is read-only"
    if "unable to open database file" in text:
        return "cannot open the file (its folder is missing or cannot be written)"
    first = str(error).strip().splitlines()[0][:200] if str(error).strip() else ""
    return f"{type(error).__name__}{': ' + first if first else ''}"


def _shown(url: str) -> str:
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return repr(url)
