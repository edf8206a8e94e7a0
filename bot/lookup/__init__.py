"""Transcript and course lookup in chat: questions, `more`, misses and the last search."""
