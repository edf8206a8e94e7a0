"""IMS Common Cartridge 1.0 to 1.3 (`.imscc`, or a `.zip` or folder with `imsmanifest.xml`).

The manifest's organization is a tree of items; its top-level items (under the one root
item the profile requires) are the weeks. An item points at a resource by
`identifierref`; the resource's `type` says what it is: `webcontent` (a page: the week's
text), `imswl_*` (a web link: an activity), `imsdt_*` (a discussion topic: a prompt),
`imsqti_*` assessments (QTI 1.2: quiz items, cc_qti.py). LTI links and anything else
are reported as skipped.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from xml.etree.ElementTree import Element

from bot.course.importers.cc_qti import assessment_items
from bot.course.importers.draft import CourseDraft, Skipped, WeekDraft
from bot.course.importers.export import Export
from bot.course.importers.html_text import html_to_markdown, summary_of, with_heading
from bot.course.importers.quiz_items import checked, unique_ids
from bot.course.importers.safe_xml import text_of
from bot.course.pack_writer import ImportProblem

MANIFEST = "imsmanifest.xml"


@dataclass(frozen=True)
class _Resource:
    type: str
    href: str  # the resource's main file, relative to the export


@dataclass
class _Week:
    text: list[str] = field(default_factory=list)
    activities: list[dict[str, Any]] = field(default_factory=list)
    prompts: list[str] = field(default_factory=list)


def read_cartridge(export: Export) -> CourseDraft:
    manifest = export.xml(MANIFEST)
    if manifest is None:
        raise ImportProblem.at(export.label, 0, f"no {MANIFEST} found: not a Common Cartridge")
    resources = _resources(manifest)
    reader = _Reader(export, resources)
    weeks = [reader.week(item, number) for number, item in enumerate(_top_items(manifest), 1)]
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
        found[resource.get("identifier") or ""] = _Resource(resource.get("type") or "", href)
    return found


def _top_items(manifest: Element) -> list[Element]:
    organization = manifest.find("./organizations/organization")
    if organization is None:
        return []
    items = organization.findall("item")
    # The profile wraps everything in one root item with no resource of its own.
    if len(items) == 1 and items[0].get("identifierref") is None and items[0].findall("item"):
        return items[0].findall("item")
    return items


class _Reader:
    def __init__(self, export: Export, resources: dict[str, _Resource]) -> None:
        self.export, self.resources = export, resources
        self.quiz: list[dict[str, Any]] = []
        self.skipped: list[Skipped] = []

    def week(self, item: Element, number: int) -> WeekDraft:
        found = _Week()
        for child in item.iter("item"):  # the item itself first, then what is under it in order
            self.item(child, number, found)
        body = "\n\n".join(found.text)
        return WeekDraft(number, _title(item), summary=summary_of(body),
                         body=body, activities=tuple(found.activities), prompts=tuple(found.prompts))

    def item(self, item: Element, week: int, found: _Week) -> None:
        resource = self.resources.get(item.get("identifierref") or "")
        title = _title(item)
        if resource is None:
            return  # a heading item: its children follow in document order
        kind = resource.type.lower()
        if kind == "webcontent":
            self.page(resource, title, found)
        elif kind.startswith("imswl"):
            link = self.export.xml(resource.href)
            url = link.find("url") if link is not None else None
            href = url.get("href", "") if url is not None else ""
            found.activities.append({"title": title, **({"description": href} if href else {})})
        elif kind.startswith("imsdt"):
            topic = self.export.xml(resource.href)
            text = html_to_markdown(topic.findtext("text") or "") if topic is not None else ""
            found.prompts.append(" ".join(text.split()) or title)
        elif kind.startswith("imsqti") and "assessment" in kind:
            assessment = self.export.xml(resource.href)
            if assessment is not None:
                for made in assessment_items(assessment, week):
                    kept = checked(made, resource.href)
                    if isinstance(kept, Skipped):
                        self.skipped.append(kept)
                    else:
                        self.quiz.append(kept)
        elif kind.startswith("imsbasiclti"):
            self.skipped.append(Skipped(f"tool {title}", "an outside (LTI) tool cannot be imported",
                                        resource.href))
        else:
            why = f"its {resource.type} resource has no place in a pack"
            self.skipped.append(Skipped(f"item {title}", why, resource.href))

    def page(self, resource: _Resource, title: str, found: _Week) -> None:
        if not resource.href.lower().endswith((".html", ".htm")):
            self.skipped.append(Skipped(f"file {resource.href}", "not a web page; files are not copied"))
            return
        text = html_to_markdown(self.export.text(resource.href) or "")
        if text:
            found.text.append(with_heading(title, text))


def _title(item: Element) -> str:
    return text_of(item.find("title"))
