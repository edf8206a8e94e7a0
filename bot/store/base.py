"""The declarative base every table module shares, so one migration set covers them all."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import ColumnElement, DateTime, MetaData, String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator

from bot.messages import Incoming, TenantRef

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UtcDateTime(TypeDecorator[datetime]):
    """Stores aware datetimes as UTC and always hands back aware ones.

    SQLite has no time zones, so without this a value read back would be naive and
    compare wrongly against `datetime.now(UTC)`.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: object) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetimes are not stored; attach a time zone")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: object) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class TenantScoped:
    """Columns naming the tenant; every query on such a table filters by both."""

    platform: Mapped[str] = mapped_column(String(16), primary_key=True)
    tenant_id: Mapped[str] = mapped_column(String(64), primary_key=True)


def tenant_key(tenant: TenantRef, **columns: str) -> dict[str, str]:
    """The primary key of a TenantScoped row: its tenant, then the table's own key columns."""
    return {"platform": tenant.platform.value, "tenant_id": tenant.id, **columns}


def conversation_key(message: Incoming) -> dict[str, str]:
    """The key of a row kept per learner and channel (an open question, the last search)."""
    user = message.user
    return tenant_key(user.tenant, user_id=user.id, channel_id=message.channel.id)


def tenant_filter(model: type[TenantScoped], tenant: TenantRef) -> tuple[ColumnElement[bool], ...]:
    """The conditions that keep a query on a TenantScoped table inside one tenant."""
    return (model.platform == tenant.platform.value, model.tenant_id == tenant.id)


def utcnow() -> datetime:
    return datetime.now(UTC)
