"""Which source module becomes which week: a plan the facilitator reads, edits and keeps.

A course's modules are not always its weeks (an orientation, an FAQ, two short modules
taught in one week). `--dry-run` prints the plan; `--plan FILE` writes it when FILE does
not exist yet, and follows it when it does: modules given the same week are merged,
`week: none` leaves a module out, `title` renames the week, and the week numbers set the
order (they are renumbered 1, 2, 3, ... without gaps). The plan followed is kept in the
pack (`import-plan.yaml`), so every later import of the course follows it too. A module
the plan does not list (new in the source) comes in after the planned weeks, and the
summary says so.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import yaml

from bot.course.importers.draft import CourseDraft, Skipped, WeekDraft, distinct_titles, distinct_videos
from bot.course.pack_writer import ImportProblem
from bot.course.yaml_lines import LOADER

PLAN_FILE = "import-plan.yaml"  # the copy kept in the pack
HEADER = """\
# Which module of the source becomes which week. Edit it, then import again with --plan:
#   give two modules the same week to merge them; `week: none` leaves a module out;
#   change `title` to rename the week; change the week numbers to re-order the weeks.
# `module` is the source's own name for it: leave it as it is. `holds` is for reading only.
"""


@dataclass(frozen=True)
class PlanEntry:
    module: str  # the source's name for it
    week: int | None  # None: left out
    title: str = ""


def modules_of(draft: CourseDraft) -> list[str]:
    """The source's module names, one per drafted week, a repeated name numbered."""
    named = distinct_titles([{"title": w.title or f"Week {w.number}", "at": w.number} for w in draft.weeks])
    return [str(entry["title"]) for entry in named]


def render_plan(draft: CourseDraft) -> str:
    modules = [{"module": name, "week": week.number, "title": week.title or name,
                "holds": holds(week, draft.quiz)}
               for name, week in zip(modules_of(draft), draft.weeks, strict=True)]
    return HEADER + yaml.safe_dump({"source": draft.source, "modules": modules},
                                   sort_keys=False, allow_unicode=True, width=100)


def holds(week: WeekDraft, quiz: Sequence[dict[str, Any]] = ()) -> str:
    """What a week holds, in words: "text, 2 videos, 1 activity, 3 quiz items"."""
    questions = sum(1 for item in quiz if item.get("week") == week.number)
    counts = [(len(week.videos), "video", "videos"), (len(week.activities), "activity", "activities"),
              (len(week.prompts), "prompt", "prompts"), (questions, "quiz item", "quiz items")]
    said = (["text"] if week.body else []) + [f"{n} {one if n == 1 else many}"
                                              for n, one, many in counts if n]
    return ", ".join(said) or "nothing we can import"


def read_plan(file: Path) -> list[PlanEntry]:
    try:
        data = yaml.load(file.read_text(encoding="utf-8-sig"), Loader=LOADER)
    except (OSError, UnicodeDecodeError) as error:
        raise ImportProblem.at(file, 0, f"cannot read the plan: {error}") from error
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        raise ImportProblem.at(file, (mark.line + 1) if mark else 0, "the plan is not valid YAML") from error
    modules = data.get("modules") if isinstance(data, dict) else None
    if not isinstance(modules, list):
        raise ImportProblem.at(file, 0, "the plan needs a `modules:` list")
    return [_entry(file, index, item) for index, item in enumerate(modules)]


def _entry(file: Path, index: int, item: Any) -> PlanEntry:
    where = f"modules.{index}"
    if not isinstance(item, dict) or not str(item.get("module") or "").strip():
        raise ImportProblem.at(file, 0, f"{where}: each entry needs the `module` it is about")
    week = item.get("week")
    if week in (None, "none", "None", False):
        return PlanEntry(str(item["module"]), None, str(item.get("title") or ""))
    if not isinstance(week, int) or isinstance(week, bool) or week < 1:
        raise ImportProblem.at(file, 0, f"{where}: `week` is a number from 1, or none to leave it out")
    return PlanEntry(str(item["module"]), week, str(item.get("title") or ""))


def follow(draft: CourseDraft, entries: Sequence[PlanEntry], plan_text: str) -> CourseDraft:
    """`draft` with its weeks merged, dropped, renamed and re-ordered as the plan says."""
    planned = {entry.module: entry for entry in entries}
    last = max((e.week for e in entries if e.week is not None), default=0)
    targets: dict[int, list[tuple[str, WeekDraft, str]]] = {}
    skipped, notes, dropped = list(draft.skipped), list(draft.notes), set()
    for name, week in zip(modules_of(draft), draft.weeks, strict=True):
        entry = planned.get(name)
        if entry is None:
            last += 1
            entry = PlanEntry(name, last, week.title)
            notes.append(f"Module {name!r} is not in the plan: it comes in as a week after the planned ones.")
        if entry.week is None:
            dropped.add(week.number)
            skipped.append(Skipped(f"module {name}", "the plan leaves it out"))
            continue
        targets.setdefault(entry.week, []).append((name, week, entry.title))
    numbers = {old.number: new for new, key in enumerate(sorted(targets), 1) for _, old, _ in targets[key]}
    weeks = tuple(_merged(new, targets[key]) for new, key in enumerate(sorted(targets), 1))
    quiz = tuple({**item, "week": numbers[item["week"]]} for item in draft.quiz if item["week"] in numbers)
    left_out = len(draft.quiz) - len(quiz)
    if left_out:
        skipped.append(Skipped(f"{left_out} quiz item(s)", "their modules are left out by the plan"))
    return replace(draft, weeks=weeks, quiz=quiz, skipped=tuple(skipped), notes=tuple(notes),
                   plan_text=plan_text)


def _merged(number: int, parts: list[tuple[str, WeekDraft, str]]) -> WeekDraft:
    weeks = [week for _, week, _ in parts]
    title = next((t for _, _, t in parts if t), "") or weeks[0].title
    return WeekDraft(
        number, title, summary=next((w.summary for w in weeks if w.summary), ""),
        outcomes=tuple(dict.fromkeys(o for w in weeks for o in w.outcomes)),
        body="\n\n".join(w.body for w in weeks if w.body),
        activities=distinct_titles([a for w in weeks for a in w.activities]),
        project_step=next((w.project_step for w in weeks if w.project_step), ""),
        prompts=tuple(dict.fromkeys(p for w in weeks for p in w.prompts)),
        videos=distinct_videos([v for w in weeks for v in w.videos]),
        modules=tuple(name for name, _, _ in parts))
