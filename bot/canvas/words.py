"""The words `canvas` help and errors use, taken from the course's own canvas.

Nothing here names a block: examples are built from the pack's first blocks and their
short names, so a course with another canvas reads as naturally as the bundled one.
"""

from __future__ import annotations

from bot.canvas.limits import LIMITS
from bot.course.models import CanvasBlock, Course


def block_word(course: Course, index: int = 0) -> str:
    """How a learner would type block `index` (the last block when there are fewer)."""
    blocks = course.canvas
    return blocks[min(index, len(blocks) - 1)].name.lower()


def short_names(course: Course, count: int = 3) -> str:
    """A few of the short names learners may type, as `kp`, `vp`... (or the block ids)."""
    names = [_shortest(block) for block in course.canvas[:count]]
    return ", ".join(f"`{name}`" for name in names)


def _shortest(block: CanvasBlock) -> str:
    return min(block.aliases, key=len) if block.aliases else block.id


def usage(course: Course) -> tuple[str, ...]:
    first, second = block_word(course, 0), block_word(course, 1)
    return (
        "canvas", f"canvas {first}", f"canvas add {second} <your idea>",
        f"canvas edit {second} 1 <new wording>", f"canvas remove {first} 2", "canvas clear",
        "canvas history", "canvas coach", "canvas image", "canvas export", "canvas about",
        f"canvas group add {first} <an idea for the group>", "canvas group",
        f"canvas share {first} 1", f"canvas group take {first} 3",
    )


def details(course: Course) -> str:
    return (
        f"Ask about any block by name; short names and typos are fine ({short_names(course)}). "
        "Your canvas is yours alone, one in each course. In a study group's channel, `canvas "
        "group ...` works on the group's shared canvas with the same words, and shows who added "
        "each entry; only its author or a facilitator can change an entry. Copy your entry #1 of "
        "a block to the group with `canvas share <block> 1`, or a group entry to your own with "
        "`canvas group take <block> 1`. `canvas coach` asks one question at a time (`skip`, "
        f"`another`, `stop`). Limits: {LIMITS.entry_chars:,} characters an entry, "
        f"{LIMITS.entries_per_block} entries a block, {LIMITS.total_chars:,} characters a canvas."
    )


def unknown_block(course: Course) -> str:
    names = ", ".join(b.name for b in course.canvas)
    return (f"I couldn't tell which canvas block you meant. The blocks are: {names}. "
            f"Short names work too, like {short_names(course)}.")
