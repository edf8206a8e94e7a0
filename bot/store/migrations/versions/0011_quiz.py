"""quiz: each learner's review state per quiz item, a log of answers, settings, nudges

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-01
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from bot.store.base import UtcDateTime

revision: str = "0011"
down_revision: str | Sequence[str] | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

LEARNER = ("platform", "tenant_id", "course_id", "user_id")


def _learner_columns() -> list[sa.Column[str]]:
    return [sa.Column("platform", sa.String(16), nullable=False),
            sa.Column("tenant_id", sa.String(64), nullable=False),
            sa.Column("course_id", sa.String(64), nullable=False),
            sa.Column("user_id", sa.String(64), nullable=False)]


def upgrade() -> None:
    op.create_table(
        "quiz_reviews", *_learner_columns(),
        sa.Column("item_id", sa.String(64), nullable=False),
        sa.Column("week", sa.Integer(), nullable=False),
        sa.Column("card", sa.Text(), nullable=False),
        sa.Column("due_at", UtcDateTime(), nullable=False),
        sa.Column("reviews", sa.Integer(), nullable=False),
        sa.Column("lapses", sa.Integer(), nullable=False),
        sa.Column("last_right", sa.Boolean(), nullable=False),
        sa.Column("last_answered_at", UtcDateTime(), nullable=False),
        sa.PrimaryKeyConstraint(*LEARNER, "item_id", name="pk_quiz_reviews"),
    )
    op.create_index("ix_quiz_reviews_due", "quiz_reviews", [*LEARNER, "due_at"])
    op.create_table(
        "quiz_answers", *_learner_columns(),
        sa.Column("item_id", sa.String(64), nullable=False),
        sa.Column("answered_at", UtcDateTime(), nullable=False),
        sa.Column("week", sa.Integer(), nullable=False),
        sa.Column("right", sa.Boolean(), nullable=False),
        sa.Column("group_id", sa.String(64), nullable=False),
        sa.PrimaryKeyConstraint(*LEARNER, "item_id", "answered_at", name="pk_quiz_answers"),
    )
    op.create_index("ix_quiz_answers_group", "quiz_answers",
                    ["platform", "tenant_id", "course_id", "group_id", "week"])
    op.create_index("ix_quiz_answers_answered", "quiz_answers", ["answered_at"])
    op.create_table(
        "quiz_learners", *_learner_columns(),
        sa.Column("remind", sa.Boolean(), nullable=False),
        sa.Column("timezone", sa.String(64), nullable=True),
        sa.Column("dm_channel", sa.String(64), nullable=True),
        sa.Column("updated_at", UtcDateTime(), nullable=False),
        sa.PrimaryKeyConstraint(*LEARNER, name="pk_quiz_learners"),
    )
    op.create_table(
        "quiz_nudges",
        sa.Column("platform", sa.String(16), nullable=False),
        sa.Column("tenant_id", sa.String(64), nullable=False),
        sa.Column("channel_id", sa.String(64), nullable=False),
        sa.Column("weekday", sa.Integer(), nullable=True),
        sa.Column("at_time", sa.String(5), nullable=False),
        sa.Column("created_by", sa.String(64), nullable=False),
        sa.Column("updated_at", UtcDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("platform", "tenant_id", "channel_id", name="pk_quiz_nudges"),
    )
    op.create_table(
        "quiz_nudge_sends", *_learner_columns(),
        sa.Column("occurrence_at", UtcDateTime(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("lease_until", UtcDateTime(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("claimed_at", UtcDateTime(), nullable=False),
        sa.PrimaryKeyConstraint(*LEARNER, "occurrence_at", name="pk_quiz_nudge_sends"),
    )


def downgrade() -> None:
    op.drop_table("quiz_nudge_sends")
    op.drop_table("quiz_nudges")
    op.drop_table("quiz_learners")
    op.drop_index("ix_quiz_answers_answered", table_name="quiz_answers")
    op.drop_index("ix_quiz_answers_group", table_name="quiz_answers")
    op.drop_table("quiz_answers")
    op.drop_index("ix_quiz_reviews_due", table_name="quiz_reviews")
    op.drop_table("quiz_reviews")
