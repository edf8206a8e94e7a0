"""Open edX problem components (OLX) as quiz items.

The response types read are the ones Studio's basic problem editor makes: multiple
choice (`multiplechoiceresponse`), checkboxes (`choiceresponse`), dropdown
(`optionresponse`), numerical input (`numericalresponse`) and text input
(`stringresponse`). A problem may hold several responses; each becomes its own item.
The question is the response's `<label>`, or else the text before it; the explanation
is the problem's `<solution>`.
"""

from __future__ import annotations

import ast
from typing import Any
from xml.etree.ElementTree import Element

from bot.course.importers.draft import Skipped
from bot.course.importers.quiz_items import choice_item, short_item
from bot.course.importers.safe_xml import text_of

RESPONSES = ("multiplechoiceresponse", "choiceresponse", "optionresponse",
             "numericalresponse", "stringresponse")
# Shown beside a choice or an answer but never part of it.
HINTS = frozenset({"choicehint", "hint", "optionhint", "correcthint", "stringequalhint"})


def problem_items(problem: Element, item_id: str, week: int) -> list[dict[str, Any] | Skipped]:
    responses = [e for e in problem.iter() if e.tag in RESPONSES]
    name = problem.get("display_name") or item_id
    if not responses:
        kinds = sorted({e.tag for e in problem.iter() if e.tag.endswith("response")})
        why = (f"its {', '.join(kinds)} kind has no quiz equivalent" if kinds
               else "it asks nothing we can check")
        return [Skipped(f"problem {name}", why)]
    explanation = _explanation(problem)
    found: list[dict[str, Any] | Skipped] = []
    for index, response in enumerate(responses):
        ident = item_id if index == 0 else f"{item_id}-{index + 1}"
        question = _question(problem, response) or (name if len(responses) == 1 else "")
        found.append(_item(response, ident, week, question, explanation))
    return found


def _item(response: Element, ident: str, week: int, question: str,
          explanation: str) -> dict[str, Any] | Skipped:
    if response.tag in ("multiplechoiceresponse", "choiceresponse"):
        choices = [c for c in response.iter("choice")]
        right = [i for i, c in enumerate(choices) if (c.get("correct") or "").lower() == "true"]
        return choice_item(ident, week, question, [_words(c) for c in choices], right, explanation)
    if response.tag == "optionresponse":
        return _dropdown(response, ident, week, question, explanation)
    if response.tag == "stringresponse" and "regexp" in (response.get("type") or "").lower():
        return Skipped(f"quiz item {ident}", "its answer is a pattern, not text")
    answers = [response.get("answer") or ""]
    answers += [a.get("answer") or _words(a) for a in response.iter("additional_answer")]
    return short_item(ident, week, question, answers, explanation)


def _dropdown(response: Element, ident: str, week: int, question: str,
              explanation: str) -> dict[str, Any] | Skipped:
    select = response.find(".//optioninput")
    if select is None:
        return Skipped(f"quiz item {ident}", "the dropdown has no options")
    options = [o for o in select.iter("option")]
    if options:
        names = [_words(o) for o in options]
        right = [i for i, o in enumerate(options) if (o.get("correct") or "").lower() == "true"]
    else:  # the older form: options="('a','b')" correct="a"
        names = _listed(select.get("options") or "")
        right = [i for i, n in enumerate(names) if n == (select.get("correct") or "").strip()]
    return choice_item(ident, week, question, names, right, explanation)


def _listed(options: str) -> list[str]:
    try:
        value = ast.literal_eval(options)
    except (ValueError, SyntaxError):
        return []
    items = value if isinstance(value, tuple | list) else (value,)
    return [str(item).strip() for item in items]


def _question(problem: Element, response: Element) -> str:
    label = response.find(".//label")
    if label is not None and text_of(label):
        return text_of(label)
    # Older problems put the question in paragraphs just before the response.
    before: list[str] = []
    for child in problem:
        if child is response:
            break
        if child.tag in ("p", "label", "div") and child.find(".//" + response.tag) is None:
            before.append(text_of(child))
    return " ".join(t for t in before if t)


def _explanation(problem: Element) -> str:
    solution = problem.find(".//solution")
    if solution is None:
        return ""
    text = text_of(solution)
    return text.removeprefix("Explanation").strip()


def _words(element: Element) -> str:
    """The element's text without the hints nested in it."""
    parts = [element.text or ""]
    for child in element:
        if child.tag not in HINTS:
            parts.append("".join(child.itertext()))
        parts.append(child.tail or "")
    return " ".join("".join(parts).split())
