"""Open edX problem components (OLX) as quiz items.

The response types read are the ones Studio's basic problem editor makes: multiple
choice (`multiplechoiceresponse`), checkboxes (`choiceresponse`), dropdown
(`optionresponse`), numerical input (`numericalresponse`, with its tolerance) and text
input (`stringresponse`). A problem may hold several responses, and a dropdown response
several dropdowns; each becomes its own item. The question is the response's `<label>`,
else a heading inside it, else the text since the previous response (older problems
wrap it all in `<text>`). The explanation is the problem's `<solution>`, else the hint
shown for the right choice. An answer a script computes (`$answer`) cannot be known
without running the course's code, so that item is skipped with the reason.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from typing import Any
from xml.etree.ElementTree import Element

from bot.course.importers.draft import Skipped
from bot.course.importers.quiz_items import choice_item, number_item, short_item
from bot.course.importers.safe_xml import text_of

RESPONSES = ("multiplechoiceresponse", "choiceresponse", "optionresponse",
             "numericalresponse", "stringresponse")
# Shown beside a choice or an answer but never part of it.
HINTS = frozenset({"choicehint", "hint", "optionhint", "correcthint", "stringequalhint"})
# Never the question: the answer's workings, hints, code and inputs.
NOT_TEXT = frozenset({"solution", "demandhint", "script", "style", "choicegroup", "checkboxgroup",
                      "optioninput", "textline", "formulaequationinput", "responseparam",
                      "additional_answer", *HINTS})
QUESTION_LENGTH = 600
TEXT_BLOCKS = frozenset({"p", "label", "div", "h1", "h2", "h3", "h4", "h5", "h6", "pre",
                         "ul", "ol", "table", "blockquote", "span", "b", "strong", "em", "i"})


def problem_items(problem: Element, item_id: str, week: int) -> list[dict[str, Any] | Skipped]:
    name = problem.get("display_name") or problem.get("name") or item_id
    asked = list(_questions(problem))
    if not asked:
        kinds = sorted({e.tag for e in problem.iter() if e.tag.endswith("response")})
        why = (f"its {', '.join(kinds)} kind has no quiz equivalent" if kinds
               else "it asks nothing we can check")
        return [Skipped(f"problem {name}", why)]
    solution = _explanation(problem)
    found: list[dict[str, Any] | Skipped] = []
    for index, (response, before) in enumerate(asked):
        ident = item_id if index == 0 else f"{item_id}-{index + 1}"
        question = _question(response) or before or (name if len(asked) == 1 else "")
        found += _items(response, ident, week, question, solution)
    return found


def _questions(problem: Element) -> Iterator[tuple[Element, str]]:
    """Each response with the text that came since the one before it, in document order."""
    text: list[str] = []
    for kind, element in _flattened(problem):
        if kind == "response":
            yield element, _nearest(text)
            text = []
        else:
            text.append(text_of(element))


def _nearest(paragraphs: list[str], limit: int = QUESTION_LENGTH) -> str:
    """The paragraphs closest to the answer that fit in a question: the asking comes last."""
    taken: list[str] = []
    for paragraph in reversed(paragraphs):
        if taken and len(" ".join([paragraph, *taken])) > limit:
            break
        taken.insert(0, paragraph)
    return " ".join(taken)


def _flattened(element: Element) -> Iterator[tuple[str, Element]]:
    for child in element:
        if child.tag in RESPONSES:
            yield "response", child
        elif child.tag in NOT_TEXT:
            continue
        elif any(e.tag in RESPONSES for e in child.iter()):
            yield from _flattened(child)  # `<text>`, a `<div>`: the question is inside
        elif child.tag in TEXT_BLOCKS and text_of(child):
            yield "text", child


def _items(response: Element, ident: str, week: int, question: str,
           solution: str) -> list[dict[str, Any] | Skipped]:
    if response.tag in ("multiplechoiceresponse", "choiceresponse"):
        choices = [c for c in response.iter("choice")]
        right = [i for i, c in enumerate(choices) if _is_right(c)]
        explanation = solution or _right_hints(choices)
        return [choice_item(ident, week, question, [_words(c) for c in choices], right, explanation)]
    if response.tag == "optionresponse":
        selects = list(response.iter("optioninput"))
        if not selects:
            return [Skipped(f"quiz item {ident}", "the dropdown has no options")]
        return [_dropdown(select, ident if i == 0 else f"{ident}-part-{i + 1}", week,
                          f"{question} (part {i + 1})" if len(selects) > 1 else question, solution)
                for i, select in enumerate(selects)]
    answer = (response.get("answer") or "").strip()
    if answer.startswith("$") or (not answer and response.find("answer") is not None):
        return [Skipped(f"quiz item {ident}", "its answer is computed by a script in the course")]
    if response.tag == "numericalresponse":
        return [number_item(ident, week, question, answer, _tolerance(response), solution)]
    if "regexp" in (response.get("type") or "").lower():
        return [Skipped(f"quiz item {ident}", "its answer is a pattern, not text")]
    answers = [answer] + [a.get("answer") or _words(a) for a in response.iter("additional_answer")]
    return [short_item(ident, week, question, answers, solution)]


def _dropdown(select: Element, ident: str, week: int, question: str,
              explanation: str) -> dict[str, Any] | Skipped:
    options = [o for o in select.iter("option")]
    if options:
        names = [_words(o) for o in options]
        right = [i for i, o in enumerate(options) if _is_right(o)]
        explanation = explanation or _right_hints(options)
    else:  # the older form: options="('a','b')" correct="a"
        names = _listed(select.get("options") or "")
        right = [i for i, n in enumerate(names) if n == (select.get("correct") or "").strip()]
    return choice_item(ident, week, question, names, right, explanation)


def _tolerance(response: Element) -> str:
    for param in response.iter("responseparam"):
        if (param.get("type") or "").lower() == "tolerance":
            return (param.get("default") or "").strip()
    return ""


def _is_right(element: Element) -> bool:
    return (element.get("correct") or "").lower() == "true"


def _right_hints(choices: list[Element]) -> str:
    """The feedback written for the right choices: what a learner who got it right is told."""
    hints = [text_of(h) for c in choices if _is_right(c) for h in c if h.tag in HINTS]
    return " ".join(dict.fromkeys(h for h in hints if h))


def _listed(options: str) -> list[str]:
    try:
        value = ast.literal_eval(options)
    except (ValueError, SyntaxError):
        return []
    items = value if isinstance(value, tuple | list) else (value,)
    return [str(item).strip() for item in items]


def _question(response: Element) -> str:
    """The question written inside the response: its label, else a heading or paragraphs there."""
    label = response.find(".//label")
    if label is not None and text_of(label):
        return text_of(label)
    for tag in ("h2", "h3", "h4"):
        if heading := text_of(response.find(tag)):
            return heading
    return _nearest([text_of(p) for p in response.findall("p") if text_of(p)])


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
