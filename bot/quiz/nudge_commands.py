"""`quiz nudges ...` (facilitators): turn a group's review nudges on, daily or weekly, or off."""

from __future__ import annotations

from bot import replies
from bot.command import Context, UsageError
from bot.groups.service import GroupService
from bot.messages import Reply, Text
from bot.quiz.nudge_store import NudgeSetting, QuizNudgeRepository
from bot.schedule.triggers import WEEKDAYS
from bot.schedule.when import WhenError, parse_clock, parse_weekday

HOW = ("Type `quiz nudges daily 18:00`, `quiz nudges weekly friday 18:00` or `quiz nudges off`. "
       "Only learners who typed `quiz remind on` get them.")


class QuizNudgeCommands:
    def __init__(self, nudges: QuizNudgeRepository, groups: GroupService, course_id: str) -> None:
        self.nudges = nudges
        self.groups = groups
        self.course_id = course_id

    async def run(self, context: Context, args: str) -> Reply:
        if not await context.is_facilitator():
            return replies.facilitators_only("quiz nudges")
        group = await self.groups.channel_group(context.message)
        if group is None or group.course_id != self.course_id:
            raise UsageError("Set quiz nudges in your study group's channel. " + HOW)
        words = args.lower().split()
        if not words:
            setting = await self.nudges.get(group)
            return Reply.of(Text(f"Quiz nudges: {describe(setting)}. {HOW}"), private=True)
        if words == ["off"]:
            await self.nudges.put(group, None, context.message.user.id, context.now)
            return Reply.of(Text("Quiz nudges are off for this group."))
        setting = _parse(words)
        await self.nudges.put(group, setting, context.message.user.id, context.now)
        return Reply.of(Text(f"Quiz nudges on: {describe(setting)} ({group.timezone}), by direct "
                             "message to learners who typed `quiz remind on` and have questions "
                             "due. Nobody else gets one."))


def _parse(words: list[str]) -> NudgeSetting:
    try:
        if words[0] == "daily" and len(words) == 2:
            return NudgeSetting(None, parse_clock(words[1]))
        if words[0] == "weekly" and len(words) == 3:
            return NudgeSetting(parse_weekday(words[1]), parse_clock(words[2]))
    except WhenError as problem:
        raise UsageError(str(problem)) from None
    raise UsageError(HOW)


def describe(setting: NudgeSetting | None) -> str:
    if setting is None:
        return "off"
    when = "every day" if setting.weekday is None else f"every {WEEKDAYS[setting.weekday].title()}"
    return f"{when} at {setting.at:%H:%M}"
