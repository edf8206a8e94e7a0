"""Text for Slack: escaping, mention defusing, our light Markdown -> mrkdwn.

Slack turns `<!here>`, `<@U…>`, `<!subteam^…>` and friends into live mentions, and
with `verbatim: false` it may also parse bare `@here`. So every string we send, ours
included, goes through `defuse`; text in `mrkdwn` objects is also entity-escaped,
which leaves no `<` for Slack to parse. Text that came from a user is never put in a
`mrkdwn` object at all: it goes into `plain_text` or `rich_text` elements, which Slack
shows literally (no formatting, no mentions), so a user's `*stars*` stay stars.
"""

from __future__ import annotations

import re

from bot.messages import Moment, labels_only, show_moments

# Invisible, zero-width, and not a space: "@\u2060here" reads as "@here" but pings no one.
WORD_JOINER = "\u2060"
BROADCAST = re.compile(r"([@＠﹫])(?=(?:everyone|here|channel))", re.IGNORECASE)
# In text Slack shows literally we keep `<`, but never right before a control character.
CONTROL_OPENING = re.compile(r"<(?=[!@#^])")
CODE_SPAN = re.compile(r"(`[^`\n]+`)")
BOLD = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*")
MARKDOWN_MARKERS = re.compile(r"\*\*(.+?)\*\*|(?<!\w)_(.+?)_(?!\w)|`([^`\n]+)`")


def defuse(text: str) -> str:
    """Break every broadcast word and control opening; the reader sees the same text."""
    text = BROADCAST.sub(lambda m: m.group(1) + WORD_JOINER, text)
    return CONTROL_OPENING.sub("<" + WORD_JOINER, text)


def escape(text: str) -> str:
    """Entity-escape for a `mrkdwn` object, so no `<…>` control sequence can survive.
    Times are shown on the group's clock (see `ours` for Slack's date tokens)."""
    return labels_only(_escape(text))


def _escape(text: str) -> str:
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return BROADCAST.sub(lambda m: m.group(1) + WORD_JOINER, text)


def ours(text: str) -> str:
    """Our own light Markdown (**bold**, _italic_, `code`) as escaped Slack mrkdwn; each
    time the bot names is a date token, so every reader sees it in their own zone."""
    pieces = CODE_SPAN.split(_escape(text))
    # Odd pieces are code spans: Slack shows them as typed, so leave them alone.
    marked = "".join(piece if i % 2 else BOLD.sub(r"*\1*", piece) for i, piece in enumerate(pieces))
    return show_moments(marked, date_token)


def date_token(when: Moment) -> str:
    """Slack's date token with the group's clock as fallback; it pings no one. The label
    reaches here escaped already (it was part of the escaped text)."""
    return f"<!date^{when.unix}^{{date_short_pretty}} at {{time}}|{when.label}>"


def literal(text: str) -> str:
    """For `plain_text` and `rich_text` elements, which Slack never parses."""
    return defuse(labels_only(text))


def unmarked(text: str) -> str:
    """Our Markdown without its markers, for places that only take plain text (headers, buttons)."""
    return MARKDOWN_MARKERS.sub(lambda m: m.group(1) or m.group(2) or m.group(3), text)


def clip(text: str, limit: int) -> str:
    """At most `limit` characters, ending in an ellipsis when something was cut."""
    if len(text) <= limit:
        return text
    return text[: limit - 1].rstrip() + "…"


def split(text: str, limit: int) -> list[str]:
    """Cut text into chunks of at most `limit`, at paragraph, line or word breaks."""
    chunks: list[str] = []
    rest = text
    while len(rest) > limit:
        # One character more, so a break right after a full chunk is found too.
        window = rest[:limit + 1]
        cut = next((at for at in (_break(window, b) for b in ("\n\n", "\n", " ")) if at >= limit // 2),
                   -1)
        if cut == -1:
            cut = _safe_hard_cut(window[:limit])
        chunks.append(rest[:cut].rstrip())
        rest = rest[cut:].lstrip()
    if rest.strip():
        chunks.append(rest)
    return [c for c in chunks if c.strip()]


def _break(window: str, separator: str) -> int:
    """The last `separator` in `window` outside a `<…>` token (our date tokens hold spaces)."""
    at = window.rfind(separator)
    while at > 0 and window.rfind("<", 0, at) > window.rfind(">", 0, at):
        at = window.rfind(separator, 0, window.rfind("<", 0, at))
    return at


def _safe_hard_cut(window: str) -> int:
    # Never cut inside an entity such as "&amp;": back up to its "&".
    amp = window.rfind("&", len(window) - 6)
    if amp != -1 and ";" not in window[amp:]:
        return max(amp, 1)
    return len(window)
