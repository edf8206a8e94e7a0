"""calendar: weekly series with bounds; live study sessions, RSVPs; a group's calendar settings

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-01
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from bot.store.base import UtcDateTime

TENANT = ("platform", "tenant_id")

revision: str = "0012"
down_revision: str | Sequence[str] | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("schedules") as batch:
        batch.add_column(sa.Column("first_day", sa.Date(), nullable=True))
        batch.add_column(sa.Column("last_day", sa.Date(), nullable=True))
        batch.add_column(sa.Column("until_set", sa.Boolean(), nullable=False,
                                   server_default=sa.false()))
    op.create_table(
        "study_sessions", *_tenant(),
        sa.Column("id", sa.String(32), nullable=False),
        sa.Column("channel_id", sa.String(64), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("place", sa.Text(), nullable=False),
        sa.Column("starts_at", UtcDateTime(), nullable=False),
        sa.Column("minutes", sa.Integer(), nullable=False),
        sa.Column("cancelled_at", UtcDateTime(), nullable=True),
        sa.Column("created_by", sa.String(64), nullable=False),
        sa.Column("updated_at", UtcDateTime(), nullable=False),
        sa.PrimaryKeyConstraint(*TENANT, "id", name="pk_study_sessions"),
        sa.UniqueConstraint(*TENANT, "channel_id", "number", name="uq_study_sessions_number"),
    )
    op.create_table(
        "session_rsvps", *_tenant(),
        sa.Column("session_id", sa.String(32), nullable=False),
        sa.Column("user_id", sa.String(64), nullable=False),
        sa.Column("channel_id", sa.String(64), nullable=False),
        sa.Column("name", sa.String(120), nullable=False),
        sa.Column("answer", sa.String(8), nullable=False),
        sa.Column("answered_at", UtcDateTime(), nullable=False),
        sa.PrimaryKeyConstraint(*TENANT, "session_id", "user_id", name="pk_session_rsvps"),
    )
    op.create_table(
        "group_settings", *_tenant(),
        sa.Column("channel_id", sa.String(64), nullable=False),
        sa.Column("session_lead_minutes", sa.Integer(), nullable=False),
        sa.Column("feed_token", sa.String(64), nullable=True),
        sa.Column("ping", sa.String(64), nullable=True),
        sa.Column("updated_at", UtcDateTime(), nullable=False),
        sa.PrimaryKeyConstraint(*TENANT, "channel_id", name="pk_group_settings"),
        sa.UniqueConstraint("feed_token", name="uq_group_settings_feed_token"),
    )


def _tenant() -> tuple[sa.Column[str], ...]:
    return (sa.Column("platform", sa.String(16), nullable=False),
            sa.Column("tenant_id", sa.String(64), nullable=False))


def downgrade() -> None:
    op.drop_table("group_settings")
    op.drop_table("session_rsvps")
    op.drop_table("study_sessions")
    with op.batch_alter_table("schedules") as batch:
        batch.drop_column("until_set")
        batch.drop_column("last_day")
        batch.drop_column("first_day")
