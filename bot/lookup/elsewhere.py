"""The other installed courses, for a question the learner's own course does not answer.

Each course has its own index (bot.search.service.LookupService); when a question misses in
one, the others are asked too, so "Smart cities covers this" can be said instead of a
bare "not covered".
"""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.course.models import Course
from bot.search.query import QueryError
from bot.search.ranking import Hit
from bot.search.service import LookupService


@dataclass(frozen=True)
class Elsewhere:
    course: Course
    hit: Hit


@dataclass
class OtherCourses:
    lookups: dict[str, LookupService] = field(default_factory=dict)

    def add(self, lookup: LookupService) -> None:
        self.lookups[lookup.course.id] = lookup

    async def answering(self, course_id: str, question: str) -> list[Elsewhere]:
        """The other courses that answer `question`, each with its best moment."""
        found: list[Elsewhere] = []
        for other_id, lookup in self.lookups.items():
            if other_id == course_id:
                continue
            try:
                query = lookup.parse(question)
            except QueryError:
                continue
            results = await lookup.search(query, limit=1)
            if results.answered and results.hits:
                found.append(Elsewhere(lookup.course, results.hits[0]))
        return found
