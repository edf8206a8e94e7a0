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
TEXT_BLOCKS = frozenset({"p", "label", "div", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "ul", "ol",
                         "table", "tr", "td", "th", "li", "blockquote", "span", "b", "strong", "em", "i"})


def problem_items(problem: Element, item_id: str, week: int) -> list[dict[str, Any] | Skipped]:
    name = problem.get("display_name") or problem.get("name") or item_id
    asked = list(_questions(problem))
    if not asked:
        kinds = sorted({e.tag for e in problem.iter() if e.tag.endswith("response")})
        why = (f"its {', '.join(kinds)} kind has no quiz equivalent" if kinds
               else "it asks nothing we can check")
        return [Skipped(f"problem {name}", why)]
    solution = _explanation(problem)
    parents = {child: parent for parent in problem.iter() for child in parent}
    found: list[dict[str, Any] | Skipped] = []
    for index, (response, before) in enumerate(asked):
        ident = item_id if index == 0 else f"{item_id}-{index + 1}"
        question = (_question(response) or _table_question(response, parents) or before
                    or (name if len(asked) == 1 else ""))
        found += _items(response, ident, week, question, solution)
    return found


def _table_question(response: Element, parents: dict[Element, Element]) -> str:
    """For a response in a table cell: the text before the table, the row's name and the
    column's heading ("Identify each discoverer. Theory of relativity: Scientist")."""
    cell = parents.get(response)
    while cell is not None and cell.tag not in ("td", "th"):
        cell = parents.get(cell)
    row = parents.get(cell) if cell is not None else None
    table = parents.get(row) if row is not None else None
    if table is not None and table.tag in ("tbody", "thead"):
        table = parents.get(table)
    if cell is None or row is None or table is None:
        return ""
    rows = [r for r in table.iter("tr")]
    cells = list(row)
    name = next((text_of(c) for c in cells if c is not cell and not _asks(c) and text_of(c)), "")
    heads = list(rows[0]) if rows and rows[0] is not row else []
    column = cells.index(cell)
    heading = text_of(heads[column]) if column < len(heads) else ""
    holder = parents.get(table)
    opening = []
    for child in holder if holder is not None else []:
        if child is table:
            break
        if child.tag in TEXT_BLOCKS and not _asks(child):
            opening.append(text_of(child))
    asked = ": ".join(t for t in (name, heading) if t)
    return " ".join(t for t in (_nearest(opening), asked) if t)


def _asks(element: Element) -> bool:
    return any(e.tag in RESPONSES for e in element.iter())


def _questions(problem: Element) -> Iterator[tuple[Element, str]]:
    """Each response with the text that asks it, in document order.

    That is the text since the response before it, after the problem's opening text when
    that opening is shared (a table of dropdowns under one instruction); a question that
    would read the same as an earlier one is numbered as a part.
    """
    text: list[str] = []
    opening: str | None = None
    asked: list[str] = []
    for kind, element in _flattened(problem):
        if kind != "response":
            text.append(text_of(element))
            continue
        if opening is None:
            opening, question = _nearest(text), _nearest(text)
        else:
            question = _nearest([opening, *text])
        if question and question in asked:
            question = f"{question} (part {len(asked) + 1})"
        asked.append(question)
        yield element, question
        text = []


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
        elif _asks(child):
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
