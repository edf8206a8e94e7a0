"""`watching 2`, "I'm watching the standards video", `watching none`: the video a learner
has open, which lookup then favours for a few hours (bot.lookup.watching)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from bot.command import Command, Context, Intent, UsageError, intent
from bot.course.models import Course
from bot.lookup import replies as say
from bot.lookup.watching import WATCH_HOURS, WatchingRepository
from bot.messages import Reply
from bot.search.analysis import stems
from bot.weeks.service import WeekService

CLEAR_WORDS = {"none", "nothing", "no", "off", "stop", "clear", "done"}
WEEK_AND_VIDEO = re.compile(r"(?:week\s*)?(\d{1,2})\s*[./:]\s*(\d{1,2})|week\s*(\d{1,2})\s+video\s*(\d{1,2})")
# Words that say "a video" rather than which one.
FILLER = {"the", "a", "an", "video", "lecture", "clip", "talk", "one", "on", "about", "now", "part"}


@dataclass(frozen=True)
class CourseVideo:
    week: int
    number: int  # from 1, as the week view lists them
    title: str

    @property
    def group(self) -> str:
        """The video's name in lookup's index (bot.search.passages)."""
        return f"w{self.week}/v{self.number - 1}"


def course_videos(course: Course) -> list[CourseVideo]:
    return [CourseVideo(week.number, number, video.title) for week in course.weeks
            for number, video in enumerate(week.videos, start=1)]


def examples(course: Course) -> tuple[str, str]:
    """`watching 3.1` and `watching sensing`, for videos this course has (a word that
    names one video alone)."""
    videos = course_videos(course)
    if not videos:
        return "watching 1", "watching none"
    for video in videos:
        for word in sorted(video.title.lower().replace(":", " ").split(), key=len, reverse=True):
            try:
                if _titled(videos, word) == video:
                    return f"watching {videos[0].week}.1", f"watching {word.strip('?!.,')}"
            except UsageError:
                continue
    return f"watching {videos[0].week}.1", f"watching {videos[0].week}.1"


class WatchingCommands:
    def __init__(self, course: Course, watching: WatchingRepository, weeks: WeekService) -> None:
        self.course = course
        self.watching = watching
        self.weeks = weeks

    def commands(self) -> Sequence[Command]:
        numbered, titled = examples(self.course)
        return [Command(name="watching", summary="Tell me which video you are watching; I favour it",
                        usage=(numbered, "watching none"), topic="lookup", handler=self.watch,
                        details=say.watching_details(WATCH_HOURS, numbered, titled))]

    def intents(self) -> Sequence[Intent]:
        return [
            intent(r"^(?:i['’]?m|i\s+am)\s+not\s+watching\b.*$", lambda _: "watching none"),
            intent(r"^(?:i['’]?m|i\s+am)\s+(?:now\s+|currently\s+)?watching\s+(?P<what>.+)$",
                   lambda m: f"watching {m['what']}"),
        ]

    async def watch(self, context: Context, args: str) -> Reply:
        wanted = " ".join(args.lower().strip(" .!?").split())
        user = context.message.user
        if not wanted:
            current = await self.watching.get(user, context.now)
            return say.watching_now(current.title if current and current.said else None,
                                    examples(self.course)[0])
        if wanted in CLEAR_WORDS:
            await self.watching.clear(user)
            return say.watching_cleared()
        video = await self._video(context, wanted)
        await self.watching.watch(user, video.group, video.title, context.now, said=True)
        return say.watching_set(video.title, video.week)

    async def _video(self, context: Context, wanted: str) -> CourseVideo:
        videos = course_videos(self.course)
        if not videos:
            raise UsageError("This course has no videos to watch.")
        if match := WEEK_AND_VIDEO.fullmatch(wanted):
            week, number = (int(g) for g in (match[1] or match[3], match[2] or match[4]))
            return _numbered(videos, week, number)
        if wanted.isdigit():
            week = (await self.weeks.position(context.message, context.now)).week
            return _numbered(videos, week, int(wanted))
        return _titled(videos, wanted)


def _numbered(videos: list[CourseVideo], week: int, number: int) -> CourseVideo:
    found = [v for v in videos if v.week == week]
    if not 1 <= number <= len(found):
        raise UsageError(say.no_such_video(week, len(found)))
    return found[number - 1]


def _titled(videos: list[CourseVideo], wanted: str) -> CourseVideo:
    """The video whose title shares the most of the words given (a title's own words)."""
    words = set(stems(" ".join(w for w in wanted.split() if w not in FILLER)))
    scored = sorted(((len(words & set(stems(v.title))), v) for v in videos), key=lambda p: -p[0])
    if not words or scored[0][0] == 0:
        raise UsageError(say.no_video_titled(wanted))
    if len(scored) > 1 and scored[1][0] == scored[0][0]:
        tied = [v.title for n, v in scored if n == scored[0][0]]
        raise UsageError(say.which_video(tied))
    return scored[0][1]
