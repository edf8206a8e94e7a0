"""The coach's route through the canvas: who it is for and what they get, then the rest.

Pure decisions only (which block next, which question); the conversation itself lives
in bot/canvas/dialogs.py.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

from bot.course.models import CanvasBlock

# Start with the people and the value, then how it reaches them, then how it runs.
COACH_ORDER = (
    "customer-segments", "value-propositions", "channels", "customer-relationships",
    "revenue-streams", "key-resources", "key-activities", "key-partners", "cost-structure",
)
STOP_WORDS = {"stop", "quit", "done", "exit", "cancel", "enough", "later", "stop coaching"}
SKIP_WORDS = {"skip", "next", "pass", "skip it", "skip this", "no idea", "don't know", "dont know"}
ANOTHER_WORDS = {"another", "another question", "different question", "other question"}


@dataclass(frozen=True)
class Step:
    block: CanvasBlock
    question_index: int

    @property
    def question(self) -> str:
        questions = self.block.questions
        return questions[self.question_index % len(questions)]


def coach_order(blocks: Sequence[CanvasBlock]) -> tuple[CanvasBlock, ...]:
    """Blocks in coaching order; blocks a pack adds beyond the nine come last."""
    rank = {block_id: i for i, block_id in enumerate(COACH_ORDER)}
    return tuple(sorted(blocks, key=lambda b: rank.get(b.id, len(rank))))


def next_step(blocks: Sequence[CanvasBlock], filled: Collection[str],
              passed: Collection[str]) -> Step | None:
    """The first block in coaching order with nothing in it that we haven't passed yet."""
    for block in coach_order(blocks):
        if block.id not in filled and block.id not in passed:
            return Step(block, 0)
    return None


def kind_of_answer(text: str) -> str:
    """'stop', 'skip', 'another' or 'answer'."""
    said = " ".join(text.lower().strip(" .!?").split())
    if said in STOP_WORDS:
        return "stop"
    if said in SKIP_WORDS:
        return "skip"
    if said in ANOTHER_WORDS:
        return "another"
    return "answer"
