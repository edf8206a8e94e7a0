"""courses: canvases, idea notes and unanswered questions belong to a course; DM course choice

Rows made before a deployment served several courses were made in the bundled course,
so they move to its id.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-01
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from bot.store.base import UtcDateTime

revision: str = "0008"
down_revision: str | Sequence[str] | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

EARLIER_COURSE = "smart-cities"
OWNER = ("platform", "tenant_id", "owner_kind", "owner_id")
# Each table whose key gains the course, and the key columns after the course.
KEYED = {
    "canvases": (OWNER, ()),
    "canvas_entries": (OWNER, ("entry_no",)),
    "canvas_changes": (OWNER, ("revision",)),
    "idea_notes": (("platform", "tenant_id", "user_id"), ("note_no",)),
}


def upgrade() -> None:
    for table, (before, after) in KEYED.items():
        with op.batch_alter_table(table, recreate="always") as batch:
            batch.add_column(sa.Column("course_id", sa.String(64), nullable=False,
                                       server_default=EARLIER_COURSE))
            batch.drop_constraint(f"pk_{table}", type_="primary")
            batch.create_primary_key(f"pk_{table}", [*before, "course_id", *after])
        with op.batch_alter_table(table) as batch:
            batch.alter_column("course_id", server_default=None)
    with op.batch_alter_table("search_misses") as batch:
        batch.add_column(sa.Column("course_id", sa.String(64), nullable=False,
                                   server_default=EARLIER_COURSE))
    with op.batch_alter_table("search_misses") as batch:
        batch.alter_column("course_id", server_default=None)
    op.create_table(
        "course_choices",
        sa.Column("platform", sa.String(16), nullable=False),
        sa.Column("tenant_id", sa.String(64), nullable=False),
        sa.Column("user_id", sa.String(64), nullable=False),
        sa.Column("course_id", sa.String(64), nullable=False),
        sa.Column("chosen_at", UtcDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("platform", "tenant_id", "user_id", name="pk_course_choices"),
    )


def downgrade() -> None:
    op.drop_table("course_choices")
    with op.batch_alter_table("search_misses") as batch:
        batch.drop_column("course_id")
    for table, (before, after) in KEYED.items():
        op.execute(sa.text(f"DELETE FROM {table} WHERE course_id <> :course")
                   .bindparams(course=EARLIER_COURSE))
        with op.batch_alter_table(table, recreate="always") as batch:
            batch.drop_constraint(f"pk_{table}", type_="primary")
            batch.drop_column("course_id")
            batch.create_primary_key(f"pk_{table}", [*before, *after])
