"""Alembic environment: runs on the connection bot.store.migrate hands it."""

from alembic import context

from bot import tables  # noqa: F401  (registers every table on Base.metadata)
from bot.store.base import Base

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
