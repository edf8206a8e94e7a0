"""Questions from a Moodle backup's `questions.xml`, as quiz items.

The question bank lists categories of questions; a quiz names its questions by id
(Moodle 3: `questionid`) or by question bank entry (Moodle 4: `questionbankentryid`,
whose latest version is used). Read: multiple choice (`multichoice`), true/false,
short answer (wildcard answers are patterns, so those are skipped) and numerical (with
its tolerance). Essays and the other kinds cannot be marked by the bot and are skipped
with the reason. An answer with a fraction above zero is right; the explanation is the
question's general feedback, else the feedback written for the right answer.
"""

from __future__ import annotations

from typing import Any
from xml.etree.ElementTree import Element

from bot.course.importers.draft import Skipped
from bot.course.importers.export import slug
from bot.course.importers.html_text import html_to_markdown
from bot.course.importers.quiz_items import choice_item, number_item, short_item
from bot.course.importers.safe_xml import text_of

NOT_MARKABLE = {"essay": "essay questions cannot be marked by the bot",
                "description": "it is a description, not a question",
                "random": "it is drawn at random from a category when the quiz runs"}


def question_bank(root: Element | None) -> dict[str, Element]:
    """Questions by the ids quizzes use: question id, and bank entry id (latest version)."""
    found: dict[str, Element] = {}
    if root is None:
        return found
    for question in root.iter("question"):
        found[question.get("id") or ""] = question
    for entry in root.iter("question_bank_entry"):
        versions = entry.findall(".//question_versions")
        latest = max(versions, key=lambda v: _number(v.findtext("version")), default=None)
        newest = latest.find(".//question") if latest is not None else None
        if newest is not None:
            found[f"entry:{entry.get('id')}"] = newest
    return found


def quiz_question_ids(quiz: Element) -> list[str]:
    """The bank keys of a quiz's questions, in slot order."""
    keys = []
    for instance in quiz.iter("question_instance"):
        entry = instance.findtext(".//question_reference/questionbankentryid")
        question = instance.findtext("questionid")
        keys.append(f"entry:{entry.strip()}" if entry and entry.strip() else (question or "").strip())
    return [key for key in keys if key]


def question_item(question: Element, week: int) -> dict[str, Any] | Skipped:
    name = text_of(question.find("name")) or question.get("id") or "question"
    ident = slug(f"moodle-{question.get('id')}-{name}"[:60], f"week-{week}-question")
    kind = (question.findtext("qtype") or "").strip()
    if kind in NOT_MARKABLE:
        return Skipped(f"question {name}", NOT_MARKABLE[kind])
    text = _html(question.findtext("questiontext"))
    answers = question.findall(f".//plugin_qtype_{kind}_question/answers/answer")
    right = [a for a in answers if _number(a.findtext("fraction")) > 0]
    explanation = _html(question.findtext("generalfeedback")) or " ".join(
        t for t in (_html(a.findtext("feedback")) for a in right) if t)
    words = [_html(a.findtext("answertext")) for a in answers]
    if kind in ("multichoice", "truefalse"):
        return choice_item(ident, week, text, words, [answers.index(a) for a in right], explanation)
    if kind == "shortanswer":
        accepted = [_html(a.findtext("answertext")) for a in right]
        if any("*" in a for a in accepted):
            return Skipped(f"question {name}", "its answer is a pattern, not text")
        return short_item(ident, week, text, accepted, explanation)
    if kind == "numerical" and right:
        best = max(right, key=lambda a: _number(a.findtext("fraction")))
        record = next((r for r in question.iter("numerical_record")
                       if r.findtext("answer") == best.get("id")), None)
        tolerance = (record.findtext("tolerance") or "0") if record is not None else "0"
        return number_item(ident, week, text, _html(best.findtext("answertext")), tolerance, explanation)
    return Skipped(f"question {name}", f"its {kind or 'unknown'} kind has no quiz equivalent")


def _html(text: str | None) -> str:
    return " ".join(html_to_markdown(text or "").split())


def _number(text: str | None) -> float:
    try:
        return float(text or 0)
    except ValueError:
        return 0.0
