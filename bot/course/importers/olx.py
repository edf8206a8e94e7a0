"""Open edX course exports (OLX): a folder with `course.xml`, or Studio's `.tar.gz` of one.

`course.xml` points at `course/<run>.xml`, whose chapters are the weeks, in course
order. A chapter holds sequentials (the week's activities), which hold verticals (units),
which hold components. Any element that is only a `url_name` is a pointer to
`<tag>/<url_name>.xml`. Older courses skip levels (a video or a `videosequence` right
under a chapter, a `section` around a sequential), name things with `name=` and give a
component's file as `filename=` with or without `.html`; problem banks
(`library_content`) and A/B tests (`split_test`) hold ordinary components. All of them
are walked the same way, as containers. Components: `html` becomes the week's text,
`video` a video with its transcript, `discussion` a prompt, `problem` quiz items;
anything else is reported as skipped, with the file it came from.
"""

from __future__ import annotations

import json
from typing import Any
from xml.etree.ElementTree import Element, tostring

from bot.course.importers.draft import (
    CourseDraft,
    Skipped,
    WeekDraft,
    WeekParts,
    distinct_titles,
    distinct_videos,
)
from bot.course.importers.export import Export, slug
from bot.course.importers.html_text import (
    html_to_markdown,
    outcomes_of,
    summary_of,
    video_activities,
    with_heading,
)
from bot.course.importers.olx_problems import problem_items
from bot.course.importers.olx_video import read_video, watch_link
from bot.course.importers.quiz_items import checked, unique_ids
from bot.course.pack_writer import ImportProblem

OUTSIDE_TOOLS = frozenset({"lti", "lti_consumer"})
# Elements that only hold other elements; the first level under a chapter is an activity.
CONTAINERS = frozenset({"sequential", "vertical", "videosequence", "section", "library_content",
                        "split_test", "wrapper", "unit", "randomize", "conditional"})
LIBRARY = "library.xml"  # what Studio exports for a content library
REFUSED = "refused:"
UNREADABLE = "unreadable"  # stands for a file that could not be read (already reported)


def read_olx(export: Export) -> CourseDraft:
    course_export = export.holding("course.xml")
    if course_export is None and (library := export.holding(LIBRARY)) is not None:
        return _read_library(library)
    if course_export is None:
        raise ImportProblem.at(export.label, 0, "no course.xml found: not an Open edX (OLX) export")
    reader = _Reader(course_export)
    course = reader.resolve(reader.required("course.xml"), "course.xml")
    weeks: list[WeekDraft] = []
    for pointer in (c for c in course if c.tag == "chapter"):
        chapter = reader.resolve(pointer, reader.source_of(course))
        if (chapter.get("visible_to_staff_only") or "").lower() == "true":
            reader.skipped.append(Skipped(f"section {_name(chapter)}", "hidden from learners",
                                          reader.source_of(chapter)))
            continue
        weeks.append(reader.week(chapter, len(weeks) + 1))
    if not weeks:
        raise ImportProblem.at(reader.export.shown(reader.export.root / "course.xml"), 0,
                               "the course has no sections (chapters) to import as weeks")
    about = reader.export.text("about/short_description.html") or ""
    return CourseDraft("Open edX", tuple(weeks), title=_course_title(reader.export, course),
                       description=html_to_markdown(about), quiz=tuple(unique_ids(reader.quiz)),
                       skipped=tuple(reader.skipped))


def _read_library(export: Export) -> CourseDraft:
    """A Studio content library (a problem bank): its components as one week."""
    reader = _Reader(export)
    library = reader.resolve(reader.required(LIBRARY), LIBRARY)
    week = reader.week(library, 1)
    return CourseDraft("Open edX library", (week,), title=_name(library, ""),
                       quiz=tuple(unique_ids(reader.quiz)), skipped=tuple(reader.skipped))


