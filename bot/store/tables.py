"""Imports every table module so Base.metadata knows the whole schema."""

from bot.store import dialogs, progress

__all__ = ["dialogs", "progress"]
