"""Answers the router gives on its own, when no command's handler answered."""

from __future__ import annotations

from bot.messages import Need, Reply, Text


def usage_problem(explanation: str, needs: Need | None = None) -> Reply:
    return Reply.of(Text(explanation), summary=explanation, needs=needs)


def internal_error() -> Reply:
    return Reply.of(Text(
        "Sorry, something went wrong on my side while answering that. Nothing you saved "
        "was lost; please try again in a moment, or type `help` to see what I can do."))


def too_long(limit: int) -> Reply:
    return Reply.of(Text(
        f"That message is too long for me (over {limit:,} characters). "
        "Could you ask in a shorter message?"))


def empty_message() -> Reply:
    return Reply.of(Text("Hi! Type `help` to see what I can do, or `week` for this week's material."))


def not_understood(word: str, closest: str | None) -> Reply:
    hint = f" Did you mean `{closest}`?" if closest else ""
    return Reply.of(
        Text(f"I don't know the command `{word[:40]}`.", from_user=False),
        Text(f"{hint.strip()} Type `help` to see everything I can do.".strip()),
    )


def facilitators_only(command: str) -> Reply:
    return Reply.of(Text(
        f"Only the group's facilitators can use `{command}`. Workspace or server admins are "
        "facilitators, and a facilitator can give you the role with `group grant @you`."),
        private=True, needs=Need.FACILITATOR)
