"""lookup: questions the course did not answer, and each person's last search

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from bot.store.base import UtcDateTime

revision: str = "0002"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "search_misses",
        sa.Column("platform", sa.String(16), nullable=False),
        sa.Column("tenant_id", sa.String(64), nullable=False),
        sa.Column("id", sa.String(32), nullable=False),
        sa.Column("channel_id", sa.String(64), nullable=False),
        sa.Column("user_id", sa.String(64), nullable=False),
        sa.Column("query", sa.Text(), nullable=False),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("platform", "tenant_id", "id", name="pk_search_misses"),
    )
    op.create_index("ix_search_misses_created_at", "search_misses", ["created_at"])
    op.create_table(
        "last_searches",
        sa.Column("platform", sa.String(16), nullable=False),
        sa.Column("tenant_id", sa.String(64), nullable=False),
        sa.Column("user_id", sa.String(64), nullable=False),
        sa.Column("channel_id", sa.String(64), nullable=False),
        sa.Column("query", sa.Text(), nullable=False),
        sa.Column("shown", sa.Integer(), nullable=False),
        sa.Column("updated_at", UtcDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("platform", "tenant_id", "user_id", "channel_id",
                                name="pk_last_searches"),
    )


def downgrade() -> None:
    op.drop_table("last_searches")
    op.drop_index("ix_search_misses_created_at", table_name="search_misses")
    op.drop_table("search_misses")
