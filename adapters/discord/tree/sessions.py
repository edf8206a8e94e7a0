"""`/study session ...` and `/study quiz ...`: live sessions and the weekly quiz, as typed leaves.

Both were reachable only through `/study ask` before; each leaf builds the line the
router knows (`session add 2027-03-04 18:00 60m "Catch-up"`, `quiz week 3`).
"""

from __future__ import annotations

from discord import app_commands

from adapters.discord.tree.branch import Branch, Interaction, Number, Tools
from adapters.discord.visibility import Audience

When = app_commands.Range[str, 1, 60]
Title = app_commands.Range[str, 1, 100]
Place = app_commands.Range[str, 1, 200]
Minutes = app_commands.Range[int, 5, 480]
Day = app_commands.Range[str, 1, 10]
RSVP = [app_commands.Choice(name="Going", value="going"), app_commands.Choice(name="Maybe", value="maybe"),
        app_commands.Choice(name="Can't", value="cant")]


def session_add_line(when: str, title: str, minutes: int | None, place: str | None,
                     until: str | None) -> tuple[object, ...]:
    """The title goes in quotes, so quotes inside it become apostrophes; `where:` takes the rest."""
    quoted = '"' + title.replace('"', "'").replace("“", "'").replace("”", "'") + '"'
    return ("session add", when, f"{minutes}m" if minutes else None, quoted,
            f"until:{until.strip()}" if until and until.strip() else None,
            f"where:{place}" if place else None)


class SessionBranch(Branch):
    def __init__(self, tools: Tools) -> None:
        super().__init__(tools, name="session", description="The group's live study sessions")

    @app_commands.command(name="add", description="Schedule a session and announce it (facilitators)")
    @app_commands.describe(when="YYYY-MM-DD HH:MM, or every thursday 18:00", title="What it is",
                           minutes="How long (default 60)", where="A link or a room",
                           until="Last date of a weekly series, YYYY-MM-DD")
    async def add(self, interaction: Interaction, when: When, title: Title, minutes: Minutes | None = None,
                  where: Place | None = None, until: Day | None = None) -> None:
        await self.tools.change(interaction, *session_add_line(when, title, minutes, where, until))

    @app_commands.command(name="list", description="The coming sessions")
    async def list_all(self, interaction: Interaction) -> None:
        await self.tools.read(interaction, "sessions")

    @app_commands.command(name="show", description="One session: who's coming, and buttons to answer")
    @app_commands.describe(number="Its number in /study session list")
    async def show(self, interaction: Interaction, number: Number) -> None:
        await self.tools.read(interaction, "session", number)

    @app_commands.command(name="rsvp", description="Say whether you're coming")
    @app_commands.describe(number="Its number in /study session list", answer="Your answer")
    @app_commands.choices(answer=RSVP)
    async def rsvp(self, interaction: Interaction, number: Number, answer: app_commands.Choice[str]) -> None:
        await self.tools.change(interaction, "session", number, answer.value, audience=Audience.ASKER)

    @app_commands.command(name="cancel", description="Cancel a session and tell those coming (facilitators)")
    @app_commands.describe(number="Its number in /study session list")
    async def cancel(self, interaction: Interaction, number: Number) -> None:
        await self.tools.change(interaction, "session cancel", number)


class QuizBranch(Branch):
    def __init__(self, tools: Tools) -> None:
        super().__init__(tools, name="quiz", description="A short quiz on the course, just for you")

    @app_commands.command(name="start", description="Start a quiz on your week, or on any week")
    @app_commands.describe(week="Leave empty for your current week")
    async def start(self, interaction: Interaction, week: Number | None = None) -> None:
        await self.tools.change(interaction, "quiz", *(("week", week) if week else ()),
                                audience=Audience.ASKER)

    @app_commands.command(name="stop", description="Finish the quiz you are in")
    async def stop(self, interaction: Interaction) -> None:
        await self.tools.change(interaction, "quiz stop", audience=Audience.ASKER)

    @app_commands.command(name="stats", description="How your reviews are going")
    async def stats(self, interaction: Interaction) -> None:
        await self.tools.read(interaction, "quiz stats", audience=Audience.ASKER)
