"""canvas: learners' and groups' canvases, their history, and project ideas notes

Revision ID: 0003
Revises: 0001
Create Date: 2026-11-25
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from bot.store.base import UtcDateTime

revision: str = "0003"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OWNER = ("platform", "tenant_id", "owner_kind", "owner_id")


def _owner_columns() -> list[sa.Column]:
    return [
        sa.Column("platform", sa.String(16), nullable=False),
        sa.Column("tenant_id", sa.String(64), nullable=False),
        sa.Column("owner_kind", sa.String(16), nullable=False),
        sa.Column("owner_id", sa.String(64), nullable=False),
    ]


def upgrade() -> None:
    op.create_table(
        "canvases",
        *_owner_columns(),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.Column("updated_at", UtcDateTime(), nullable=False),
        sa.PrimaryKeyConstraint(*OWNER, name="pk_canvases"),
    )
    op.create_table(
        "canvas_entries",
        *_owner_columns(),
        sa.Column("entry_no", sa.Integer(), nullable=False, autoincrement=False),
        sa.Column("block_id", sa.String(64), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("author_id", sa.String(64), nullable=False),
        sa.Column("author_name", sa.String(200), nullable=False),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.Column("updated_at", UtcDateTime(), nullable=False),
        sa.PrimaryKeyConstraint(*OWNER, "entry_no", name="pk_canvas_entries"),
    )
    op.create_table(
        "canvas_changes",
        *_owner_columns(),
        sa.Column("revision", sa.Integer(), nullable=False, autoincrement=False),
        sa.Column("actor_id", sa.String(64), nullable=False),
        sa.Column("actor_name", sa.String(200), nullable=False),
        sa.Column("action", sa.String(16), nullable=False),
        sa.Column("block_id", sa.String(64), nullable=True),
        sa.Column("before_text", sa.Text(), nullable=True),
        sa.Column("after_text", sa.Text(), nullable=True),
        sa.Column("at", UtcDateTime(), nullable=False),
        sa.PrimaryKeyConstraint(*OWNER, "revision", name="pk_canvas_changes"),
    )
    op.create_table(
        "idea_notes",
        sa.Column("platform", sa.String(16), nullable=False),
        sa.Column("tenant_id", sa.String(64), nullable=False),
        sa.Column("user_id", sa.String(64), nullable=False),
        sa.Column("note_no", sa.Integer(), nullable=False, autoincrement=False),
        sa.Column("week", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("promoted_to", sa.String(64), nullable=True),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("platform", "tenant_id", "user_id", "note_no",
                                name="pk_idea_notes"),
    )


def downgrade() -> None:
    op.drop_table("idea_notes")
    op.drop_table("canvas_changes")
    op.drop_table("canvas_entries")
    op.drop_table("canvases")
