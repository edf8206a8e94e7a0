"""`/study group ...`: this channel's study group, its calendar and its facilitators."""

from __future__ import annotations

import discord
from discord import app_commands

from adapters.discord import choices
from adapters.discord.safe_text import single_line
from adapters.discord.tree.branch import Branch, Interaction, Tools, mention_of

Name = app_commands.Range[str, 1, 120]


def can_ping(role: discord.Role, bot_permissions: discord.Permissions) -> bool:
    """Discord notifies a role only if it is mentionable or the bot may mention every role."""
    return role.mentionable or bot_permissions.mention_everyone


def unpingable_role(role: discord.Role) -> str:
    name = discord.utils.escape_markdown(single_line(role.name)[:100])
    return (f"I can't ping {name}: Discord would show the mention without notifying anyone. Either turn "
            f"on 'Allow anyone to @mention this role' for {name} (Server Settings > Roles), or give "
            "studybot the 'Mention @everyone, @here and All Roles' permission; then choose it again.")
Day = app_commands.Range[str, 1, 40]


class GroupBranch(Branch):
    def __init__(self, tools: Tools) -> None:
        super().__init__(tools, name="group", description="This channel's study group")

    @app_commands.command(name="show", description="The group's course, calendar and reminder")
    async def show(self, interaction: Interaction) -> None:
        await self.tools.read(interaction, "group")

    @app_commands.command(name="setup", description="Make this channel a study group (facilitators)")
    @app_commands.describe(start="First day of week 1, YYYY-MM-DD", tz="The group's time zone",
                           course="Which course the group follows", name="The group's name")
    async def setup(self, interaction: Interaction, start: Day, tz: Day | None = None,
                    course: Day | None = None, name: Name | None = None) -> None:
        await self.tools.change(interaction, "group setup", f"start:{start.strip()}",
                             f"tz:{tz.strip()}" if tz and tz.strip() else None,
                             f"course:{course.strip()}" if course and course.strip() else None,
                             f"name:{name}" if name else None)  # name takes the rest of the line

    @app_commands.command(name="join", description="Follow this group's calendar in your DMs too")
    async def join(self, interaction: Interaction) -> None:
        await self.tools.change(interaction, "group join")

    @app_commands.command(name="leave", description="Go back to your own pace")
    async def leave(self, interaction: Interaction) -> None:
        await self.tools.change(interaction, "group leave")

    @app_commands.command(name="grant", description="Make someone a facilitator")
    @app_commands.describe(member="Who")
    async def grant(self, interaction: Interaction, member: discord.User) -> None:
        await self.tools.change(interaction, "group grant", mention_of(member))

    @app_commands.command(name="revoke", description="Take back someone's facilitator role")
    @app_commands.describe(member="Who")
    async def revoke(self, interaction: Interaction, member: discord.User) -> None:
        await self.tools.change(interaction, "group revoke", mention_of(member))

    @app_commands.command(name="ping", description="The role reminders mention (facilitators)")
    @app_commands.describe(role="The role to mention; leave out to mention nobody")
    async def ping(self, interaction: Interaction, role: discord.Role | None = None) -> None:
        if role is not None and not can_ping(role, interaction.app_permissions):
            await self.tools.answers.tell_privately(interaction, unpingable_role(role))
            return
        await self.tools.change(interaction, "group ping", role.mention if role else "off")

    @app_commands.command(name="facilitators", description="Who runs this group")
    async def facilitators(self, interaction: Interaction) -> None:
        await self.tools.read(interaction, "group facilitators")

    @setup.autocomplete("start")
    async def _starts(self, interaction: Interaction, typed: str) -> list[app_commands.Choice[str]]:
        return choices.start_dates(interaction.created_at.date(), typed)

    @setup.autocomplete("tz")
    async def _zones(self, interaction: Interaction, typed: str) -> list[app_commands.Choice[str]]:
        return choices.time_zones(typed)

    @setup.autocomplete("course")
    async def _courses(self, interaction: Interaction, typed: str) -> list[app_commands.Choice[str]]:
        return self.tools.suggestions.courses(typed)
