"""The one grammar: commands, plain phrasings, and friendly answers to everything else."""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence

import pytest

from bot.app import Companion, open_companion
from bot.command import Command, Context, Intent, Registry
from bot.config import Settings
from bot.messages import Reply, Text
from bot.router import Router, normalise
from bot.store.db import Database
from bot.store.dialogs import Dialog, DialogRepository
from tests.people import say


@pytest.fixture
async def companion(settings: Settings) -> AsyncIterator[Companion]:
    async with open_companion(settings) as built:
        yield built


async def text_of(companion: Companion, line: str, **who: object) -> str:
    return (await companion.handle(say(line, **who))).plain_text()  # type: ignore[arg-type]


@pytest.mark.parametrize("line, heading", [
    ("week 3", "Week 3: Technology, data and urban analytics"),
    ("/study week 3", "Week 3: Technology, data and urban analytics"),
    ("  WEEK   3 ", "Week 3: Technology, data and urban analytics"),
    ("show me week 3", "Week 3: Technology, data and urban analytics"),
    ("what happens in week three?", "Week 3: Technology, data and urban analytics"),
    ("week #5", "Week 5: Smart leadership and strategy"),
    ("week five", "Week 5: Smart leadership and strategy"),
    ("take me to the final week", "Week 6: Smart measurement and learning"),
    ("what's this week's material?", "Week 1: What makes a city smart?"),
    ("what should I study?", "Week 1: What makes a city smart?"),
])
async def test_commands_and_plain_phrasings_reach_the_same_week(
    companion: Companion, line: str, heading: str
) -> None:
    assert (await text_of(companion, line)).startswith(heading)


@pytest.mark.parametrize("line", ["weeks", "course overview", "list all weeks", "syllabus"])
async def test_overview_phrasings(companion: Companion, line: str) -> None:
    text = await text_of(companion, line)
    assert text.startswith("Smart cities: 6 weeks")
    assert "Week 6: Smart measurement and learning" in text


async def test_a_word_near_two_commands_is_not_guessed_but_suggested(companion: Companion) -> None:
    text = await text_of(companion, "weekz 3")  # one letter from `week` and from `weeks`
    assert "Did you mean `week`?" in text
    assert "help" in text


async def test_gibberish_gets_help_pointer_without_error(companion: Companion) -> None:
    text = await text_of(companion, "qzxv")
    assert "I don't know the command `qzxv`" in text
    assert "Type `help`" in text


async def test_oversized_and_empty_messages_get_kind_answers(companion: Companion) -> None:
    assert "too long" in await text_of(companion, "week " + "x" * 10_000)
    assert "Type `help`" in await text_of(companion, "   ")


async def test_help_lists_commands_and_explains_one(companion: Companion) -> None:
    overview = await text_of(companion, "help")
    assert "`week`" in overview and "`weeks`" in overview
    detail = await text_of(companion, "help week")
    assert "week next" in detail
    assert "Did you mean `help week`?" in await text_of(companion, "help wek")


def test_normalise_keeps_words_and_drops_habitual_prefixes() -> None:
    assert normalise("  @studybot   week   2 ") == "week 2"
    assert normalise("please week 2") == "week 2"
    assert normalise("studying smart cities") == "studying smart cities"


class _Guarded:
    def __init__(self) -> None:
        self.ran = 0

    def commands(self) -> Sequence[Command]:
        return [Command("close", "Close the group", ("close",), self.run, facilitator_only=True),
                Command("boom", "Always fails", ("boom",), self.fail)]

    def intents(self) -> Sequence[Intent]:
        return []

    async def run(self, context: Context, args: str) -> Reply:
        self.ran += 1
        return Reply.of(Text("closed"))

    async def fail(self, context: Context, args: str) -> Reply:
        raise RuntimeError("database on fire")


async def test_facilitator_only_commands_refuse_learners_politely(db: Database) -> None:
    registry, guarded = Registry(), _Guarded()
    registry.add(guarded)
    router = Router(registry, DialogRepository(db))
    refused = (await router.handle(say("close", channel="C1"))).plain_text()
    assert "Only the group's facilitators" in refused and guarded.ran == 0
    assert (await router.handle(say("close", channel="C1", admin=True))).plain_text() == "closed"


async def test_a_failing_handler_becomes_an_apology_and_the_router_keeps_going(
    db: Database, caplog: pytest.LogCaptureFixture
) -> None:
    registry = Registry()
    registry.add(_Guarded())
    router = Router(registry, DialogRepository(db))
    text = (await router.handle(say("boom"))).plain_text()
    assert "something went wrong on my side" in text
    assert "database on fire" not in text  # internals stay in the log
    assert "command failed" in caplog.text
    assert (await router.handle(say("close", admin=True))).plain_text() == "closed"


def test_a_command_word_cannot_be_defined_twice() -> None:
    registry = Registry()
    registry.add(_Guarded())
    with pytest.raises(ValueError, match="defined twice"):
        registry.add(_Guarded())