class _Reader:
    def __init__(self, export: Export) -> None:
        self.export = export
        self.quiz: list[dict[str, Any]] = []
        self.skipped: list[Skipped] = []
        # Each element's export file; holding the elements also keeps them alive while read.
        self._sources: dict[Element, str] = {}

    def required(self, name: str) -> Element:
        root = self.export.xml(name)
        if root is None:
            raise ImportProblem.at(self.export.label / name, 0, "file is missing")
        return root

    def source_of(self, element: Element) -> str:
        return self._sources.get(element, "")

    def resolve(self, element: Element, parent_source: str) -> Element:
        """The element a pointer (`<tag url_name=.../>` and nothing else) stands for."""
        self._sources.setdefault(element, parent_source)
        # Early courses point with `filename=` where later ones use `url_name=`.
        pointer = element.get("url_name") or (element.get("filename") if element.tag != "html" else None)
        if pointer is None or len(element) or (element.text or "").strip():
            return element
        name = f"{element.tag}/{pointer.replace(':', '/')}.xml"
        try:
            target = self.export.xml(name)
        except ImportProblem as problem:  # one unreadable file is one item skipped
            if problem.problems[0].reason.startswith(REFUSED):
                raise  # a hostile file: the whole export is not to be trusted
            self.skipped.append(Skipped(f"{element.tag} {_name(element)}", problem.problems[0].reason, name))
            return Element(UNREADABLE)
        if target is None:
            return element
        target.attrib = {**element.attrib, **target.attrib}
        self._sources[target] = name
        return target

    def week(self, chapter: Element, number: int) -> WeekDraft:
        found = WeekParts()
        where = self.source_of(chapter)
        for child in (self.resolve(c, where) for c in chapter):
            if child.tag in CONTAINERS:
                found.activities.append(_activity(child, [self.resolve(u, self.source_of(child))
                                                          for u in child]))
            self.walk(child, number, found, "")
        body = "\n\n".join(found.text)
        return WeekDraft(number, _name(chapter), summary=summary_of(body), outcomes=outcomes_of(body),
                         body=body, activities=distinct_titles(found.activities),
                         prompts=tuple(dict.fromkeys(found.prompts)),
                         videos=distinct_videos(found.videos))

    def walk(self, element: Element, week: int, found: WeekParts, heading: str) -> None:
        """Every component under `element`, in course order; a unit's name heads its text."""
        if element.tag not in CONTAINERS:
            self.component(element, week, found, heading)
            return
        heading = _name(element) if element.tag == "vertical" else heading
        where = self.source_of(element)
        for child in element:
            self.walk(self.resolve(child, where), week, found, heading)
            if child.tag == "html":
                heading = ""

    def component(self, element: Element, week: int, found: WeekParts, heading: str) -> None:
        source = self.source_of(element)
        if element.tag == "html":
            html = self.html(element)
            text = html_to_markdown(html)
            if text:
                found.text.append(with_heading(heading, text))
            found.activities += video_activities(html)
        elif element.tag == "video":
            video, skipped = read_video(self.export, element)
            found.videos += [video] if video else []
            link = watch_link(element) if video is None else ""
            if link:  # a video with no transcript is still one to watch
                found.activities.append({"title": f"Video: {_name(element, 'untitled')}",
                                         "description": link})
                skipped = [Skipped(s.what, f"{s.why}; kept as an activity with its link") for s in skipped]
            self.skipped += [Skipped(s.what, s.why, source) for s in skipped]
        elif element.tag == "discussion":
            prompt = element.get("discussion_target") or _name(element, "")
            found.prompts += [prompt] if prompt else []
        elif element.tag == "problem":
            ident = slug(element.get("url_name") or _name(element), f"week-{week}-problem")
            for made in problem_items(element, ident, week):
                kept = checked(made, source)
                if isinstance(kept, Skipped):
                    self.skipped.append(kept)
                else:
                    self.quiz.append(kept)
        elif element.tag in OUTSIDE_TOOLS:
            self.skipped.append(Skipped(f"tool {_name(element)}",
                                        "an outside (LTI) tool cannot be imported", source))
        elif element.tag and element.tag != UNREADABLE and not _is_setting(element):
            self.skipped.append(Skipped(f"{element.tag} {_name(element)}",
                                        "this kind of component has no place in a pack", source))

    def html(self, element: Element) -> str:
        filename = element.get("filename")
        if filename:
            name = filename if filename.lower().endswith((".html", ".htm")) else f"{filename}.html"
            source = self.export.text(f"html/{name}") or ""
        else:  # inline: the HTML is the element's content
            source = (element.text or "") + "".join(tostring(c, encoding="unicode") for c in element)
        return source


def _activity(container: Element, units: list[Element]) -> dict[str, Any]:
    names = [_name(u) for u in units if u.tag == "vertical" and _name(u, "")]
    activity = {"title": _name(container)}
    if names:
        activity["description"] = "Units: " + "; ".join(names) + "."
    return activity


def _is_setting(element: Element) -> bool:
    """A library's or course's own setting written as a child (`<name none="true"/>`)."""
    return not len(element) and set(element.attrib) <= {"none"}


def _course_title(export: Export, course: Element) -> str:
    """The course's name: on its element, or (in many Studio exports) in its policy file."""
    if course.get("display_name") or course.get("name"):
        return course.get("display_name") or course.get("name") or ""
    run = course.get("url_name") or ""
    try:
        policy = json.loads(export.text(f"policies/{run}/policy.json") or "{}")
    except json.JSONDecodeError:
        return ""
    settings = policy.get(f"course/{run}") if isinstance(policy, dict) else None
    return str(settings.get("display_name") or "") if isinstance(settings, dict) else ""


def _name(element: Element, fallback: str | None = None) -> str:
    """What the course calls it: `display_name`, the older `name`, else its id or kind."""
    named = element.get("display_name") or element.get("name")
    if named:
        return named
    return element.get("url_name") or element.tag if fallback is None else fallback
