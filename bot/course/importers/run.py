"""Run an import and say what it did: counts, files, what was kept by hand and what was skipped."""

from __future__ import annotations

from pathlib import Path

from bot.course.importers.draft import CourseDraft
from bot.course.importers.merge import NO_OPTIONS, ImportOptions, Plan, apply, plan_import, rehearse
from bot.course.importers.week_plan import holds


def import_draft(pack: Path, draft: CourseDraft, options: ImportOptions = NO_OPTIONS) -> Plan:
    plan = plan_import(pack, draft, options)
    # Both runs load the pack as the import leaves it: a dry run in a scratch copy, a real
    # run in place (putting every file back if it fails), so they accept the same packs.
    if options.dry_run:
        rehearse(plan)
    else:
        apply(plan)
    return plan


def summary(plan: Plan, draft: CourseDraft, options: ImportOptions) -> list[str]:
    cues = f" ({_count(draft.cues, 'cue')})" if draft.cues else ""
    lines = [f"{draft.source}: {_count(len(draft.weeks), 'week')}, {_count(draft.videos, 'video')}"
             f"{cues}, {_count(draft.prompts, 'prompt')}, {_count(len(draft.quiz), 'quiz item')}."]
    would = "Would create" if options.dry_run else "Created"
    lines += [f"{would} {f}" for f in plan.created]
    would = "Would change" if options.dry_run else "Changed"
    lines += [f"{would} {f}" for f in plan.changed]
    lines += [f"  {change}" for change in plan.outcome.changes]
    if not plan.created and not plan.changed:
        lines.append("Nothing to change: the pack already has all of it.")
    if plan.outcome.kept:
        lines.append("Kept as written by hand (add --replace to take the source's): "
                     + "; ".join(plan.outcome.kept) + ".")
    for skipped in draft.skipped:
        lines.append(f"Skipped {skipped}.")
    lines += draft.notes
    if options.dry_run:
        lines.append("The weeks (edit with --plan FILE):")
        lines += [f"  week {w.number}: {w.title or 'Week ' + str(w.number)} <- "
                  f"{', '.join(w.modules or (w.title or '(untitled)',))}: {holds(w, draft.quiz)}"
                  for w in draft.weeks]
        lines.append("Dry run: nothing was written.")
    return lines


def _count(number: int, word: str) -> str:
    return f"{number} {word}" if number == 1 else f"{number} {word}s"
