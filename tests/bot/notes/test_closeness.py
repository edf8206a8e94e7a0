"""When two questions are close enough for one note to answer both, on hand-labelled pairs."""

from __future__ import annotations

import pytest

from bot.course.models import Course
from bot.notes.closeness import SEMANTIC, Weights, asked, close, grouped
from bot.search import settings as search_settings
from bot.search.service import LookupService
from tests.bot.notes.pairs import PAIRS
from tests.packs import SMART_CITIES


@pytest.fixture
async def weight(course: Course) -> Weights:
    lookup = LookupService(course, SMART_CITIES, cache=None, model=None)
    index, _ = await lookup.index()
    await lookup.stop()
    rarest = float(index.idf.max())
    return lambda stem: float(index.idf[index.vocab[stem]]) if stem in index.vocab else rarest


def found(weight: Weights, vectors: list[list[float]] | None = None) -> tuple[int, int]:
    """(rephrasings found, different questions taken for one) over the labelled pairs."""
    texts = [t for a, b, _ in PAIRS for t in (a, b)]
    compared = asked(texts, vectors)
    hits = [(close(compared[2 * i], compared[2 * i + 1], weight), same)
            for i, (_, _, same) in enumerate(PAIRS)]
    return sum(1 for hit, same in hits if hit and same), sum(1 for hit, same in hits if hit and not same)


async def test_lexical_closeness_takes_no_different_question_for_a_rephrasing(weight: Weights) -> None:
    rephrasings, wrong = found(weight)
    assert wrong == 0
    assert rephrasings >= 7  # of 15: the rest need the sentence model


async def test_stems_the_course_uses_everywhere_weigh_less_than_rare_ones(weight: Weights) -> None:
    portal, owner = asked(["what is an open data portal", "who owns open data"])
    assert not close(portal, owner, weight)
    assert close(portal, owner)  # unweighted, "open data" alone made them look alike


def test_near_duplicates_group_under_the_first_asked() -> None:
    questions = asked(["what is quantum entanglement?", "medieval falconry",
                       "quantum entanglement explained", "falconry in medieval times"])
    assert grouped(questions) == [[0, 2], [1, 3]]


@pytest.mark.skipif(not search_settings.available(), reason="the sentence model is not installed")
async def test_with_the_sentence_model_more_rephrasings_are_found_and_still_no_wrong_one(
        weight: Weights) -> None:
    from bot.search import semantic

    encoder = semantic.MiniLmEncoder.load()
    assert encoder is not None
    texts = [t for a, b, _ in PAIRS for t in (a, b)]
    rephrasings, wrong = found(weight, encoder(texts).tolist())
    assert wrong == 0 and rephrasings >= 11
    assert SEMANTIC > 0.75  # "join" and "leave" a study group scored 0.75
