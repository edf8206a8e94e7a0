"""What a facilitator answered before comes first: the port lookup asks before the course.

Course notes live in their own capability above lookup; lookup knows only this protocol,
and the composition root hands in the notes (or `NoNotes`).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Protocol

from bot.messages import Incoming, Part, Reply, Text


class NotedAnswers(Protocol):
    async def answering(self, message: Incoming, question: str, now: datetime) -> Sequence[Part]:
        """The parts of a facilitator's note that answers `question` here, or none."""
        ...


class NoNotes:
    async def answering(self, message: Incoming, question: str, now: datetime) -> Sequence[Part]:
        return ()


def noted_first(noted: Sequence[Part], reply: Reply) -> Reply:
    """The note's answer above the course's own passages."""
    if not noted:
        return reply
    return Reply(parts=(*noted, Text("**In the course itself:**"), *reply.parts), private=reply.private,
                 summary=reply.summary)
