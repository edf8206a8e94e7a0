"""slack: events already answered (across replicas), people already welcomed

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-01
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from bot.store.base import UtcDateTime

revision: str = "0010"
down_revision: str | Sequence[str] | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "slack_seen_events",
        sa.Column("event_id", sa.String(64), nullable=False),
        sa.Column("expires_at", UtcDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("event_id", name="pk_slack_seen_events"),
    )
    op.create_index("ix_slack_seen_events_expires_at", "slack_seen_events", ["expires_at"])
    op.create_table(
        "slack_welcomes",
        sa.Column("platform", sa.String(16), nullable=False),
        sa.Column("tenant_id", sa.String(64), nullable=False),
        sa.Column("user_id", sa.String(64), nullable=False),
        sa.Column("welcomed_at", UtcDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("platform", "tenant_id", "user_id", name="pk_slack_welcomes"),
    )


def downgrade() -> None:
    op.drop_table("slack_welcomes")
    op.drop_index("ix_slack_seen_events_expires_at", table_name="slack_seen_events")
    op.drop_table("slack_seen_events")
