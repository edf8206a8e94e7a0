"""facilitators per group: a grant names its group's channel, or `*` for every group

Grants made before keep their reach (every group of the workspace) and are marked as
carried over, so `group audit` can say which they are.

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-05
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0015"
down_revision: str | Sequence[str] | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

EVERY_GROUP = "*"


def upgrade() -> None:
    with op.batch_alter_table("facilitators", recreate="always") as batch:
        batch.add_column(sa.Column("channel_id", sa.String(64), nullable=False,
                                   server_default=EVERY_GROUP))
        batch.add_column(sa.Column("carried_over", sa.Boolean(), nullable=False,
                                   server_default=sa.false()))
        batch.drop_constraint("pk_facilitators", type_="primary")
        batch.create_primary_key("pk_facilitators", ["platform", "tenant_id", "user_id", "channel_id"])
    facilitators = sa.table("facilitators", sa.column("carried_over", sa.Boolean()))
    op.execute(facilitators.update().values(carried_over=True))


def downgrade() -> None:
    # Back to one workspace-wide role per person: a group's grant widens to every group.
    facilitators = sa.table("facilitators", sa.column("platform", sa.String()),
                            sa.column("tenant_id", sa.String()), sa.column("user_id", sa.String()),
                            sa.column("channel_id", sa.String()))
    connection = op.get_bind()
    rows = connection.execute(sa.select(facilitators.c.platform, facilitators.c.tenant_id,
                                        facilitators.c.user_id, facilitators.c.channel_id)).all()
    kept: set[tuple[str, str, str]] = set()
    for platform, tenant_id, user_id, channel_id in sorted(rows, key=lambda r: r[3] != EVERY_GROUP):
        if (platform, tenant_id, user_id) in kept:
            connection.execute(facilitators.delete().where(
                facilitators.c.platform == platform, facilitators.c.tenant_id == tenant_id,
                facilitators.c.user_id == user_id, facilitators.c.channel_id == channel_id))
        kept.add((platform, tenant_id, user_id))
    with op.batch_alter_table("facilitators", recreate="always") as batch:
        batch.drop_constraint("pk_facilitators", type_="primary")
        batch.create_primary_key("pk_facilitators", ["platform", "tenant_id", "user_id"])
        batch.drop_column("carried_over")
        batch.drop_column("channel_id")
