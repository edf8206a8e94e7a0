"""Question analysis: words of asking are dropped, words of the topic are kept."""

from __future__ import annotations

from bot.search.analysis import terms
from bot.search.builder import build
from bot.search.passages import Kind, Passage
from bot.search.query import Query
from bot.search.ranking import search


def test_words_of_asking_are_dropped_from_questions() -> None:
    assert [t.word for t in terms("what did she say about levees?", question=True)] == ["levees"]


def test_recall_is_a_topic_word_not_a_word_of_asking() -> None:
    assert "recall" in [t.word for t in terms("what does recall refer to?", question=True)]
    passages = [
        Passage(3, "Evaluating a classifier", Kind.TRANSCRIPT,
                "Recall is the share of the real positives that the model finds.", group="v1"),
        Passage(3, "Evaluating a classifier", Kind.TRANSCRIPT,
                "Refer back to the confusion matrix whenever you compare two models.", group="v2"),
    ]
    results = search(build(passages), Query("what does recall refer to?"), limit=2)
    assert results.hits[0].passage.text.startswith("Recall is")
