"""Short friendly answers to the things people say that are not requests.

"thanks!", "bye" or a lone emoji deserve a word back, not a search of the course.
Only whole messages count: "thanks, and what about week 3?" is a request.
"""

from __future__ import annotations

import re
import unicodedata

from bot.messages import Reply, Text

THANKS = re.compile(r"^(?:(?:many |big )?thanks?(?: a lot| so much| again)?|thank you(?: so much| again)?"
                    r"|thx|ty|cheers|ta)$")
GOODBYE = re.compile(r"^(?:bye|goodbye|bye bye|see you(?: later| soon)?|see ya|good ?night|later"
                     r"|quit|exit|ciao)$")
NODS = re.compile(r"^(?:cool|great|nice|awesome|perfect|brilliant|lovely|lol|haha+|wow)$")
GREETINGS = re.compile(r"^(?:hey|hiya|yo|good (?:morning|afternoon|evening)|morning|howdy)$")
WAVES = {"👋", "🙋", "🖐", "✋"}
# Punctuation and symbols people put after a word ("thanks!!", "bye 👋").
TRAILING = re.compile(r"[\s!.,?~]+$")


def small_talk(text: str) -> Reply | None:
    """A reply when the whole message is thanks, a greeting, a goodbye or only emoji."""
    said = TRAILING.sub("", _without_symbols(text).lower()).strip()
    if not said:
        return _emoji_only(text) if text.strip() else None
    if THANKS.match(said):
        return Reply.of(Text("You're welcome! Type `week` for this week's material, or just ask."))
    if GOODBYE.match(said):
        return Reply.of(Text("Bye for now! I'll be here when you come back to the course."))
    if NODS.match(said):
        return Reply.of(Text("Glad to hear it. Anything else? Type `help` to see what I can do."))
    if GREETINGS.match(said):
        return hello()
    return None


def hello() -> Reply:
    return Reply.of(Text("Hello! Ask me about the course in plain words, type `week` for this "
                         "week's material, or `help` to see everything I can do."))


def _emoji_only(text: str) -> Reply:
    if any(c in WAVES for c in text):
        return hello()
    return Reply.of(Text("I can't read pictures, but I can help with the course: ask in words, "
                         "type `week` for this week's material, or `help` to see what I can do."))


def _without_symbols(text: str) -> str:
    """The text less emoji and other pictographs, joiners and variation selectors."""
    return "".join(c for c in text if unicodedata.category(c) not in {"So", "Sk", "Cf", "Mn", "Cs"})
