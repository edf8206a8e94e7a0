"""Which canvas block a learner means, forgiving case, plurals, abbreviations and typos."""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass

from bot.course.models import CanvasBlock

# The longest block name or alias people type, in words ("key partner block").
MAX_NAME_WORDS = 4
FUZZY_CUTOFF = 0.78
# Below this length a typo is indistinguishable from another word ("cost" vs "cast").
FUZZY_MIN_CHARS = 5
FILLER = re.compile(r"^(?:the|my|our|a|an)\s+|\s+(?:block|box|section)$")
NOT_A_NAME = re.compile(r"[^\w\s]")


@dataclass(frozen=True)
class BlockMatch:
    block: CanvasBlock
    # How many leading words named the block, and what followed them.
    words: int
    rest: str


class BlockMatcher:
    def __init__(self, blocks: Sequence[CanvasBlock]) -> None:
        self.blocks = tuple(blocks)
        self._names: dict[str, CanvasBlock] = {}
        for block in self.blocks:
            for name in (block.name, block.id, *block.aliases):
                for form in _forms(normalise(name)):
                    self._names.setdefault(form, block)

    def find(self, text: str) -> CanvasBlock | None:
        """The block the whole of `text` names, or None."""
        key = normalise(text)
        return self._names.get(key) or self._closest(key)[1]

    def split(self, text: str) -> BlockMatch | None:
        """A block named by the first words of `text`, and the words after it."""
        words = text.split()
        # A name is made of words: an emoji after it ("kr ✨ ...") already begins the entry.
        named = next((i for i, w in enumerate(words) if not normalise(w)), len(words))
        spans = range(min(MAX_NAME_WORDS, named), 0, -1)
        for n in spans:  # an exact name wins, the longest first
            block = self._names.get(normalise(" ".join(words[:n])))
            if block is not None:
                return BlockMatch(block, n, _rest(words, n))
        best: tuple[float, int, CanvasBlock] | None = None
        for n in spans:
            score, block = self._closest(normalise(" ".join(words[:n])))
            if block is not None and (best is None or score > best[0]):
                best = (score, n, block)
        if best is None:
            return None
        return BlockMatch(best[2], best[1], _rest(words, best[1]))

    def by_id(self, block_id: str) -> CanvasBlock | None:
        return next((b for b in self.blocks if b.id == block_id), None)

    def _closest(self, key: str) -> tuple[float, CanvasBlock | None]:
        if len(key) < FUZZY_MIN_CHARS:
            return 0.0, None
        best: tuple[float, CanvasBlock | None] = (0.0, None)
        for name, block in self._names.items():
            if len(name) < FUZZY_MIN_CHARS:
                continue
            score = difflib.SequenceMatcher(None, key, name).ratio()
            if score >= FUZZY_CUTOFF and score > best[0]:
                best = (score, block)
        return best


def normalise(text: str) -> str:
    text = NOT_A_NAME.sub(" ", text.lower().replace("-", " ").replace("_", " "))
    text = " ".join(text.split())
    previous = None
    while previous != text:
        previous, text = text, FILLER.sub("", text).strip()
    return text


def _forms(name: str) -> tuple[str, ...]:
    """A name as typed, and its singular or plural."""
    if name.endswith("s") and len(name) > 3:
        return (name, name[:-1])
    return (name, name + "s")


def _rest(words: list[str], n: int) -> str:
    rest = " ".join(words[n:])
    # "canvas add key partners: the council" - the colon belongs to the block name.
    return rest.lstrip(":-–—,; ").strip()
