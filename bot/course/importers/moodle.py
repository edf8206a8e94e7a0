"""Moodle course backups (`.mbz`, a `.tar.gz` or `.zip`, or the folder it unpacks to).

`moodle_backup.xml` lists the course's sections and activities, each with its folder.
Each section (`sections/section_N/section.xml`) is a week, in order, titled by its name
(or "Topic N"); its summary is the week's opening text. Section 0, the course's general
section, is a week only when it holds something besides the announcements. Activities,
in the order the section lists them: pages, labels and books are the week's text; URLs
activities; assignments activities with their instructions; forums prompts (the
announcements forum aside); quizzes quiz items from the question bank (moodle_questions.py).
Files, folders and other kinds are reported as skipped. Hidden sections and activities
are skipped too. The archive is opened with the same safety rules as any other.
"""

from __future__ import annotations

from typing import Any
from xml.etree.ElementTree import Element

from bot.course.importers.draft import CourseDraft, Skipped, WeekDraft, WeekParts, distinct_titles
from bot.course.importers.export import Export
from bot.course.importers.html_text import (
    html_to_markdown,
    outcomes_of,
    prompt_of,
    summary_of,
    video_activities,
    with_heading,
)
from bot.course.importers.moodle_questions import question_bank, question_item, quiz_question_ids
from bot.course.importers.quiz_items import checked, unique_ids
from bot.course.pack_writer import ImportProblem

BACKUP = "moodle_backup.xml"
NULL = "$@NULL@$"  # how a backup writes an empty value
FILES_ONLY = frozenset({"resource", "folder", "imscp", "scorm", "h5pactivity"})


def read_moodle(given: Export) -> CourseDraft:
    export, backup = given.rooted_at(BACKUP, "a Moodle backup")
    reader = _Reader(export, backup)
    weeks: list[WeekDraft] = []
    for section in backup.iter("section"):
        if section.find("directory") is None:
            continue
        week = reader.section(section.findtext("directory") or "", len(weeks) + 1)
        if week is not None:
            weeks.append(week)
    if not weeks:
        raise ImportProblem.at(export.label / BACKUP, 0, "the backup has no sections to import as weeks")
    title = _value(backup, "./information/original_course_fullname")
    return CourseDraft("Moodle", tuple(weeks), title=title, quiz=tuple(unique_ids(reader.quiz)),
                       skipped=tuple(reader.skipped))


class _Reader:
    def __init__(self, export: Export, backup: Element) -> None:
        self.export = export
        self.quiz: list[dict[str, Any]] = []
        self.skipped: list[Skipped] = []
        self.folders = {a.findtext("moduleid") or "": a.findtext("directory") or ""
                        for a in backup.iter("activity") if a.find("directory") is not None}
        self.bank = question_bank(export.xml("questions.xml"))

    def section(self, folder: str, number: int) -> WeekDraft | None:
        file = f"{folder}/section.xml"
        section = self.export.xml(file)
        if section is None:
            self.skipped.append(Skipped(f"section {folder}", "its section.xml is missing", file))
            return None
        place = _value(section, "number")
        title = _value(section, "name") or (f"Topic {place}" if place not in ("", "0") else "General")
        if _value(section, "visible") == "0":
            self.skipped.append(Skipped(f"section {title}", "hidden from learners", file))
            return None
        found = WeekParts()
        summary = _value(section, "summary")
        if text := html_to_markdown(summary):
            found.text.append(text)
        for module_id in (m.strip() for m in _value(section, "sequence").split(",") if m.strip()):
            self.activity(self.folders.get(module_id, ""), number, found)
        if place == "0" and not (found.text or found.activities or found.prompts):
            return None  # the general section held only announcements
        body = "\n\n".join(found.text)
        return WeekDraft(number, title, summary=summary_of(body), outcomes=outcomes_of(body), body=body,
                         activities=distinct_titles(found.activities), prompts=tuple(found.prompts))

    def activity(self, folder: str, week: int, found: WeekParts) -> None:
        kind = folder.rsplit("/", 1)[-1].rsplit("_", 1)[0]
        module = self.export.xml(f"{folder}/module.xml") if folder else None
        activity = self.export.xml(f"{folder}/{kind}.xml") if folder else None
        inner = activity.find(kind) if activity is not None else None
        if inner is None:
            return
        name = _value(inner, "name") or kind
        source = f"{folder}/{kind}.xml"
        if module is not None and _value(module, "visible") == "0":
            self.skipped.append(Skipped(f"{kind} {name}", "hidden from learners", source))
            return
        intro = _value(inner, "intro")
        if kind in ("page", "label", "book"):
            html = intro if kind == "label" else _value(inner, "content") or intro
            if kind == "book":
                html = "".join(f"<h3>{_value(c, 'title')}</h3>{_value(c, 'content')}"
                               for c in inner.iter("chapter"))
            text = html_to_markdown(html)
            if text:
                found.text.append(text if kind == "label" else with_heading(name, text))
            found.activities += video_activities(html)
        elif kind == "url":
            link = _value(inner, "externalurl")
            found.activities.append({"title": name, **({"description": link} if link else {})})
        elif kind == "assign":
            found.activities.append({"title": name, **_described(intro)})
        elif kind == "forum":
            if _value(inner, "type") == "news":
                return  # announcements: the course's notices, not a discussion to prompt
            found.prompts.append(prompt_of(html_to_markdown(intro), name))
        elif kind == "quiz":
            self.questions(inner, week, source)
        elif kind in FILES_ONLY:
            self.skipped.append(Skipped(f"{kind} {name}", "files are not copied", source))
        else:
            self.skipped.append(Skipped(f"{kind} {name}", "this kind of activity has no place in a pack",
                                        source))

    def questions(self, quiz: Element, week: int, source: str) -> None:
        for key in quiz_question_ids(quiz):
            question = self.bank.get(key)
            if question is None:
                self.skipped.append(Skipped(f"question {key}", "not in the backup's question bank", source))
                continue
            kept = checked(question_item(question, week), "questions.xml")
            if isinstance(kept, Skipped):
                self.skipped.append(kept)
            else:
                self.quiz.append(kept)


def _described(html: str) -> dict[str, str]:
    text = html_to_markdown(html)
    return {"description": text} if text else {}


def _value(element: Element, path: str) -> str:
    text = (element.findtext(path) or "").strip()
    return "" if text == NULL else text
