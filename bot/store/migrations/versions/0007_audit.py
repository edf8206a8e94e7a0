"""audit: facilitator actions (group settings, roles, prompts, data removal), who and when

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-27
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from bot.store.base import UtcDateTime

revision: str = "0007"
down_revision: str | Sequence[str] | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "audit_log",
        sa.Column("platform", sa.String(16), nullable=False),
        sa.Column("tenant_id", sa.String(64), nullable=False),
        sa.Column("id", sa.String(32), nullable=False),
        sa.Column("channel_id", sa.String(64), nullable=False),
        sa.Column("actor_id", sa.String(64), nullable=False),
        sa.Column("actor_name", sa.String(200), nullable=False),
        sa.Column("action", sa.String(32), nullable=False),
        sa.Column("subject_id", sa.String(64), nullable=True),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.Column("at", UtcDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("platform", "tenant_id", "id", name="pk_audit_log"),
    )
    op.create_index("ix_audit_log_recent", "audit_log", ["platform", "tenant_id", "at"])
    op.create_index("ix_audit_log_channel", "audit_log",
                    ["platform", "tenant_id", "channel_id", "action", "at"])


def downgrade() -> None:
    op.drop_index("ix_audit_log_channel", table_name="audit_log")
    op.drop_index("ix_audit_log_recent", table_name="audit_log")
    op.drop_table("audit_log")
