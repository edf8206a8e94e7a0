"""IMS Common Cartridge 1.0 to 1.3 (`.imscc`, or a `.zip` or folder with `imsmanifest.xml`).

The manifest's organization is a tree of items; its top-level items (under the one root
item the profile requires) are the weeks. An item points at a resource by
`identifierref`; the resource's `type` says what it is: `webcontent` (a page: the week's
text, with any embedded video player kept as an activity with its link), `imswl_*` (a
web link: an activity), `imsdt_*` (a discussion topic: a prompt), `imsqti_*` assessments
(QTI 1.2: quiz items, cc_qti.py), assignments (`assignment_xmlv1p0`, or Canvas's
`learning-application-resource` page: an activity with its instructions). What the
organization does not place (Canvas's pages, quizzes and discussions outside modules)
goes into a last week, "More". LTI links and anything else are reported as skipped.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from xml.etree.ElementTree import Element

from bot.course.importers.cc_qti import assessment_items
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
from bot.course.importers.quiz_items import checked, unique_ids
from bot.course.importers.safe_xml import text_of
from bot.course.pack_writer import ImportProblem

MANIFEST = "imsmanifest.xml"
MORE_WEEK = "More"
# Canvas keeps its own settings as a resource; it is not course content.
SETTINGS_FOLDER = "course_settings/"
PAGE_SUFFIXES = (".html", ".htm")
REFUSED = "refused:"


@dataclass(frozen=True)
class _Resource:
    identifier: str
    type: str
    href: str  # the resource's main file, relative to the export
    needs: tuple[str, ...] = ()  # identifiers of the resources it depends on

    @property
    def kind(self) -> str:
        return self.type.lower()

    @property
    def is_page(self) -> bool:
        """A web page, and Canvas's syllabus (kept with its settings, but course text)."""
        page = self.href.lower().endswith(PAGE_SUFFIXES)
        return page and (self.kind == "webcontent" or self.href.startswith(SETTINGS_FOLDER))

    @property
    def is_assignment(self) -> bool:
        return self.kind.startswith("assignment") or (
            "learning-application-resource" in self.kind and self.href.lower().endswith(PAGE_SUFFIXES)
            and not self.is_page)


def read_cartridge(given: Export) -> CourseDraft:
    export, manifest = given.rooted_at(MANIFEST, "a Common Cartridge")
    resources = _resources(manifest)
    reader = _Reader(export, resources)
    top = _top_items(manifest)
    weeks = [reader.week(_title(item), list(item.iter("item")), number)
             for number, item in enumerate(top, 1)]
    if unplaced := _unplaced(manifest, resources):
        asked = len(reader.quiz)
        more = reader.week(MORE_WEEK, unplaced, len(weeks) + 1)
        if more.body or more.activities or more.prompts or len(reader.quiz) > asked:
            weeks.append(more)
    if not weeks:
        raise ImportProblem.at(export.label / MANIFEST, 0, "the organization has no items to import as weeks")
    title = text_of(manifest.find("./metadata/lom/general/title"))
    description = text_of(manifest.find("./metadata/lom/general/description"))
    return CourseDraft("Common Cartridge", tuple(weeks), title=title, description=description,
                       quiz=tuple(unique_ids(reader.quiz)), skipped=tuple(reader.skipped))


def _resources(manifest: Element) -> dict[str, _Resource]:
    found = {}
    for resource in manifest.iter("resource"):
        href = resource.get("href") or ""
        if not href and (first := resource.find("file")) is not None:
            href = first.get("href") or ""
        needs = tuple(d.get("identifierref") or "" for d in resource.findall("dependency"))
        ident = resource.get("identifier") or ""
        found[ident] = _Resource(ident, resource.get("type") or "", href, needs)
    return found


def _top_items(manifest: Element) -> list[Element]:
    organization = manifest.find("./organizations/organization")
    if organization is None:
        return []
    items = organization.findall("item")
    # The profile wraps everything in one root item with no resource of its own.
    if len(items) == 1 and items[0].get("identifierref") is None:
        return items[0].findall("item")
    return items


def _unplaced(manifest: Element, resources: dict[str, _Resource]) -> list[Element]:
    """Stand-in items for the content resources no organization item points at."""
    placed = {item.get("identifierref") for item in manifest.iter("item")}
    needed = {ident for resource in resources.values() for ident in resource.needs}
    items = []
    for resource in resources.values():
        if resource.identifier in placed | needed or not resource.href:
            continue
        if (resource.href.startswith(SETTINGS_FOLDER) and not resource.is_page) or not _is_content(resource):
            continue
        item = Element("item", identifierref=resource.identifier)
        item.append(Element("title"))
        items.append(item)
    return items


