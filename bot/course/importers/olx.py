"""Open edX course exports (OLX): a folder with `course.xml`, or Studio's `.tar.gz` of one.

`course.xml` points at `course/<run>.xml`, whose chapters are the weeks, in course
order. A chapter holds sequentials (the week's activities), which hold verticals (units),
which hold components. Any element that is only a `url_name` is a pointer to
`<tag>/<url_name>.xml`. Components: `html` becomes the week's text, `video` a video with
its transcript (`.srt` files in `static/`), `discussion` a prompt, `problem` quiz items;
anything else is reported as skipped.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any
from xml.etree.ElementTree import Element, tostring

from bot.course.importers.draft import CourseDraft, Skipped, VideoDraft, WeekDraft
from bot.course.importers.export import Export, slug
from bot.course.importers.html_text import html_to_markdown, summary_of, with_heading
from bot.course.importers.olx_problems import problem_items
from bot.course.importers.olx_video import read_video
from bot.course.pack_writer import ImportProblem

OUTSIDE_TOOLS = frozenset({"lti", "lti_consumer"})


def find_course(export: Export) -> Export | None:
    """The folder holding `course.xml`: the export itself or its one top folder (Studio's)."""
    if export.file("course.xml"):
        return export
    tops = [p for p in export.root.iterdir() if p.is_dir() and not p.is_symlink()]
    if len(tops) == 1 and (inner := export.within(tops[0].name)).file("course.xml"):
        return inner
    return None


def read_olx(export: Export) -> CourseDraft:
    course_export = find_course(export)
    if course_export is None:
        raise ImportProblem.at(export.label, 0, "no course.xml found: not an Open edX (OLX) export")
    reader = _Reader(course_export)
    course = reader.resolve(reader.required("course.xml"))
    weeks: list[WeekDraft] = []
    for chapter in (reader.resolve(c) for c in course if c.tag == "chapter"):
        if (chapter.get("visible_to_staff_only") or "").lower() == "true":
            reader.skipped.append(Skipped(f"section {_name(chapter)}", "hidden from learners"))
            continue
        weeks.append(reader.week(chapter, len(weeks) + 1))
    if not weeks:
        raise ImportProblem.at(reader.export.shown(reader.export.root / "course.xml"), 0,
                               "the course has no sections (chapters) to import as weeks")
    about = reader.export.text("about/short_description.html") or ""
    return CourseDraft("Open edX", tuple(weeks), title=_course_title(reader.export, course),
                       description=html_to_markdown(about), quiz=tuple(reader.quiz),
                       skipped=tuple(reader.skipped))


@dataclass
class _Week:
    text: list[str] = field(default_factory=list)
    activities: list[dict[str, Any]] = field(default_factory=list)
    prompts: list[str] = field(default_factory=list)
    videos: list[VideoDraft] = field(default_factory=list)


class _Reader:
    def __init__(self, export: Export) -> None:
        self.export = export
        self.quiz: list[dict[str, Any]] = []
        self.skipped: list[Skipped] = []

    def required(self, name: str) -> Element:
        root = self.export.xml(name)
        if root is None:
            raise ImportProblem.at(self.export.label / name, 0, "file is missing")
        return root

    def resolve(self, element: Element) -> Element:
        """The element a pointer (`<tag url_name=.../>` and nothing else) stands for."""
        url_name = element.get("url_name")
        if url_name is None or len(element) or (element.text or "").strip():
            return element
        target = self.export.xml(f"{element.tag}/{url_name.replace(':', '/')}.xml")
        if target is None:
            return element
        target.attrib = {**element.attrib, **target.attrib}
        return target

    def week(self, chapter: Element, number: int) -> WeekDraft:
        found = _Week()
        for sequential in (self.resolve(s) for s in chapter if s.tag == "sequential"):
            units = [self.resolve(v) for v in sequential]
            names = [_name(u) for u in units if u.tag == "vertical" and u.get("display_name")]
            activity = {"title": _name(sequential)}
            if names:
                activity["description"] = "Units: " + "; ".join(names) + "."
            found.activities.append(activity)
            for unit in units:
                components = unit if unit.tag == "vertical" else [unit]
                heading = _name(unit) if unit.tag == "vertical" else ""
                for component in components:
                    self.component(self.resolve(component), number, found, heading)
                    heading = ""
        body = "\n\n".join(found.text)
        return WeekDraft(number, _name(chapter), summary=summary_of(body),
                         body=body, activities=tuple(found.activities),
                         prompts=tuple(found.prompts), videos=tuple(found.videos))

    def component(self, element: Element, week: int, found: _Week, heading: str) -> None:
        if element.tag == "html":
            text = self.html(element)
            if text:
                found.text.append(with_heading(heading, text))
        elif element.tag == "video":
            video, skipped = read_video(self.export, element)
            found.videos += [video] if video else []
            self.skipped += skipped
        elif element.tag == "discussion":
            prompt = element.get("discussion_target") or element.get("display_name") or ""
            found.prompts += [prompt] if prompt else []
        elif element.tag == "problem":
            ident = slug(element.get("url_name") or _name(element), f"week-{week}-problem")
            for item in problem_items(element, ident, week):
                if isinstance(item, Skipped):
                    self.skipped.append(item)
                else:
                    self.quiz.append(item)
        elif element.tag in OUTSIDE_TOOLS:
            self.skipped.append(Skipped(f"tool {_name(element)}", "an outside (LTI) tool cannot be imported"))
        elif element.tag:
            self.skipped.append(Skipped(f"{element.tag} {_name(element)}",
                                        "this kind of component has no place in a pack"))

    def html(self, element: Element) -> str:
        filename = element.get("filename")
        if filename:
            source = self.export.text(f"html/{filename}.html") or ""
        else:  # inline: the HTML is the element's content
            source = (element.text or "") + "".join(tostring(c, encoding="unicode") for c in element)
        return html_to_markdown(source)


def _course_title(export: Export, course: Element) -> str:
    """The course's name: on its element, or (in many Studio exports) in its policy file."""
    if course.get("display_name"):
        return course.get("display_name") or ""
    run = course.get("url_name") or ""
    try:
        policy = json.loads(export.text(f"policies/{run}/policy.json") or "{}")
    except json.JSONDecodeError:
        return ""
    settings = policy.get(f"course/{run}") if isinstance(policy, dict) else None
    return str(settings.get("display_name") or "") if isinstance(settings, dict) else ""


def _name(element: Element) -> str:
    return element.get("display_name") or element.get("url_name") or element.tag
