"""course notes: facilitators' answers to open questions, the questions' state, opt-outs

Revision ID: 0021
Revises: 0015
Create Date: 2026-12-05
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from bot.store.base import UtcDateTime

revision: str = "0021"
down_revision: str | Sequence[str] | None = "0015"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _tenant() -> list[sa.Column[str]]:
    return [sa.Column("platform", sa.String(16), nullable=False),
            sa.Column("tenant_id", sa.String(64), nullable=False)]


def upgrade() -> None:
    with op.batch_alter_table("search_misses") as batch:
        batch.add_column(sa.Column("week", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("closed_at", UtcDateTime(), nullable=True))
        batch.add_column(sa.Column("note_id", sa.String(32), nullable=True))
        batch.create_index("ix_search_misses_note_id", ["note_id"])
    op.create_table(
        "course_notes", *_tenant(),
        sa.Column("id", sa.String(32), nullable=False),
        sa.Column("course_id", sa.String(64), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("answer", sa.Text(), nullable=False),
        sa.Column("questions", sa.Text(), nullable=False),
        sa.Column("week", sa.Integer(), nullable=True),
        sa.Column("author_id", sa.String(64), nullable=False),
        sa.Column("author_name", sa.String(200), nullable=False),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.Column("updated_at", UtcDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("platform", "tenant_id", "id", name="pk_course_notes"),
        sa.UniqueConstraint("platform", "tenant_id", "course_id", "number", name="uq_course_notes_number"))
    op.create_table(
        "note_serves", *_tenant(),
        sa.Column("id", sa.String(32), nullable=False),
        sa.Column("course_id", sa.String(64), nullable=False),
        sa.Column("note_id", sa.String(32), nullable=False),
        sa.Column("served_at", UtcDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("platform", "tenant_id", "id", name="pk_note_serves"))
    op.create_index("ix_note_serves_served_at", "note_serves", ["served_at"])
    op.create_table(
        "notes_off", *_tenant(),
        sa.Column("user_id", sa.String(64), nullable=False),
        sa.Column("since", UtcDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("platform", "tenant_id", "user_id", name="pk_notes_off"))


def downgrade() -> None:
    op.drop_table("notes_off")
    op.drop_index("ix_note_serves_served_at", table_name="note_serves")
    op.drop_table("note_serves")
    op.drop_table("course_notes")
    with op.batch_alter_table("search_misses") as batch:
        batch.drop_index("ix_search_misses_note_id")
        batch.drop_column("note_id")
        batch.drop_column("closed_at")
        batch.drop_column("week")
