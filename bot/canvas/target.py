"""Whose canvas a message means: the learner's own, or the study group's of its channel."""

from __future__ import annotations

from bot.canvas.replies import Target
from bot.canvas.store import Actor, CanvasOwner
from bot.command import Context, UsageError
from bot.messages import Need
from bot.weeks.service import WeekService

OWN, GROUP = "own", "group"


def require_group_channel(context: Context) -> None:
    if context.message.channel.is_direct:
        raise UsageError("The group canvas lives in your study group's channel, so `canvas group` "
                         "only works there. Here you can use your own canvas: type `canvas`.",
                         needs=Need.GROUP_CHANNEL)


async def resolve(context: Context, scope: str, weeks: WeekService) -> tuple[CanvasOwner, Target]:
    course_id = weeks.course.id
    message = context.message
    if scope == GROUP:
        require_group_channel(context)
        position = await weeks.position(message, context.now)
        name = position.group.group_name if position.group else "this channel's study group"
        return CanvasOwner.group(message.channel, course_id), Target(
            view_name="the group canvas", title=f"Group canvas: {name}",
            prefix="canvas group", private=False)
    return CanvasOwner.learner(message.user, course_id), Target(
        view_name="your canvas", title=f"{message.user.label}'s canvas", prefix="canvas",
        private=True)


async def actor(context: Context) -> Actor:
    return Actor.of(context.message.user, facilitator=await context.is_facilitator())
