"""Every table says what it keeps about people, so privacy requests cover new tables too."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import Column, MetaData, String, Table

from bot.store.personal import USER, Anonymise, PersonalData, UndeclaredTable, declarations, declare, declared
from tests import table_scan

# Column names that hold a person's id (or name) somewhere in the schema.
PERSON_COLUMN = re.compile(r"^(user|author|actor|subject|owner|installer|member)_(id|name)$|_by$")
# Columns that match the pattern but hold no person, and why.
NOT_A_PERSON = {
    ("deliveries", "claimed_by"): "the id of the worker process that claimed the post",
}


def test_every_table_declares_what_it_keeps_about_people() -> None:
    missing = [t.name for t in table_scan.all_tables() if declared(t) is None]
    assert missing == [], f"declare these tables with bot.store.personal.declare: {missing}"


@pytest.mark.parametrize("table", table_scan.all_tables(), ids=lambda t: t.name)
def test_every_column_naming_a_person_is_erased_or_anonymised(table: Table) -> None:
    spec = declared(table)
    assert spec is not None
    covered = {c for match in spec.owned for c, v in match.items() if v is USER}
    covered |= {a.id_column for a in spec.mentions} | {a.name_column for a in spec.mentions if a.name_column}
    covered |= set(spec.containing)
    for column in table.c:
        if PERSON_COLUMN.search(column.name) and (table.name, column.name) not in NOT_A_PERSON:
            assert column.name in covered, (
                f"{table.name}.{column.name} may hold a person: erase or anonymise it in its declaration")


def test_an_undeclared_table_stops_privacy_requests() -> None:
    metadata = MetaData()
    Table("notes_of_tomorrow", metadata, Column("platform", String), Column("tenant_id", String),
          Column("user_id", String))
    with pytest.raises(UndeclaredTable, match="notes_of_tomorrow"):
        list(declarations(metadata))


def test_a_declaration_must_name_real_columns_and_tenants() -> None:
    metadata = MetaData()
    table = Table("t", metadata, Column("platform", String), Column("tenant_id", String),
                  Column("user_id", String))
    with pytest.raises(ValueError, match="no column 'author_id'"):
        declare(table, PersonalData("x", "y", mentions=(Anonymise("author_id"),)))
    global_table = Table("g", metadata, Column("user_id", String))
    with pytest.raises(ValueError, match="tenant"):
        declare(global_table, PersonalData("x", "y", owned=({"user_id": USER},)))
