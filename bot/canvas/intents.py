"""Plain questions about the canvas, rewritten to `canvas ...` command lines.

Kept narrow on purpose: a phrasing only counts when what follows it names a block, so
"what is open data?" still reaches lookup and "what's this week's material?" still
reaches `week`. A one-word alias ("cost", "value") only counts when it is the whole
question, so "what are the costs of sensors?" is left to lookup.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from bot.canvas.blocks import BlockMatcher
from bot.command import Intent, intent

ASK_WHAT_GOES = (r"^(?:so\s+)?(?:what|which|who)(?:'s|\s+is|\s+are)?\s+(?:things\s+)?"
                 r"(?:goes|go|belongs?|should\s+go|do\s+(?:i|we)\s+(?:put|write|include)|"
                 r"to\s+(?:put|write))\s+(?:in|into|under|on|for)\s+(?P<rest>.+)$")
ASK_MEANING = (r"^(?:what(?:'s|\s+is|\s+are)|explain|define|describe|tell\s+me\s+about|"
               r"who(?:'s|\s+is|\s+are)|how\s+do\s+(?:i|we)\s+(?:fill\s+in|fill\s+out|write|do))"
               r"\s+(?:an?\s+|the\s+|my\s+|our\s+)?(?P<rest>.+)$")
ASK_ABOUT = r"^(?:what(?:'s|\s+is|\s+are)|explain|describe|tell\s+me\s+about)\s+(?:an?\s+|the\s+)?"
SHOW_MINE = r"^(?:show|see|open|view)\s+(?:me\s+)?(?:my|our)\s+(?:{name}|canvas)\b"
COACH_ME = r"^(?:coach|help|guide)\s+me\s+(?:with|on|through)\s+(?:my|the|our)\s+canvas\b"
# What may follow a block's name in a question without making it another question.
CONTEXT_AFTER = re.compile(r"^(?:block|box|section|in|for|on|of\s+(?:my|the|a|our))\b|^$")


def canvas_intents(matcher: BlockMatcher, canvas_name: str) -> Sequence[Intent]:
    """`canvas_name` is what the course calls its canvas ("business model canvas")."""
    name = r"\s+".join(re.escape(word) for word in canvas_name.lower().split()) or "canvas"
    return [
        intent(ASK_ABOUT + rf"(?:{name}|canvas)\b", lambda m: "canvas about"),
        intent(SHOW_MINE.format(name=name), lambda m: "canvas"),
        intent(COACH_ME, lambda m: "canvas coach"),
        intent(ASK_WHAT_GOES, _block_question(matcher, strict=False)),
        intent(ASK_MEANING, _block_question(matcher, strict=True)),
    ]


def _block_question(matcher: BlockMatcher, *, strict: bool) -> Callable[[re.Match[str]], str | None]:
    def rewrite(match: re.Match[str]) -> str | None:
        rest = match.group("rest").strip(" ?!.")
        found = matcher.split(rest)
        if found is None:
            return None
        whole = not found.rest
        if strict and not whole and (found.words < 2 or not CONTEXT_AFTER.search(found.rest)):
            return None
        return f"canvas {found.block.name.lower()}"

    return rewrite
