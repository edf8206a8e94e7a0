"""Every sentence the Slack adapter itself says to people (the core says the rest)."""

from __future__ import annotations


def picture_sent_to_dm() -> str:
    return "(I've sent you the picture in our direct messages.)"


def picture_in_home() -> str:
    return "(open **My canvas** below to get the picture in our DM)"


def home_intro(command: str) -> str:
    return (f"Your study companion. Use `{command} help` in any channel, mention me with a "
            "question, or message me here in plain words.")


def welcome(command: str) -> str:
    return ("Hello! I'm studybot, your study companion for the course. Ask me anything here in "
            f"plain words (\"what should I study this week?\"), use `{command} help` in any channel, "
            "or open my **Home** tab for your week at a glance.")


def make_facilitator() -> str:
    return "**Facilitators** can set up groups, reminders and prompts. Pick someone to make them one:"


def pick_someone() -> str:
    return "Pick a person"


def not_installed_here() -> str:
    return ("studybot isn't installed in this workspace (any more). Ask a workspace admin to "
            "install it again from studybot's install page.")


def canvas_at_a_glance() -> str:
    return "Your canvas at a glance"


def share_expired() -> str:
    return ("That answer can't be shared any more (it was shared already, or it's over a "
            "day old). Run the command again and share the new answer.")


def shared_by(name: str) -> str:
    return f"Shared by {name}" if name else "Shared from studybot"


def answer_too_long() -> str:
    return ("…more: this answer is too long for one Slack message. "
            "Ask for a smaller part of it to see the rest.")


def search_title() -> str:
    return "Search the course"


def search_label() -> str:
    return "What are you looking for?"


def search_placeholder() -> str:
    return "e.g. where is this week's topic explained?"


def place(channel_id: str) -> str:
    """A channel as Slack shows it (its name, as a link), from its id."""
    return f"<#{channel_id}>" if channel_id[:1] in {"C", "G"} else "where you asked"


def sent_here_instead(channel_id: str) -> str:
    return f"I couldn't answer you in {place(channel_id)}, so here is my answer."


def maybe_repeat(channel_id: str) -> str:
    return (f"Slack didn't confirm my answer in {place(channel_id)}, so here it is too "
            "(if you already saw it there, this is the same answer).")


def share_failed() -> str:
    return "I couldn't share that answer just now. It's kept: click *Share in channel* again in a minute."


def share_unclear() -> str:
    return ("Slack didn't confirm the share. If the answer isn't in the channel, click "
            "*Share in channel* again.")


def form_failed(command: str) -> str:
    return (f"The form couldn't open just now (Slack was busy). Type `{command} …` with your "
            "words instead.")


def search_form_failed(word: str) -> str:
    return (f"The search form couldn't open just now (Slack was busy). Type `{word} your question` "
            "here instead and I'll look it up.")


def answer_refused() -> str:
    return ("Sorry, Slack wouldn't show my answer to that (it didn't fit a message). "
            "Try asking for a smaller part of it.")


def invite_first() -> str:
    return ("I'm not a member of this channel, so Slack won't let me post here. Type "
            "`/invite @studybot` in this channel, then run the command again.")


def archived_channel() -> str:
    return "This channel is archived, so Slack won't let me post here. Unarchive it or pick another channel."
