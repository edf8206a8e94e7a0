"""open questions remember the message they were asked in, so the answer can reply to it

Revision ID: 0023
Revises: 0022
Create Date: 2026-12-05
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0023"
down_revision: str | Sequence[str] | None = "0022"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("search_misses") as batch:
        batch.add_column(sa.Column("thread", sa.String(64), nullable=True))
        batch.add_column(sa.Column("message_id", sa.String(64), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("search_misses") as batch:
        batch.drop_column("message_id")
        batch.drop_column("thread")
