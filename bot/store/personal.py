"""What each table keeps about a person, declared beside the table itself.

Every table module calls `declare(Row, PersonalData(...))` once. `privacy`, `privacy
export`, `privacy delete`, a group's removal and log retention all read these
declarations (see bot.store.erasure), so a new table is covered by declaring it, and a
test fails for any table that declares nothing.

Declarations name columns, not code: `owned` rows are the person's own (exported,
then deleted); `mentions` are rows that name them as an author or actor (exported,
then anonymised to "a former member"); `containing` columns hold free text (a cached
message): a row whose text contains their id or name is deleted. `group` rows go with
a study group's removal. `USER` and `CHANNEL` stand for the person's id and a group's
channel id.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sqlalchemy import MetaData, Table

if TYPE_CHECKING:
    from sqlalchemy.ext.asyncio import AsyncSession

    from bot.messages import UserRef

INFO_KEY = "studybot_personal_data"
FORMER_MEMBER_ID = "former-member"
FORMER_MEMBER_NAME = "a former member"
TENANT_COLUMNS = ("platform", "tenant_id")


@dataclass(frozen=True)
class Placeholder:
    """Stands for a value known only when a request is made."""

    name: str


USER = Placeholder("user")
CHANNEL = Placeholder("channel")
Match = Mapping[str, "str | Placeholder"]
# An erase step columns cannot express (e.g. a user id inside a JSON document).
CustomEraser = Callable[["AsyncSession", Table, "UserRef"], Awaitable[int]]


@dataclass(frozen=True)
class Anonymise:
    """Rows whose `id_column` is the person: the id becomes FORMER_MEMBER_ID and the name
    column (their display name when they wrote it) FORMER_MEMBER_NAME."""

    id_column: str
    name_column: str | None = None


@dataclass(frozen=True)
class Retention:
    """A log table: rows whose `column` is older than the retention period are deleted,
    except rows matching `keep` (e.g. a delivery still being posted)."""

    column: str
    keep: Match = field(default_factory=dict)


@dataclass(frozen=True)
class PersonalData:
    title: str  # what the rows are, in the learner's words ("Your project idea notes")
    why: str  # why we keep them, shown by `privacy`
    owned: tuple[Match, ...] = ()  # rows that are the person's: exported, then deleted
    mentions: tuple[Anonymise, ...] = ()  # rows naming them: exported, then anonymised
    containing: tuple[str, ...] = ()  # free-text columns: rows containing them are deleted
    group: tuple[Match, ...] = ()  # rows of a study group (CHANNEL), removed with it
    secret: tuple[str, ...] = ()  # columns never exported (tokens)
    retention: Retention | None = None  # a log, deleted after the retention period
    custom: CustomEraser | None = None  # one more erase step, for what columns cannot say

    @staticmethod
    def none(why: str, *, group: tuple[Match, ...] = (), retention: Retention | None = None) -> PersonalData:
        """A table that holds nothing about any one person."""
        return PersonalData(title="", why=why, group=group, retention=retention)

    @property
    def about_people(self) -> bool:
        return bool(self.owned or self.mentions or self.containing or self.custom)

    def columns(self) -> set[str]:
        named = {c for match in (*self.owned, *self.group) for c in match}
        named |= {a.id_column for a in self.mentions}
        named |= {a.name_column for a in self.mentions if a.name_column}
        named |= set(self.containing) | set(self.secret)
        if self.retention is not None:
            named |= {self.retention.column, *self.retention.keep}
        return named


class UndeclaredTable(LookupError):
    """A table whose personal data nobody declared: privacy requests refuse to run."""


def declare(model: Any, spec: PersonalData) -> None:
    """Attach `spec` to a mapped class's table (or a Table); checks its column names."""
    table: Table = model if isinstance(model, Table) else model.__table__
    unknown = spec.columns() - set(table.c.keys())
    if unknown:
        raise ValueError(f"{table.name}: no column {sorted(unknown)[0]!r}")
    tenant_scoped = all(c in table.c for c in TENANT_COLUMNS)
    if (spec.about_people or spec.group) and not tenant_scoped:
        raise ValueError(f"{table.name}: rows about people need the tenant columns")
    table.info[INFO_KEY] = spec


def declared(table: Table) -> PersonalData | None:
    spec = table.info.get(INFO_KEY)
    return spec if isinstance(spec, PersonalData) else None


def undeclared(metadata: MetaData) -> list[str]:
    return [t.name for t in metadata.sorted_tables if declared(t) is None]


def declarations(metadata: MetaData) -> Iterator[tuple[Table, PersonalData]]:
    """Every table with its declaration, in dependency order; refuses undeclared ones."""
    missing = undeclared(metadata)
    if missing:
        raise UndeclaredTable(f"no personal-data declaration for table(s): {', '.join(missing)}")
    for table in metadata.sorted_tables:
        spec = declared(table)
        assert spec is not None
        yield table, spec
