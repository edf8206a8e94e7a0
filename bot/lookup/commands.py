"""`search <question>` (alias `find`), `more` and `misses`: find the moment in the course.

Plain questions reach `search` too: the phrasings below ("what did Lorraine say about
...", "where is ... discussed", "which video ...") and, as the router's fallback, any
message nothing else understood.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from dataclasses import replace
from functools import partial

from bot import replies
from bot.bounds import listed_number
from bot.command import Command, Context, Intent, Registry, UsageError, intent
from bot.lookup import replies as say
from bot.lookup.elsewhere import OtherCourses
from bot.lookup.last_search import LastSearch, LastSearchRepository
from bot.lookup.misses import SearchMissRepository
from bot.lookup.noted import NoNotes, NotedAnswers, noted_first
from bot.lookup.watching import WatchingRepository
from bot.messages import Reply
from bot.router import normalise
from bot.search.passages import Kind, Passage, window_turns
from bot.search.query import Query, QueryError
from bot.search.service import LookupService
from bot.store.units import apart
from bot.weeks.service import WeekService

SEARCH_WORDS = ("search", "find", "lookup")
MORE_WORDS = {"more", "next", "more results"}
MISSES_WORDS = {"misses", "gaps", "unanswered"}
MORE_PAGE = re.compile(r"(?P<shown>\d{1,4}) (?P<query>.+)")


def details(speaker: str) -> str:
    return (
        "Ask in plain words; I quote the passage that answers best, with its week, video, "
        f"speaker and time, and list two more. Narrow it with `week:2`, `speaker:{speaker}` or "
        "`kind:video` (also page, activity, canvas). Put words in quotes to find them together. "
        "`more` shows the next results. When the course doesn't seem to cover a question, I say "
        "so and note the question. Facilitators see those questions with `misses`."
    )


def _search_all(match: re.Match[str]) -> str:
    return f"search {match.string}"


class LookupCommands:
    def __init__(self, lookup: LookupService, misses: SearchMissRepository,
                 last: LastSearchRepository, registry: Registry, weeks: WeekService | None = None,
                 others: OtherCourses | None = None, watching: WatchingRepository | None = None,
                 noted: NotedAnswers | None = None) -> None:
        self.lookup = lookup
        self.noted = noted or NoNotes()
        self.watching = watching
        self.turns = partial(window_turns, lookup.course)
        self.others = others or OtherCourses()
        self.misses = misses
        self.last = last
        self.registry = registry
        self.weeks = weeks

    def commands(self) -> Sequence[Command]:
        return [
            Command(name="search", summary="Find where the course talks about something",
                    usage=say.search_examples(self.lookup.course),
                    aliases=("find", "lookup"), details=details(say.example_speaker(self.lookup.course)[0]),
                    topic="lookup", handler=self.search, free_text=True),
            Command(name="more", summary="The next results of your last search", usage=("more",),
                    topic="lookup", handler=self.more),
            Command(name="moment", summary="Quote one result of your last search in full",
                    usage=("moment 2",), topic="lookup", handler=self.moment),
        ]

    def intents(self) -> Sequence[Intent]:
        # Specific phrasings only, so "show me week 3" still reaches `week`.
        return [
            intent(r"^(?:so\s+|and\s+)?(?:what|how|when|where|why)\s+(?:did|does|do|has|have|was|is)\s+"
                   r"[\w.'-]+(?:\s+[\w.'-]+)?\s+(?:say|said|talk|speak|think|mention|explain|describe|"
                   r"discuss)\w*\b", _search_all),
            intent(r"^where\s+(?:is|are|was|were|do|does|did|can\s+i|do\s+i)\b.+\b(?:discuss|cover|mention|"
                   r"explain|talk|introduc|describ|defin|find)\w*", _search_all),
            intent(r"^(?:in\s+)?which\s+(?:video|lecture|clip|talk|transcript|part|section|activity)s?\b",
                   _search_all),
            intent(r"^(?:in\s+)?which\s+week\s+(?:covers?|talks?|talked|discuss\w*|mentions?|is\s+about|"
                   r"deals?|looks?\s+at|introduces?)\b", _search_all),
            intent(r"^who\s+(?:talks?|talked|spoke|speaks|said|says|mentioned|mentions|explains?|"
                   r"explained)\b", _search_all),
            intent(r"^(?:look\s+up|search\s+for)\b", _search_all),
            intent(r"^(?:is|are)\s+there\s+(?:a|an|any)\s+(?:video|lecture|mention|part|bit|discussion|"
                   r"clip)s?\b", _search_all),
            intent(r"\b(?:said|talked\s+about|discussed|mentioned)\s+(?:in|during)\s+(?:a|the)\s+"
                   r"(?:video|lecture|clip)\b", _search_all),
        ]

    async def search(self, context: Context, args: str) -> Reply:
        question = args.strip()
        if question.lower().removeprefix("search ").strip() in MORE_WORDS:
            return await self.more(context, "")
        if question.lower() in MISSES_WORDS:
            if not await context.is_facilitator():
                return replies.facilitators_only("search misses")
            listed = self.registry.find("misses")
            assert listed is not None  # course notes are built with every course's lookup
            return await listed.handler(context, "")
        if not question:
            raise UsageError(say.empty_question(self.lookup.course))
        try:
            query = self.lookup.parse(question)
        except QueryError as error:
            raise UsageError(str(error)) from error
        if not query.text.strip() and not query.has_filters:
            raise UsageError(say.empty_question(self.lookup.course))
        placed = await self._placed(context, query)
        # Searching may wait (an index still building, the encoder); whatever this message
        # wrote before it is committed first, so that wait holds no lock (bot.store.units).
        async with apart():
            results = await self.lookup.search(placed, limit=say.ANSWER_HITS)
        typo = None if _typed_command(context) else self._command_typo(question, results.answered)
        if typo is not None:
            return typo
        noted = await self.noted.answering(context.message, question, context.now)
        if not results.answered:
            if noted:
                return Reply(parts=tuple(noted), summary="Your facilitator answered this")
            async with apart():
                elsewhere = await self.others.answering(self.lookup.course.id, question)
            await self.misses.record(context.message, question, context.now, await self._asker_week(context))
            return say.not_covered(results, question, elsewhere,
                                   can_switch=context.message.channel.is_direct)
        chain = say.moment_chain(results.hits, query.text or question, wanted=say.PER_PAGE + 1,
                                 turns=self.turns)
        page = chain[:say.PER_PAGE]
        await self.last.remember(context.message, question, len(page), context.now,
                                 moments=[k for m in page for k in m.keys])
        more = len(chain) > len(page) or results.total > len(results.hits)
        return noted_first(noted, say.answer(results, page, query.text or question,
                                             say.more_button(question, len(page)) if more else None,
                                             your_week=placed.near_week, watching=placed.near_video))

    async def more(self, context: Context, args: str) -> Reply:
        """`more`: the next-best moments of your last search, none shown before in this
        conversation; `more 3 open data` (a button): of that search, after its first 3."""
        page = MORE_PAGE.fullmatch(args.strip())
        own = await self.last.get(context.message)
        last = LastSearch(page["query"], int(page["shown"])) if page else own
        if last is None:
            return say.no_search_yet()
        try:
            query = self.lookup.parse(last.query)
        except QueryError as error:
            raise UsageError(str(error)) from error
        question = query.text or last.query
        # Placed as the answer was, so the next moments follow on from the first ones.
        placed = await self._placed(context, query, glances=False)
        hits = (await self.lookup.search(placed, limit=say.MORE_HITS)).hits
        seen = own.moments if own is not None else frozenset()
        if page:  # whoever clicks has not seen what the button's page showed: skip it too
            seen |= {k for m in say.moment_chain(hits, question, wanted=last.shown, turns=self.turns)
                     for k in m.keys}
        found = say.moment_chain(hits, question, wanted=say.PER_PAGE + 1, shown=seen, already=last.shown,
                                 turns=self.turns)
        if not found:
            return say.nothing_more(last.query)
        await self._glanced(context, found[0].passage)
        shown = last.shown + len(found[:say.PER_PAGE])
        await self.last.remember(context.message, last.query, shown, context.now,
                                 moments=[k for m in found[:say.PER_PAGE] for k in m.keys])
        return say.more_results(found[:say.PER_PAGE], last.query, shown, more=len(found) > say.PER_PAGE)

    async def moment(self, context: Context, args: str) -> Reply:
        """One hit of the last search quoted in full: what a close call's buttons send."""
        last = await self.last.get(context.message)
        if last is None:
            return say.no_search_yet()
        number = listed_number(args.strip())
        if number is None:
            raise UsageError("Say which result, like `moment 2`.")
        # Re-run as it was shown: a video opened since (by another `moment`) must not reorder it.
        query = await self._placed(context, self.lookup.parse(last.query), glances=False)
        hits = (await self.lookup.search(query, limit=say.ANSWER_HITS)).hits[:say.PER_PAGE]
        if not 1 <= number <= len(hits):
            return say.no_such_moment(len(hits))
        await self._glanced(context, hits[number - 1].passage)
        return say.moment(hits[number - 1], query.text or last.query, self.turns)

    async def _placed(self, context: Context, query: Query, *, glances: bool = True) -> Query:
        """The query with where the asker is: their week, and the video they are watching
        (said outright, or with `glances` the one whose moment they just opened). Not the
        video of their last search: as a prior, that one led questions astray."""
        week = await self._asker_week(context)
        watching = await self.watching.get(context.message.user, context.now) if self.watching else None
        if watching is not None and not (watching.said or glances):
            watching = None
        return replace(query, near_week=week, near_video=watching.video if watching else None)

    async def _glanced(self, context: Context, passage: Passage) -> None:
        """A learner who opens a video's moment is taken to be watching it, for a while."""
        if self.watching is not None and passage.kind == Kind.TRANSCRIPT and passage.start is not None:
            await self.watching.watch(context.message.user, passage.group, passage.source, context.now,
                                      said=False)

    async def _asker_week(self, context: Context) -> int | None:
        """The group's week, or the week the learner moved to; None if they never did."""
        if self.weeks is None:
            return None
        position = await self.weeks.position(context.message, context.now)
        if not position.own_pace:
            return position.week
        return await self.weeks.progress.current_week(context.message.user, self.lookup.course.id)

    def _command_typo(self, text: str, answered: bool) -> Reply | None:
        """A short message that was probably a mistyped command ("weak 3"), not a question."""
        words = text.split()
        if not (words[0].isascii() and words[0].isalpha()):
            return None  # another script, or emoji: a question, not a command
        with_number = len(words) == 2 and words[1].isdigit()
        if len(words) > 2 or (len(words) == 2 and not with_number) or (answered and not with_number):
            return None
        known = [w for c in self.registry.commands for w in c.words]
        close = difflib.get_close_matches(words[0].lower(), known, n=1, cutoff=0.6)
        command = self.registry.find(close[0]) if close else None
        if command is None and (with_number and answered):
            return None
        return replies.not_understood(words[0], command.name if command else None)


def _typed_command(context: Context) -> bool:
    """Whether the person typed `search`/`find` themselves, rather than asking in plain words."""
    first = normalise(context.message.text).split(" ", 1)[0].lower()
    return first in SEARCH_WORDS
