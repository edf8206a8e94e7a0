"""group ping: how people know the role or user group a group's posts mention

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-01
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0013"
down_revision: str | Sequence[str] | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # The id alone (0012's `ping`) cannot be shown back without pinging; its name can.
    with op.batch_alter_table("group_settings") as batch:
        batch.add_column(sa.Column("ping_label", sa.String(120), nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("group_settings") as batch:
        batch.drop_column("ping_label")
