"""What flows through the core: who said what where, and what we answer.

Adapters build an `Incoming` from a platform event and render a `Reply` back; the
core never sees a platform object. Every type here is frozen so a message cannot be
changed on its way through the router.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum


class Platform(StrEnum):
    CONSOLE = "console"
    SLACK = "slack"
    DISCORD = "discord"


@dataclass(frozen=True)
class TenantRef:
    """A Slack workspace or a Discord guild; data never crosses between tenants."""

    platform: Platform
    id: str


def well_formed(text: str) -> str:
    """`text` as valid Unicode: each lone surrogate (a broken UTF-16 pair, or a byte
    that was not UTF-8, as Python's surrogateescape hands it over) becomes U+FFFD.

    Adapters pass what the platform or terminal gave them; `Incoming` and `UserRef` apply
    this once on the way in, so bad bytes are data, never a failure further down.
    """
    # The characters of a time marker (see `moment`) never come from outside.
    text = text.translate(_NO_MARKERS)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        # Through UTF-16 with surrogatepass a proper pair is rejoined into its character;
        # only the lone halves turn into U+FFFD.
        return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")
    return text


@dataclass(frozen=True)
class UserRef:
    tenant: TenantRef
    id: str
    display_name: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "display_name", well_formed(self.display_name))

    @property
    def label(self) -> str:
        return self.display_name or self.id


@dataclass(frozen=True)
class ChannelRef:
    tenant: TenantRef
    id: str
    is_direct: bool = False
    # Opaque to the core (a Slack thread_ts, a Discord thread id): handed back unread.
    thread: str | None = None
    # `id` is a person's user id: a post goes to them by direct message, which the
    # platform's Poster opens (a session reminder, a cancellation notice).
    to_person: bool = False
    # Opaque to the core (a Discord message id): the post is a reply to that message.
    reply_to: str | None = None


@dataclass(frozen=True)
class Incoming:
    user: UserRef
    channel: ChannelRef
    text: str
    # The platform's own admins (Slack owners/admins, Discord Manage Server) are
    # facilitators without being granted the role; only the adapter can know this.
    user_is_platform_admin: bool = False
    received_at: datetime | None = None
    # Opaque to the core: the platform's id of a message people can see in a channel (a
    # Slack ts, a Discord message id), so a later answer can reply to it; None where the
    # question was not such a message (a slash command, a button).
    message_id: str | None = None
    # Channels the platform confirms this user can see, among those the message names
    # (Discord resolves channel mentions with the user's permissions). Where nothing is
    # hidden from anyone (the console) the adapter says `sees_every_channel`.
    visible_channels: frozenset[str] = frozenset()
    sees_every_channel: bool = False
    # Roles (Discord) or user groups (Slack) the message names, as the adapter read them
    # (`group ping @tutors`); the core never parses a platform's mention syntax.
    named_groups: tuple[Ping, ...] = ()
    # Channels the text names as (name shown, id), where the platform shows a channel by
    # its name: Slack's `<#C123|study-a>` reaches the core as "#study-a".
    named_channels: tuple[tuple[str, str], ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "text", well_formed(self.text))

    def channel_id(self, named: str) -> str:
        """The id of the channel the text names `named`; `named` itself if it names none."""
        return next((id_ for label, id_ in self.named_channels if label == named), named)

    def can_see(self, channel_id: str) -> bool:
        """Whether the platform says the user can see `channel_id` (they are in it, at least)."""
        return (self.sees_every_channel or channel_id in self.visible_channels
                or (not self.channel.is_direct and channel_id == self.channel.id))


# ---- Times inside text ----------------------------------------------------------
# An instant the bot shows ("Thu 4 Mar 2027, 18:00 GMT") is written into text as a
# marker made by `moment`: private-use characters around its Unix time and its label on
# the group's clock. Renderers that can show each reader their own local time (Discord
# timestamps, Slack date tokens) put their token there; the rest show the label.

_OPEN, _BETWEEN, _CLOSE = "\ue000", "\ue001", "\ue002"
# A person (a user id) is marked the same way, so a platform can show them as a mention
# of that person, which pings nobody; renderers that know nothing of it show the id.
_PERSON_OPEN, _PERSON_CLOSE = "\ue003", "\ue004"
_NO_MARKERS = str.maketrans("", "", _OPEN + _BETWEEN + _CLOSE + _PERSON_OPEN + _PERSON_CLOSE)
_PERSON = re.compile(f"{_PERSON_OPEN}([^{_PERSON_OPEN}{_PERSON_CLOSE}]{{1,64}}){_PERSON_CLOSE}")
_MOMENT = re.compile(f"{_OPEN}(-?\\d{{1,12}})([FR]){_BETWEEN}([^{_OPEN}{_BETWEEN}{_CLOSE}]*){_CLOSE}")


@dataclass(frozen=True)
class Moment:
    """An instant as seconds since 1970, its label on the group's clock, and whether
    saying how long until it helps the reader ("in 2 hours")."""

    unix: int
    label: str
    countdown: bool = False

    @property
    def at(self) -> datetime:
        return datetime.fromtimestamp(self.unix, UTC)


def moment(at: datetime, label: str, *, countdown: bool = False) -> str:
    """`label` (the instant on the group's clock) marked as the instant `at`, for text."""
    return f"{_OPEN}{int(at.timestamp())}{'R' if countdown else 'F'}{_BETWEEN}" \
           f"{label.translate(_NO_MARKERS)}{_CLOSE}"


def show_moments(text: str, show: Callable[[Moment], str]) -> str:
    """`text` with each time marker replaced by what `show` makes of it; a broken marker
    (a cut-off one) leaves no stray character behind."""
    shown = _MOMENT.sub(lambda m: show(Moment(int(m[1]), m[3], m[2] == "R")), text)
    return shown.translate(_NO_MARKERS)


def split_moments(text: str) -> list[str | Moment]:
    """`text` as pieces of plain text and the moments between them, in order."""
    pieces: list[str | Moment] = []
    at = 0
    for found in _MOMENT.finditer(text):
        if found.start() > at:
            pieces.append(text[at:found.start()].translate(_NO_MARKERS))
        pieces.append(Moment(int(found[1]), found[3], found[2] == "R"))
        at = found.end()
    if at < len(text):
        pieces.append(text[at:].translate(_NO_MARKERS))
    return pieces


def person(user_id: str) -> str:
    """A person, by their user id, for text: a platform may show them by name."""
    return f"{_PERSON_OPEN}{user_id.translate(_NO_MARKERS)}{_PERSON_CLOSE}"


def show_people(text: str, show: Callable[[str], str]) -> str:
    """`text` with each person marker replaced by what `show` makes of its user id."""
    return _PERSON.sub(lambda m: show(m[1]), text)


def labels_only(text: str) -> str:
    """`text` with every time marker shown as its label on the group's clock."""
    return show_moments(text, lambda m: m.label)


# ---- Reply parts -------------------------------------------------------------
# Text we wrote may use a light Markdown (**bold**, _italic_, `code`). Text that came
# from a user is flagged `from_user`, so every renderer escapes it completely.


@dataclass(frozen=True)
class Heading:
    text: str
    from_user: bool = False


@dataclass(frozen=True)
class Text:
    text: str
    from_user: bool = False


@dataclass(frozen=True)
class Bullets:
    items: tuple[str, ...]
    from_user: bool = False
    numbered: bool = False


@dataclass(frozen=True)
class Field:
    label: str
    value: str
    from_user: bool = False


@dataclass(frozen=True)
class Fields:
    items: tuple[Field, ...]


def clock_time(seconds: float) -> str:
    """A position in a video as people say it: 07:05, or 1:02:05 past the hour."""
    hours, rest = divmod(int(seconds), 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes:02d}:{secs:02d}"


@dataclass(frozen=True)
class QuoteSource:
    week: int | None
    title: str
    speaker: str | None = None
    start_seconds: float | None = None
    end_seconds: float | None = None

    def label(self, separator: str = ", ") -> str:
        """Where a quote comes from: week, video, speaker and the moment it was said."""
        bits = [f"Week {self.week}"] if self.week is not None else []
        bits.append(self.title)
        if self.speaker:
            bits.append(self.speaker)
        if self.start_seconds is not None:
            bits.append(clock_time(self.start_seconds))
        return separator.join(bits)


@dataclass(frozen=True)
class Quote:
    text: str
    source: QuoteSource
    from_user: bool = False


@dataclass(frozen=True)
class Image:
    png: bytes
    alt_text: str
    filename: str = "image.png"


@dataclass(frozen=True)
class TextRequest:
    """A button that asks for a few words before it runs: platforms with forms (a Slack
    modal, a Discord modal) show one with a field labelled `prompt`, and run `command`
    followed by what was typed ("misses answer 2" + " <the answer>")."""

    prompt: str
    command: str
    # Words shown above the field for context (a learner's question): text from a user.
    shown: str = ""


@dataclass(frozen=True)
class Button:
    label: str
    # The command text the button sends back through the router, e.g. "week 4". For a
    # button that asks for text, this is what it runs where there are no forms (the
    # console): a command that asks for the text as the next message.
    command: str
    asks: TextRequest | None = None


@dataclass(frozen=True)
class Actions:
    buttons: tuple[Button, ...]


Part = Heading | Text | Bullets | Fields | Quote | Image | Actions


@dataclass(frozen=True)
class Ping:
    """The one mention the bot may make: the role (Discord) or user group (Slack) a
    facilitator chose for the group's reminders and session announcements. `id` is the
    platform's id for it; `label` is how people know it ("@tutors")."""

    id: str
    label: str = ""


class Need(StrEnum):
    """What a refused request lacked; an adapter may say how to get it on its platform."""

    FACILITATOR = "facilitator"
    GROUP_CHANNEL = "group-channel"


@dataclass(frozen=True)
class Reply:
    parts: tuple[Part, ...] = ()
    # Personal answers (my canvas, my notes) go only to the asker: ephemeral or DM.
    private: bool = False
    # Short plain-text version for notifications and platforms' fallback text.
    summary: str = ""
    # Ask the platform to open a thread on the post for answers (discussion prompts).
    open_thread: bool = False
    # Set on a refusal: what the asker would need for the request to work.
    needs: Need | None = None
    # The group's chosen mention, which renderers put at the top and let ping (only it).
    ping: Ping | None = None
    # A scheduled post that should carry the group's chosen mention; the core's
    # `bot.groups.pings.GroupPings` fills in `ping` on its way to the platform.
    calls_group: bool = False

    @staticmethod
    def of(
        *parts: Part, private: bool = False, summary: str = "", open_thread: bool = False,
        needs: Need | None = None, ping: Ping | None = None,
    ) -> Reply:
        return Reply(parts=parts, private=private, summary=summary, open_thread=open_thread,
                     needs=needs, ping=ping)

    def plain_text(self) -> str:
        """Every textual part joined, for logs, tests and fallbacks."""
        chunks: list[str] = []
        for part in self.parts:
            match part:
                case Heading(text=t) | Text(text=t):
                    chunks.append(t)
                case Bullets(items=items):
                    chunks.extend(items)
                case Fields(items=items):
                    chunks.extend(f"{f.label}: {f.value}" for f in items)
                case Quote(text=t, source=s):
                    chunks.append(f"{t} ({s.title})")
                case Image(alt_text=alt):
                    chunks.append(alt)
                case Actions(buttons=buttons):
                    chunks.append(" | ".join(b.label for b in buttons))
        return labels_only("\n".join(chunks))
