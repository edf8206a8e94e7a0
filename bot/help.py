"""`help [topic]`: what the companion can do, built from the registered commands."""

from __future__ import annotations

import difflib
from collections.abc import Sequence

from bot.command import Command, Context, Intent, Registry, intent
from bot.messages import Bullets, Heading, Reply, Text

TOPIC_TITLES = {
    "course": "The course",
    "lookup": "Finding things in the course",
    "canvas": "Your project",
    "group": "Study groups",
    "privacy": "Your data",
}


class HelpCommands:
    def __init__(self, registry: Registry, course_title: str | None) -> None:
        """`course_title` None: the message has no course yet (see bot.registries)."""
        self.registry = registry
        self.course_title = course_title

    def commands(self) -> Sequence[Command]:
        return [Command(
            name="help",
            summary="What I can do, or how to use one command",
            usage=("help", "help week"),
            aliases=("?", "commands", "start", "hi", "hello"),
            handler=self.help,
        )]

    def intents(self) -> Sequence[Intent]:
        return [intent(r"^(?:what can you do|how do(?:es)? (?:this|it|you) work)\b", lambda m: "help")]

    async def help(self, context: Context, args: str) -> Reply:
        topic = args.strip().lower().lstrip("/")
        if not topic:
            return self._overview(await context.is_facilitator())
        command = self.registry.find(topic.split()[0])
        if command is not None:
            return command_help(command)
        topic_commands = [c for c in self.registry.commands if c.topic == topic]
        if topic_commands:
            return self._section(topic, topic_commands)
        words = [w for c in self.registry.commands for w in c.words] + list(TOPIC_TITLES)
        close = difflib.get_close_matches(topic, words, n=1, cutoff=0.6)
        hint = f" Did you mean `help {close[0]}`?" if close else ""
        return Reply.of(Text(f"I have no help on that topic.{hint} Type `help` for the full list."))

    def _overview(self, is_facilitator: bool) -> Reply:
        heading = "Your study companion" + (f" for {self.course_title}" if self.course_title else "")
        parts: list[Heading | Text | Bullets] = [Heading(heading)]
        if self.course_title is None:
            parts.append(Text("Several courses are installed here: `courses` lists them and "
                              "`course ID` picks yours; then everything below is about it."))
        parts.append(Text("Ask in plain words (\"what's this week's material?\") or use a command:"))
        for topic, title in TOPIC_TITLES.items():
            commands = [c for c in self.registry.commands
                        if c.topic == topic and (is_facilitator or not c.facilitator_only)]
            if commands:
                parts += [Text(f"**{title}**"), Bullets(tuple(_line(c) for c in commands))]
        parts.append(Text("Type `help <command>` for examples, e.g. `help week`."))
        return Reply(parts=tuple(parts), summary="What I can do")

    def _section(self, topic: str, commands: list[Command]) -> Reply:
        return Reply.of(Heading(TOPIC_TITLES.get(topic, topic.title())),
                        Bullets(tuple(_line(c) for c in commands)))


def _line(command: Command) -> str:
    badge = " (facilitators)" if command.facilitator_only else ""
    return f"`{command.usage[0]}`: {command.summary}{badge}"


def command_help(command: Command) -> Reply:
    parts: list[Heading | Text | Bullets] = [Heading(f"{command.name}: {command.summary}")]
    if command.details:
        parts.append(Text(command.details))
    parts += [Text("**Examples**"), Bullets(tuple(f"`{u}`" for u in command.usage))]
    if command.aliases:
        parts.append(Text("Also answers to: " + ", ".join(f"`{a}`" for a in command.aliases)))
    if command.facilitator_only:
        parts.append(Text("Only facilitators can use this."))
    return Reply(parts=tuple(parts), summary=f"Help: {command.name}")
