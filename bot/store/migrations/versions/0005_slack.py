"""slack: installations (OAuth, many workspaces), OAuth states, shareable replies

Revision ID: 0005
Revises: 0001
Create Date: 2026-11-26
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from bot.store.base import UtcDateTime

revision: str = "0005"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "slack_installations",
        sa.Column("platform", sa.String(16), nullable=False),
        sa.Column("tenant_id", sa.String(64), nullable=False),
        sa.Column("user_id", sa.String(64), nullable=False),
        sa.Column("enterprise_id", sa.String(64), nullable=True),
        sa.Column("team_id", sa.String(64), nullable=True),
        sa.Column("is_enterprise_install", sa.Boolean(), nullable=False),
        sa.Column("data", sa.Text(), nullable=False),
        sa.Column("installed_at", UtcDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("platform", "tenant_id", "user_id", name="pk_slack_installations"),
    )
    op.create_table(
        "slack_oauth_states",
        sa.Column("state", sa.String(64), nullable=False),
        sa.Column("expires_at", UtcDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("state", name="pk_slack_oauth_states"),
    )
    op.create_table(
        "slack_shared_replies",
        sa.Column("platform", sa.String(16), nullable=False),
        sa.Column("tenant_id", sa.String(64), nullable=False),
        sa.Column("share_id", sa.String(64), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("expires_at", UtcDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("platform", "tenant_id", "share_id", name="pk_slack_shared_replies"),
    )
    op.create_index("ix_slack_shared_replies_expires_at", "slack_shared_replies", ["expires_at"])


def downgrade() -> None:
    op.drop_index("ix_slack_shared_replies_expires_at", table_name="slack_shared_replies")
    op.drop_table("slack_shared_replies")
    op.drop_table("slack_oauth_states")
    op.drop_table("slack_installations")