class _Asker:
    """Asks one question and saves whatever comes back."""

    def __init__(self, dialogs: DialogRepository) -> None:
        self.dialogs = dialogs
        self.answers: list[str] = []

    def commands(self) -> Sequence[Command]:
        return [Command("ask", "Ask me", ("ask",), self.ask, on_answer=self.answer),
                Command("more", "More things", ("more",), self.more)]

    def intents(self) -> Sequence[Intent]:
        return []

    async def ask(self, context: Context, args: str) -> Reply:
        await self.dialogs.start(context.message, Dialog("ask", {}))
        return Reply.of(Text("What do you think?"))

    async def answer(self, context: Context, args: str) -> Reply:
        self.answers.append(args)
        await self.dialogs.end(context.message)
        return Reply.of(Text("saved"))

    async def more(self, context: Context, args: str) -> Reply:
        return Reply.of(Text("more results"))


async def test_an_open_question_asks_about_answers_that_start_with_a_command_word(
    db: Database
) -> None:
    dialogs = DialogRepository(db)
    registry, asker = Registry(), _Asker(dialogs)
    registry.add(asker)
    router = Router(registry, dialogs)
    await router.handle(say("ask"))
    asked = (await router.handle(say("more cycle lanes near schools"))).plain_text()
    assert "Is that your answer" in asked and asker.answers == []
    assert (await router.handle(say("yes"))).plain_text() == "saved"
    assert asker.answers == ["more cycle lanes near schools"]
    # Once answered, the same words are a command again.
    assert (await router.handle(say("more cycle lanes"))).plain_text() == "more results"


async def test_a_bare_command_word_leaves_an_open_question(db: Database) -> None:
    dialogs = DialogRepository(db)
    registry, asker = Registry(), _Asker(dialogs)
    registry.add(asker)
    router = Router(registry, dialogs)
    await router.handle(say("ask"))
    assert (await router.handle(say("more"))).plain_text() == "more results"
    assert asker.answers == []


def test_control_characters_are_dropped_before_anything_is_stored() -> None:
    assert normalise("canvas add channels a\x00b\x1b[31m") == "canvas add channels ab[31m"


@pytest.mark.parametrize("line, says", [
    ("thanks!", "You're welcome"), ("thank you 😀", "You're welcome"), ("cheers", "You're welcome"),
    ("bye", "Bye for now"), ("quit", "Bye for now"), ("👋", "Hello!"), ("good morning", "Hello!"),
    ("cool", "Anything else?"), ("🚀🚀", "ask in words"),
])
async def test_small_talk_gets_a_short_friendly_answer(
    companion: Companion, line: str, says: str
) -> None:
    text = await text_of(companion, line)
    assert says in text
    assert "I don't know the command" not in text and "│" not in text  # no quoted passage
    assert len(text) < 200


@pytest.mark.parametrize("line", ["什么是智慧城市", "¿Qué es una ciudad inteligente?",
                                  "Qu'est-ce qu'une ville intelligente ?", "مدينة ذكية", "🏙️ 什么"])
async def test_any_language_gets_the_same_not_covered_answer(companion: Companion, line: str) -> None:
    text = await text_of(companion, line)
    assert "I don't know the command" not in text
    assert "The course doesn't seem to cover" in text and "`help`" in text


@pytest.mark.parametrize("line, command, heading", [
    ("wek 5", "week", "Week 5:"), ("weak 3", "week", "Week 3:"), ("wee 2", "week", "Week 2:"),
    ("syllabsu", "weeks", "6 weeks"),
])
async def test_a_command_one_letter_off_runs_with_a_note(
    companion: Companion, line: str, command: str, heading: str
) -> None:
    text = await text_of(companion, line)
    assert text.startswith(f"(I read `{line.split()[0]}` as `{command}`.)")
    assert heading in text


async def test_a_canvas_typo_runs_the_canvas_not_a_search(companion: Companion) -> None:
    text = await text_of(companion, "canvs")
    assert text.startswith("(I read `canvs` as `canvas`.)")
    assert "│" not in text


async def test_a_sentence_starting_with_a_near_command_word_is_a_question(
    companion: Companion
) -> None:
    text = await text_of(companion, "seek advice from residents")
    assert "I read" not in text


async def test_a_question_title_takes_no_stray_full_stop(companion: Companion) -> None:
    text = await text_of(companion, "Who leads the smart city?")
    assert "?." not in text and "Who leads the smart city?" in text


@pytest.mark.parametrize("topic, shows", [("search", "`misses`"), ("group", "name:"),
                                          ("reminders", "up to 20"), ("week", "week set 3"),
                                          ("answer", "answer yes")])
async def test_every_option_appears_in_help(companion: Companion, topic: str, shows: str) -> None:
    assert shows in await text_of(companion, f"help {topic}")


async def test_help_lists_every_command_a_facilitator_can_use(companion: Companion) -> None:
    overview = await text_of(companion, "help", admin=True)
    for command in companion.registries.all()[0].commands:
        assert f"`{command.usage[0]}`" in overview, command.name
