"""discord: button commands too long for a custom_id, by a short reference

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-01
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from bot.store.base import UtcDateTime

revision: str = "0009"
down_revision: str | Sequence[str] | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "discord_buttons",
        sa.Column("platform", sa.String(16), nullable=False),
        sa.Column("tenant_id", sa.String(64), nullable=False),
        sa.Column("ref", sa.String(32), nullable=False),
        sa.Column("command", sa.Text(), nullable=False),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("platform", "tenant_id", "ref", name="pk_discord_buttons"),
    )
    op.create_index("ix_discord_buttons_created_at", "discord_buttons", ["created_at"])


def downgrade() -> None:
    op.drop_index("ix_discord_buttons_created_at", table_name="discord_buttons")
    op.drop_table("discord_buttons")
