"""shown moments: the sentences `more` has quoted in each conversation

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-01
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0014"
down_revision: str | Sequence[str] | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("last_searches") as batch:
        batch.add_column(sa.Column("moments", sa.Text(), nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("last_searches") as batch:
        batch.drop_column("moments")
