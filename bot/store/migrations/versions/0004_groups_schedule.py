"""groups and scheduling: study groups, members, facilitators, schedules, deliveries

Revision ID: 0004
Revises: 0001
Create Date: 2026-11-26
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from bot.store.base import UtcDateTime

revision: str = "0004"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _tenant() -> list[sa.Column[str]]:
    return [sa.Column("platform", sa.String(16), nullable=False),
            sa.Column("tenant_id", sa.String(64), nullable=False)]


def upgrade() -> None:
    op.create_table(
        "study_groups", *_tenant(),
        sa.Column("channel_id", sa.String(64), nullable=False),
        sa.Column("name", sa.String(120), nullable=False),
        sa.Column("course_id", sa.String(64), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("timezone", sa.String(64), nullable=False),
        sa.Column("created_by", sa.String(64), nullable=False),
        sa.Column("updated_at", UtcDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("platform", "tenant_id", "channel_id", name="pk_study_groups"),
    )
    op.create_table(
        "group_members", *_tenant(),
        sa.Column("user_id", sa.String(64), nullable=False),
        sa.Column("channel_id", sa.String(64), nullable=False),
        sa.Column("joined_at", UtcDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("platform", "tenant_id", "user_id", name="pk_group_members"),
    )
    op.create_table(
        "facilitators", *_tenant(),
        sa.Column("user_id", sa.String(64), nullable=False),
        sa.Column("granted_by", sa.String(64), nullable=False),
        sa.Column("granted_at", UtcDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("platform", "tenant_id", "user_id", name="pk_facilitators"),
    )
    _create_schedules()
    _create_deliveries()


def _create_schedules() -> None:
    op.create_table(
        "schedules", *_tenant(),
        sa.Column("id", sa.String(32), nullable=False),
        sa.Column("channel_id", sa.String(64), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("trigger", sa.String(16), nullable=False),
        sa.Column("weekday", sa.Integer(), nullable=True),
        sa.Column("at_time", sa.String(5), nullable=True),
        sa.Column("week", sa.Integer(), nullable=True),
        sa.Column("at_utc", UtcDateTime(), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("source", sa.String(32), nullable=False),
        sa.Column("watermark", UtcDateTime(), nullable=False),
        sa.Column("next_due_at", UtcDateTime(), nullable=True),
        sa.Column("created_by", sa.String(64), nullable=False),
        sa.Column("updated_at", UtcDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("platform", "tenant_id", "id", name="pk_schedules"),
        sa.UniqueConstraint("platform", "tenant_id", "channel_id", "number",
                            name="uq_schedules_number"),
    )
    op.create_index("ix_schedules_due", "schedules", ["status", "next_due_at"])


def _create_deliveries() -> None:
    op.create_table(
        "deliveries", *_tenant(),
        sa.Column("schedule_id", sa.String(32), nullable=False),
        sa.Column("occurrence_at", UtcDateTime(), nullable=False),
        sa.Column("target", sa.String(64), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", UtcDateTime(), nullable=True),
        sa.Column("lease_until", UtcDateTime(), nullable=True),
        sa.Column("claimed_by", sa.String(64), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("message_id", sa.String(128), nullable=True),
        sa.Column("claimed_at", UtcDateTime(), nullable=False),
        sa.Column("finished_at", UtcDateTime(), nullable=True),
        sa.PrimaryKeyConstraint("platform", "tenant_id", "schedule_id", "occurrence_at", "target",
                                name="pk_deliveries"),
        sa.UniqueConstraint("schedule_id", "occurrence_at", "target", name="uq_deliveries_claim"),
    )
    op.create_index("ix_deliveries_retry", "deliveries", ["status", "next_attempt_at"])
    op.create_index("ix_deliveries_target", "deliveries",
                    ["platform", "tenant_id", "target", "occurrence_at"])


def downgrade() -> None:
    op.drop_index("ix_deliveries_target", table_name="deliveries")
    op.drop_index("ix_deliveries_retry", table_name="deliveries")
    op.drop_table("deliveries")
    op.drop_index("ix_schedules_due", table_name="schedules")
    op.drop_table("schedules")
    op.drop_table("facilitators")
    op.drop_table("group_members")
    op.drop_table("study_groups")
