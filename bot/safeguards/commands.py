"""`privacy`, `privacy export`, `privacy delete`, and `privacy delete group` (facilitators).

Deleting asks first and waits for a yes (a dialog row, so the answer may reach any
replica). Every answer here is private: it is about the asker alone.
"""

from __future__ import annotations

from collections.abc import Sequence

from bot import replies
from bot.audit.service import GROUP_DATA_REMOVED, AuditLog
from bot.command import Command, Context, Intent, UsageError, intent
from bot.messages import Bullets, Heading, Need, Platform, Reply, Text, UserRef
from bot.safeguards.privacy import Export, Kept, PrivacyService
from bot.store.dialogs import Dialog, DialogRepository

KIND = "privacy"
FORGET, GROUP = "forget", "group"
YES_WORDS = {"yes", "y", "yes please", "yes delete", "yes delete it", "delete", "delete it",
             "delete everything", "confirm"}
SHOWN_CHARS = 2500  # of the Markdown and of the JSON, inline; the rest is in the file
USAGE = ("privacy", "privacy export", "privacy delete", "privacy delete group")


class PrivacyCommands:
    def __init__(self, privacy: PrivacyService, dialogs: DialogRepository, audit: AuditLog) -> None:
        self.privacy = privacy
        self.dialogs = dialogs
        self.audit = audit

    def commands(self) -> Sequence[Command]:
        return [Command(
            name="privacy", summary="What I keep about you and why; a copy of it; deleting it",
            usage=USAGE, aliases=("mydata",), topic="privacy", handler=self.handle,
            on_answer=self.answer,
            details="`privacy export` sends you everything I keep about you, privately. "
            "`privacy delete` removes it, after you confirm: entries you wrote on a group canvas "
            "stay with the group, signed \"a former member\". A facilitator can remove a whole "
            "group's data with `privacy delete group` in its channel.")]

    def intents(self) -> Sequence[Intent]:
        return [
            intent(r"\b(?:delete|erase|remove|wipe) (?:all )?(?:of )?my (?:personal )?data\b"
                   r"|\bforget (?:about )?me\b", lambda m: "privacy delete"),
            intent(r"\b(?:export|download|copy of) (?:all )?(?:of )?my (?:personal )?data\b",
                   lambda m: "privacy export"),
            intent(r"\bwhat (?:data )?do you (?:know|keep|store|have) (?:about|on) me\b",
                   lambda m: "privacy"),
        ]

    async def handle(self, context: Context, args: str) -> Reply:
        words = args.lower().split()
        match words:
            case []:
                return what_we_keep(self.privacy.kept(), self.privacy.retention_days)
            case ["export" | "download" | "copy"]:
                export = await self.privacy.export(context.message.user, context.now)
                return export_reply(export, context.message.user)
            case ["delete" | "forget" | "erase"] | ["delete", "me" | "my" | "mine" | "everything"]:
                await self._ask(context, {"mode": FORGET})
                return confirm_forget()
            case ["delete" | "remove", "group"]:
                return await self._ask_group(context)
        raise UsageError(f"I don't know `privacy {args.strip()[:30]}`. Try `privacy`, "
                         "`privacy export` or `privacy delete`.")

    async def _ask_group(self, context: Context) -> Reply:
        if not await context.is_facilitator():
            return replies.facilitators_only("privacy delete group")
        channel = context.message.channel
        if channel.is_direct:
            raise UsageError("Type `privacy delete group` in the group's own channel.",
                             needs=Need.GROUP_CHANNEL)
        await self._ask(context, {"mode": GROUP, "channel": channel.id})
        return confirm_group_removal()

    async def _ask(self, context: Context, state: dict[str, str]) -> None:
        await self.dialogs.start(context.message, Dialog(KIND, state), context.now)

    async def answer(self, context: Context, text: str) -> Reply:
        dialog = await self.dialogs.get(context.message, context.now)
        await self.dialogs.end(context.message)
        state = dialog.state if dialog is not None else {}
        if " ".join(text.lower().strip(" .!").split()) not in YES_WORDS:
            return kept_everything()
        if state.get("mode") == FORGET:
            changed = await self.privacy.forget(context.message.user)
            return forgotten(changed)
        if state.get("mode") == GROUP and await context.is_facilitator():
            channel_id = str(state.get("channel", ""))
            removed = await self.privacy.remove_group(context.message.channel.tenant, channel_id)
            await self.audit.record(context.message, GROUP_DATA_REMOVED, context.now,
                                    channel_id=channel_id, detail=f"{removed} rows")
            return group_removed(removed)
        return kept_everything()


def what_we_keep(kept: list[Kept], retention_days: int) -> Reply:
    def line(k: Kept) -> str:
        expires = f" Deleted after {retention_days} days." if k.expires else ""
        return f"**{k.title}**: {k.why}.{expires}"

    return Reply.of(
        Heading("Your data"),
        Text("I keep only what I need to help you study. Here is what, and why:"),
        Bullets(tuple(line(k) for k in kept)),
        Text("`privacy export` sends you a copy of everything I keep about you. `privacy delete` "
             "removes it, after you confirm. Facilitators: `privacy delete group` removes a whole "
             "group's data."),
        private=True, summary="What I keep about you")


def export_reply(export: Export, user: UserRef) -> Reply:
    if export.rows == 0:
        return Reply.of(Text("I keep no data about you: there is nothing to export."), private=True)
    return Reply.of(
        Heading("Everything I keep about you"),
        Text(_shown(export.markdown), from_user=True),
        Text("**The same, as JSON**"),
        Text(_shown(export.json_text), from_user=True),
        Text(f"That's {export.rows} records. Long exports are shortened here; whoever runs this "
             f"bot can write the whole export to files with `{export_command(user)}`."),
        private=True, summary="Your data export")


def export_command(user: UserRef) -> str:
    """The `studybot privacy export` line for this learner (the console's tenant is its default)."""
    where = "" if user.tenant.platform is Platform.CONSOLE and user.tenant.id == "local" else (
        f" --platform {user.tenant.platform.value} --tenant {user.tenant.id}")
    return f"studybot privacy export --user {user.id}{where}"


def _shown(text: str) -> str:
    if len(text) <= SHOWN_CHARS:
        return text
    return text[:SHOWN_CHARS].rstrip() + f"\n… ({len(text) - SHOWN_CHARS:,} more characters)"


def confirm_forget() -> Reply:
    return Reply.of(Text(
        "This deletes everything I keep about you: your place in the course, your canvas, your "
        "notes, your searches, and any facilitator role you were given. Entries you wrote on a "
        "group canvas stay with the group, signed \"a former member\". It can't be undone. Type "
        "`yes` to delete, or anything else to keep it all. (`privacy export` first if you want a "
        "copy.)"), private=True)


def confirm_group_removal() -> Reply:
    return Reply.of(Text(
        "This deletes this study group's data: its settings, members, reminders, prompts and their "
        "post history, the group canvas, and searches asked here. It can't be undone. Type `yes` "
        "to delete, or anything else to keep it."), private=True)


def kept_everything() -> Reply:
    return Reply.of(Text("OK, I deleted nothing."), private=True)


def forgotten(changed: int) -> Reply:
    if changed == 0:
        return Reply.of(Text("Done. I had nothing about you to delete."), private=True)
    return Reply.of(Text(
        f"Done: I deleted or anonymised {changed} records about you. If you talk to me again, I'll "
        "start afresh."), private=True)


def group_removed(removed: int) -> Reply:
    return Reply.of(Text(
        f"Done: I deleted this group's data ({removed} records). A facilitator can set the group up "
        "again with `group setup`."), private=True)
