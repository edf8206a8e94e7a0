"""QTI 1.2 assessments in a Common Cartridge, as quiz items.

The cartridge profile names each item's kind in its metadata (`cc_profile`):
multiple choice, multiple response, true/false and fill-in-the-blank are read; essays
and the rest cannot be marked, so they are reported as skipped. The right answers are
the `varequal` conditions of a response condition that sets a score above zero. The
explanation is the general (or "correct") feedback, else the feedback given for the
right answers themselves (Canvas writes one per answer).
"""

from __future__ import annotations

from typing import Any
from xml.etree.ElementTree import Element

from bot.course.importers.draft import Skipped
from bot.course.importers.export import slug
from bot.course.importers.html_text import html_to_markdown
from bot.course.importers.quiz_items import choice_item, short_item
from bot.course.importers.safe_xml import text_of

CHOICE_PROFILES = frozenset({"cc.multiple_choice.v0p1", "cc.multiple_response.v0p1",
                             "cc.true_false.v0p1"})
SHORT_PROFILES = frozenset({"cc.fib.v0p1"})


def assessment_items(root: Element, week: int) -> list[dict[str, Any] | Skipped]:
    found: list[dict[str, Any] | Skipped] = []
    for item in root.iter("item"):
        ident = slug(item.get("ident") or item.get("title") or "", f"week-{week}-question")
        profile = _metadata(item).get("cc_profile", "")
        question = _mattext(item.find("./presentation/material"))
        right_ids = _right_answers(item)
        explanation = _feedback(item, right_ids)
        if profile in CHOICE_PROFILES:
            labels = item.findall(".//response_lid/render_choice/response_label")
            names = [_mattext(label.find("material")) for label in labels]
            right = [i for i, label in enumerate(labels) if label.get("ident") in right_ids]
            found.append(choice_item(ident, week, question, names, right, explanation))
        elif profile in SHORT_PROFILES:
            found.append(short_item(ident, week, question, sorted(right_ids), explanation))
        else:
            name = item.get("title") or ident
            kind = profile.removeprefix("cc.").split(".")[0].replace("_", " ") or "unknown"
            found.append(Skipped(f"question {name}", f"{kind} questions cannot be marked by the bot"))
    return found


def _metadata(item: Element) -> dict[str, str]:
    fields = item.findall("./itemmetadata/qtimetadata/qtimetadatafield")
    return {f.findtext("fieldlabel", "").strip(): f.findtext("fieldentry", "").strip() for f in fields}


def _mattext(material: Element | None) -> str:
    if material is None:
        return ""
    texts = []
    for mattext in material.iter("mattext"):
        raw = mattext.text or ""
        html = (mattext.get("texttype") or "").lower() == "text/html"
        texts.append(" ".join(html_to_markdown(raw).split()) if html else " ".join(raw.split()))
    return " ".join(t for t in texts if t)


def _right_answers(item: Element) -> set[str]:
    right: set[str] = set()
    for condition in item.iter("respcondition"):
        scores = [s for s in condition.iter("setvar") if _number(s.text) > 0]
        if not scores:
            continue
        conditions = condition.find("conditionvar")
        if conditions is None:
            continue
        # Choices under <not> are the wrong ones in a multiple-response answer.
        wrong = {text_of(v) for n in conditions.iter("not") for v in n.iter("varequal")}
        right |= {text_of(v) for v in conditions.iter("varequal")} - wrong
    return right


def _number(text: str | None) -> float:
    try:
        return float(text or 0)
    except ValueError:
        return 0.0


def _feedback(item: Element, right_ids: set[str]) -> str:
    """The general or "correct" feedback, else what the right answers' own feedback says."""
    texts = {f.get("ident"): _mattext(f) for f in item.iter("itemfeedback")}
    for ident in ("general_fb", "correct_fb"):
        if texts.get(ident):
            return texts[ident]
    linked: list[str] = []
    for condition in item.iter("respcondition"):
        said = {text_of(v) for v in condition.iter("varequal")}
        if said and said <= right_ids:
            linked += [texts.get(d.get("linkrefid"), "") for d in condition.iter("displayfeedback")]
    return " ".join(dict.fromkeys(t for t in linked if t))
