"""Everything lookup says to people, in small named functions."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from bot.course.models import Course
from bot.lookup.elsewhere import Elsewhere
from bot.messages import Actions, Bullets, Button, Part, Quote, QuoteSource, Reply, Text
from bot.messages import clock_time as clock
from bot.search.excerpt import excerpt
from bot.search.moments import Moment, Turns, moments
from bot.search.passages import Kind, Passage
from bot.wording import count

if TYPE_CHECKING:  # the ranking code (and numpy) loads in the index thread, not at start-up
    from bot.search.ranking import Hit, Results

MORE_LABEL = "More results"
PER_PAGE = 3
PARAPHRASED = "_This transcript is a summary in our own words, not what was said word for word._"
# Below this share of the question, the nearest passage is noise rather than a lead.
NEAREST_COVERAGE = 0.3
# Hits of other videos scoring at least this share of the best one make a close call:
# the answer names them and offers each as a button.
CLOSE_CALL = 0.9
# A caption window is 90 seconds of speech; its answer is the sentence or two that match.
MOMENT_CHARACTERS = 280
PAGE_CHARACTERS = 400
BRIEF_CHARACTERS = 140
MORE_CHARACTERS = 220
# Hits searched for a page of moments: neighbouring caption windows share sentences, so a
# page of three moments may need more than three windows.
ANSWER_HITS = 2 * PER_PAGE
MORE_HITS = 50


def more_button(question: str, shown: int) -> Button:
    """The next page of `question`, for whoever clicks: the button says what to show."""
    return Button(MORE_LABEL, f"more {shown} {' '.join(question.split())}")


def answer(results: Results, page: Sequence[Moment], question: str, more: Button | None, *,
           your_week: int | None = None, watching: str | None = None) -> Reply:
    """The best moment quoted, two more in a line each, and a way to see more.

    The quote says where it is from the asker's place: the video they are `watching`
    (a video's group), `your_week`, or another week. When another video answers about
    as well, the reply says so and offers both.
    """
    best, *others = page
    heading = place_heading(best, your_week, watching)
    parts: list[Part] = [*([Text(heading)] if heading else []), *quoted_moment(best)]
    buttons: tuple[Button, ...] = ()
    close = close_call(results.hits[:PER_PAGE])
    if close:
        choices = [f"**{h.passage.source}** at {clock(h.passage.start or 0)}" for _, h in close]
        parts.append(Text(f"Two videos answer this about equally well: {' or '.join(choices)}?"))
        buttons = tuple(Button(f"{h.passage.source} at {clock(h.passage.start or 0)}", f"moment {n}")
                        for n, h in close)
    if others:
        parts += [Text("**Also in the course**"), Bullets(tuple(brief_moment(m) for m in others))]
    if more is not None:
        buttons += (more,)
    if buttons:
        parts.append(Actions(buttons))
    return Reply(parts=tuple(parts), summary=f"Found in {where(best.passage)}")


def place_heading(found: Moment, your_week: int | None, watching: str | None) -> str | None:
    """"In the video you're watching, at 04:10:", "In week 3 (your week):" or "From week 5:"."""
    passage = found.passage
    if watching is not None and passage.group == watching and found.start is not None:
        return f"In the video you're watching, at {clock(found.start)}:"
    if passage.week is None:
        return None
    if passage.week == your_week:
        return f"In week {your_week} (your week):"
    return f"From week {passage.week}:"


def moment_chain(hits: Sequence[Hit], question: str, *, wanted: int, shown: frozenset[str] = frozenset(),
                 already: int = 0, turns: Turns | None = None) -> list[Moment]:
    """The next `wanted` moments of a search, after `already` shown and none of `shown`:
    the answer's three first (the best quoted longer), then pages of `more`."""
    def limit(n: int, passage: Passage) -> int:
        n += already
        if n == 0:
            return MOMENT_CHARACTERS if passage.kind == Kind.TRANSCRIPT else PAGE_CHARACTERS
        return BRIEF_CHARACTERS if n < PER_PAGE else MORE_CHARACTERS
    return moments([(h.passage, h.score) for h in hits], question, wanted=wanted, shown=shown, limit=limit,
                   turns=turns)


def quoted_moment(found: Moment) -> list[Part]:
    """A moment quoted: the sentences that match best, with where and when they were said."""
    source = replace(_source(found.passage), start_seconds=found.start, end_seconds=found.end)
    parts: list[Part] = [Quote(found.text, source)]
    if found.passage.paraphrased:
        parts.append(Text(PARAPHRASED))
    return parts


def quoted(hit: Hit, question: str, turns: Turns | None = None) -> list[Part]:
    """A hit quoted: the sentences that match best, with where and when they were said."""
    return quoted_moment(moment_chain([hit], question, wanted=1, turns=turns)[0])


def close_call(hits: Sequence[Hit]) -> list[tuple[int, Hit]]:
    """(number on the page, hit) for the best hit and those of other videos nearly as good,
    when there are at least two; otherwise nothing."""
    if not hits or hits[0].passage.start is None:
        return []
    best = hits[0]
    found = [(1, best)]
    for number, hit in enumerate(hits[1:], start=2):
        timed = hit.passage.kind == Kind.TRANSCRIPT and hit.passage.start is not None
        if timed and hit.score >= CLOSE_CALL * best.score and all(
                hit.passage.group != other.passage.group for _, other in found):
            found.append((number, hit))
    return found if len(found) > 1 else []


def moment(hit: Hit, question: str, turns: Turns | None = None) -> Reply:
    return Reply(parts=tuple(quoted(hit, question, turns)), summary=f"Found in {where(hit.passage)}")


def no_such_moment(count: int) -> Reply:
    return Reply.of(Text(f"Your last search showed {count} results; pick one of them, like `moment 1`."))


def more_results(page: Sequence[Moment], question: str, shown: int, more: bool) -> Reply:
    parts: list[Part] = [Text(f"More for “{question}”:", from_user=True),
                         Bullets(tuple(brief_moment(m) for m in page), numbered=False)]
    if more:
        parts.append(Actions((more_button(question, shown),)))
    return Reply(parts=tuple(parts), summary="More results")


def nothing_more(question: str) -> Reply:
    return Reply.of(Text(f"That's everything I found for “{question}”.", from_user=True),
                    Text("Ask in other words, or type `weeks` to browse the course."))


def no_search_yet() -> Reply:
    return Reply.of(Text("There's nothing to show more of yet. Ask a question first, "
                         "for example `search open data`."))


def not_covered(results: Results, question: str, elsewhere: Sequence[Elsewhere] = (), *,
                can_switch: bool = False) -> Reply:
    """Honest: the course does not seem to answer it; another course that does, close
    words and the nearest passage."""
    parts: list[Part] = [
        Text(f"The course doesn't seem to cover “{question}”{_full_stop(question)}", from_user=True),
    ]
    if elsewhere:
        other = elsewhere[0]
        parts += [Text(f"**{other.course.title}** covers this:"), Bullets((brief(other.hit, question),))]
        if can_switch:
            parts.append(Text(f"`course {other.course.id}` switches to it; then ask again."))
        parts.append(Text("I've noted that your own course leaves it open, for your facilitators."))
        return Reply(parts=tuple(parts), summary=f"{other.course.title} covers this")
    if results.suggestions:
        parts.append(Text("Close words the course does use: "
                          + ", ".join(f"`{s}`" for s in results.suggestions) + "."))
    if results.hits and results.coverage >= NEAREST_COVERAGE:
        parts += [Text("The nearest I found, which may not answer it:"),
                  Bullets((brief(results.hits[0], question),))]
    parts.append(Text("I've noted the question so your facilitators can see what the course "
                      "leaves open. Try other words, type `weeks` to browse the topics, or "
                      "`help` to see what I can do."))
    return Reply(parts=tuple(parts), summary="Not covered in the course")


def _full_stop(question: str) -> str:
    return "" if question.rstrip()[-1:] in {".", "?", "!"} else "."


TITLES = {"dr", "dr.", "prof", "prof.", "professor", "mr", "mrs", "ms", "mx", "sir", "dame"}


def example_speaker(course: Course) -> tuple[str, str]:
    """A speaker to show in examples: (id for `speaker:`, first name), or a stand-in."""
    if not course.info.people:
        return "name", "the presenter"
    person = course.info.people[0]
    given = next((w for w in person.name.split() if w.lower() not in TITLES), person.name)
    return person.id, given


def example_topic(course: Course) -> str:
    """A topic the course really covers: its first theme, else its first week's title."""
    topic = course.info.themes[0].split(":")[0] if course.info.themes else course.weeks[0].title
    return " ".join(topic.lower().strip(" .?!").split()[:3])


def search_examples(course: Course) -> tuple[str, ...]:
    speaker, name = example_speaker(course)
    topic = example_topic(course)
    return (f"search {topic}", f"find {topic} week:{min(2, course.week_count)}",
            f"search speaker:{speaker} {topic}", f"what did {name} say about {topic}?")


def empty_question(course: Course) -> str:
    examples = search_examples(course)
    return (f"Tell me what to look for, for example `{examples[0]}`, `{examples[1]}`, "
            f"or ask \"{examples[3]}\"")


def brief(hit: Hit, question: str, limit: int = BRIEF_CHARACTERS) -> str:
    return f"**{where(hit.passage)}**: {excerpt(hit.passage.text, question, limit)}"


def brief_moment(found: Moment) -> str:
    return f"**{where(found.passage, found.start)}**: {found.text}"


def where(passage: Passage, start: float | None = None) -> str:
    bits = [f"Week {passage.week}"] if passage.week is not None else []
    bits.append(passage.source)
    if passage.speaker:
        bits.append(passage.speaker)
    at = start if start is not None else passage.start
    if at is not None:
        bits.append(clock(at))
    return ", ".join(bits)


def _source(passage: Passage) -> QuoteSource:
    title = passage.source if passage.kind == Kind.TRANSCRIPT else f"{passage.source} ({passage.kind})"
    return QuoteSource(week=passage.week, title=title, speaker=passage.speaker,
                       start_seconds=passage.start, end_seconds=passage.end)


def watching_details(hours: int, numbered: str, titled: str) -> str:
    return ("Say which video you have open: `watching 1` for the first video of your week (2 for "
            f"the second), `{numbered}` for a given week's, `{titled}` for the video with that word in "
            "its title. "
            f"For the next {count(hours, 'hour')} your questions favour that video. `watching none` "
            "stops it. Every video in a week view has a button for this.")


def watching_set(title: str, week: int) -> Reply:
    return Reply.of(Text(f"You're watching **{title}** (week {week}): your questions favour it for "
                         "the next few hours. `watching none` stops that."),
                    summary=f"Watching {title}")


def watching_now(title: str | None, example: str) -> Reply:
    if title is None:
        return Reply.of(Text(f"You haven't told me which video you're watching. Say `{example}`, "
                             "or press a video's button in `week`."))
    return Reply.of(Text(f"You're watching **{title}**; your questions favour it. `watching none` "
                         "stops that."))


def watching_cleared() -> Reply:
    return Reply.of(Text("Done: your questions search the whole course evenly again."))


def no_such_video(week: int, videos: int) -> str:
    if videos == 0:
        return f"Week {week} has no videos. Type `week {week}` to see what it has."
    return (f"Week {week} has {count(videos, 'video')}: say a number from 1 to {videos}, "
            f"like `watching {week}.1`.")


def no_video_titled(wanted: str) -> str:
    return (f"No video's title has the words “{wanted[:60]}”. Say `watching 1` for your week's first "
            "video, or type `week` to see the videos.")


def which_video(titles: Sequence[str]) -> str:
    return ("Those words fit more than one video: " + "; ".join(f"**{t}**" for t in titles[:4])
            + ". Give more of the title, or its number, like `watching 3.2`.")