def _is_content(resource: _Resource) -> bool:
    kind = resource.kind
    quiz = kind.startswith("imsqti") and "assessment" in kind
    return resource.is_page or quiz or kind.startswith("imsdt") or resource.is_assignment


class _Reader:
    def __init__(self, export: Export, resources: dict[str, _Resource]) -> None:
        self.export, self.resources = export, resources
        self.quiz: list[dict[str, Any]] = []
        self.skipped: list[Skipped] = []

    def week(self, title: str, items: list[Element], number: int) -> WeekDraft:
        found = WeekParts()
        for child in items:  # the item itself first, then what is under it in order
            resource = self.resources.get(child.get("identifierref") or "")
            if resource is not None:  # else a heading item: its children follow in order
                try:
                    self.item(resource, _title(child), number, found)
                except ImportProblem as problem:  # one unreadable file is one item skipped
                    if problem.problems[0].reason.startswith(REFUSED):
                        raise  # a hostile file: the whole export is not to be trusted
                    self.skipped.append(Skipped(f"item {_title(child) or resource.href}",
                                                problem.problems[0].reason, resource.href))
        body = "\n\n".join(found.text)
        return WeekDraft(number, title, summary=summary_of(body), outcomes=outcomes_of(body), body=body,
                         activities=distinct_titles(found.activities), prompts=tuple(found.prompts))

    def item(self, resource: _Resource, title: str, week: int, found: WeekParts) -> None:
        kind = resource.kind
        if resource.is_assignment:
            self.assignment(resource, title, found)
        elif kind == "webcontent" or resource.is_page:
            self.page(resource, title, found)
        elif kind.startswith("imswl"):
            link = self.export.xml(resource.href)
            url = link.find("url") if link is not None else None
            href = url.get("href", "") if url is not None else ""
            name = title or text_of(link.find("title") if link is not None else None) or href
            found.activities.append({"title": name, **({"description": href} if href else {})})
        elif kind.startswith("imsdt"):
            topic = self.export.xml(resource.href)
            text = html_to_markdown(topic.findtext("text") or "") if topic is not None else ""
            title = title or text_of(topic.find("title") if topic is not None else None)
            found.prompts.append(prompt_of(text, title))
        elif kind.startswith("imsqti") and "assessment" in kind:
            self.assessment(resource, week)
        elif kind.startswith("imsbasiclti"):
            self.skipped.append(Skipped(f"tool {title}", "an outside (LTI) tool cannot be imported",
                                        resource.href))
        else:
            why = f"its {resource.type} resource has no place in a pack"
            self.skipped.append(Skipped(f"item {title}", why, resource.href))

    def assessment(self, resource: _Resource, week: int) -> None:
        assessment = self.export.xml(resource.href)
        if assessment is None:
            self.skipped.append(Skipped(f"quiz {resource.identifier}", "its questions file is missing",
                                        resource.href or resource.identifier))
            return
        for made in assessment_items(assessment, week):
            kept = checked(made, resource.href)
            if isinstance(kept, Skipped):
                self.skipped.append(kept)
            else:
                self.quiz.append(kept)

    def assignment(self, resource: _Resource, title: str, found: WeekParts) -> None:
        """An assignment: an activity whose description is its instructions."""
        if resource.href.lower().endswith(".xml"):
            task = self.export.xml(resource.href)
            html = task.findtext("text") or "" if task is not None else ""
            title = title or text_of(task.find("title") if task is not None else None)
        else:
            html = self.export.text(resource.href) or ""
        instructions = html_to_markdown(html)
        name = title or _page_title(html) or "Assignment"
        found.activities.append({"title": name, **({"description": instructions} if instructions else {})})
        found.activities += video_activities(html)

    def page(self, resource: _Resource, title: str, found: WeekParts) -> None:
        if not resource.href.lower().endswith(PAGE_SUFFIXES):
            self.skipped.append(Skipped(f"file {resource.href}", "not a web page; files are not copied"))
            return
        html = self.export.text(resource.href) or ""
        text = html_to_markdown(html)
        if text:
            found.text.append(with_heading(title or _page_title(html), text))
        found.activities += video_activities(html)


def _page_title(html: str) -> str:
    start = html.lower().find("<title>")
    end = html.lower().find("</title>", start)
    return " ".join(html[start + 7:end].split()) if 0 <= start < end else ""


def _title(item: Element) -> str:
    return text_of(item.find("title"))
