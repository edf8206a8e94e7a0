"""What the canvas commands say: every reply and user-facing sentence, in small functions."""

from __future__ import annotations

from dataclasses import dataclass

from bot.canvas.coach import Step
from bot.canvas.service import CanvasView
from bot.canvas.store import Change, Entry, OwnerKind
from bot.course.models import CanvasBlock, Course
from bot.messages import Actions, Bullets, Button, Heading, Part, Reply, Text

SNIPPET = 90


@dataclass(frozen=True)
class Target:
    """The canvas a command works on, as the learner would name it."""

    view_name: str       # "your canvas" / "the group canvas"
    title: str           # heading and picture title
    prefix: str          # "canvas" / "canvas group"
    private: bool


def entry_line(entry: Entry, kind: OwnerKind) -> str:
    by = f" (added by {entry.author_name})" if kind is OwnerKind.GROUP else ""
    return f"{entry.text}{by}"


def whole_canvas(view: CanvasView, target: Target) -> Reply:
    parts: list[Part] = [Heading(target.title, from_user=True)]
    if view.is_empty:
        parts.append(Text(f"Nothing on {target.view_name} yet. Add a first entry with "
                          f"`{target.prefix} add {view.blocks[0].name.lower()} <your idea>`, or type "
                          f"`{target.prefix} coach` and I'll walk you through it."))
        return Reply(parts=tuple(parts), private=target.private, summary=target.title)
    empty = [b.name for b in view.blocks if not view.of(b.id)]
    for block in view.blocks:
        entries = view.of(block.id)
        if entries:
            parts += [Text(f"**{block.name}**"),
                      Bullets(tuple(entry_line(e, view.owner.kind) for e in entries),
                              from_user=True, numbered=True)]
    if empty:
        parts.append(Text("Still empty: " + ", ".join(empty) + "."))
    parts.append(Actions((Button("Picture", f"{target.prefix} image"),
                          Button("Coach me", f"{target.prefix} coach"),
                          Button("Markdown", f"{target.prefix} export"))))
    return Reply(parts=tuple(parts), private=target.private, summary=target.title)


def explain_block(course: Course, block: CanvasBlock, entries: tuple[Entry, ...],
                  target: Target, kind: OwnerKind) -> Reply:
    week = course.week(block.week)
    when = f"Week {block.week}" + (f": {week.title}" if week else "")
    parts: list[Part] = [
        Heading(block.name),
        Text(block.meaning),
        Text("**Questions to guide you**"),
        Bullets(block.questions),
    ]
    if block.example:
        parts += [Text("**An example**"), Text(f"_{block.example}_")]
    parts.append(Text(f"**When it matters:** {when}."))
    if entries:
        parts += [Text(f"**On {target.view_name} so far**"),
                  Bullets(tuple(entry_line(e, kind) for e in entries), from_user=True, numbered=True)]
    else:
        parts.append(Text(f"Nothing in {block.name} on {target.view_name} yet. Add one with "
                          f"`{target.prefix} add {block.name.lower()} <text>`."))
    parts.append(Actions((Button("Coach me", f"{target.prefix} coach"),
                          Button("Whole canvas", target.prefix))))
    return Reply(parts=tuple(parts), private=target.private and bool(entries), summary=block.name)


def about_canvas(course: Course, ordered: tuple[CanvasBlock, ...]) -> Reply:
    info = course.canvas_info
    lines = tuple(f"**{b.name}** (`{b.aliases[0] if b.aliases else b.id}`): "
                  f"{_first_sentence(b.meaning)}" for b in ordered)
    about = info.about or (f"One page with {len(ordered)} blocks that together describe your "
                           "project. A good order to fill it in:")
    first = ordered[0].name.lower()
    return Reply.of(
        Heading(info.title),
        Text(about),
        Bullets(lines, numbered=True),
        Text(f"Ask about any block (`canvas {first}`), add to yours with "
             "`canvas add <block> <text>`, or type `canvas coach` for a guided start."),
        summary=info.title)


def added(block: CanvasBlock, number: int, target: Target) -> Reply:
    return _done(f"Added to {block.name} on {target.view_name} as #{number}. "
                 f"Type `{target.prefix}` to see it all.", target)


def edited(block: CanvasBlock, number: int, target: Target) -> Reply:
    return _done(f"Updated {block.name} #{number} on {target.view_name}. "
                 f"`{target.prefix} history` shows what it said before.", target)


def removed(block: CanvasBlock, number: int, target: Target) -> Reply:
    return _done(f"Removed {block.name} #{number} from {target.view_name}. The history still "
                 f"has it (`{target.prefix} history`).", target)


def copied(block: CanvasBlock, number: int, to_group: bool) -> Reply:
    where = "the group canvas" if to_group else "your canvas"
    return Reply.of(Text(f"Copied {block.name} #{number} to {where}; the original stays where "
                         "it was."), private=not to_group)


def confirm_clear(count: int, target: Target) -> Reply:
    noun = "entry" if count == 1 else "entries"
    return _done(f"This removes all {count} {noun} from {target.view_name} (the history keeps a "
                 "record). Type `yes` to clear it, or anything else to keep it.", target)


def cleared(count: int, target: Target) -> Reply:
    return _done(f"Cleared {target.view_name}: {count} "
                 f"{'entry' if count == 1 else 'entries'} removed. Start again with "
                 f"`{target.prefix} coach`.", target)


def kept(target: Target) -> Reply:
    return _done(f"Kept {target.view_name} as it was; nothing was removed.", target)


def already_empty(target: Target) -> Reply:
    return _done(f"{target.view_name.capitalize()} is already empty.", target)


def history(changes: list[Change], course: Course, target: Target) -> Reply:
    if not changes:
        return _done(f"No changes to {target.view_name} yet.", target)
    names = {b.id: b.name for b in course.canvas}
    lines = tuple(_change_line(c, names) for c in changes)
    return Reply(parts=(Heading(f"Latest changes to {target.view_name}"),
                        Bullets(lines, from_user=True)),
                 private=target.private, summary=f"History of {target.view_name}")


def coach_intro(step: Step, target: Target) -> Reply:
    return _done_parts(target, Heading("Canvas coach"), Text(
        f"I'll ask one question at a time and save each answer to {target.view_name}. Say "
        "`skip` to move on, `another` for a different question, or `stop` to finish."),
        *coach_question(step))


def coach_question(step: Step) -> tuple[Part, ...]:
    return (Text(f"**{step.block.name}** (week {step.block.week})"), Text(step.question))


def coach_saved_then(block: CanvasBlock, step: Step, target: Target) -> Reply:
    return _done_parts(target, Text(f"Saved to {block.name}."), *coach_question(step))


def coach_skipped_then(step: Step, target: Target) -> Reply:
    return _done_parts(target, Text("Skipped; let's look at another block."), *coach_question(step))


def coach_another(step: Step, target: Target) -> Reply:
    return _done_parts(target, Text("Try this one instead:"), *coach_question(step))


def coach_retry(problem: str, step: Step, target: Target) -> Reply:
    return _done_parts(target, Text(problem), *coach_question(step))


def coach_finished(saved: int, outcome: str, target: Target) -> Reply:
    """`outcome`: "stopped" (they asked), "complete" (every block filled) or "gaps"."""
    answers = f"{saved} answer{'' if saved == 1 else 's'}"
    if outcome == "complete":
        text = (f"That's every block with something in it. I saved {answers} to "
                f"{target.view_name}. See it with `{target.prefix} image`.")
    elif outcome == "gaps":
        text = (f"That's the round done: I saved {answers} to {target.view_name}. The blocks you "
                f"skipped are still empty; `{target.prefix} coach` goes back to them.")
    else:
        text = (f"Stopped. I saved {answers} to {target.view_name}. Carry on any time with "
                f"`{target.prefix} coach`.")
    return _done(text, target)


def nothing_to_coach(target: Target) -> Reply:
    return _done(f"Every block on {target.view_name} has something in it already. Ask about a "
                 f"block (`canvas <block>`) to deepen it, or type "
                 f"`{target.prefix} image` to see the whole picture.", target)


def _change_line(change: Change, names: dict[str, str]) -> str:
    when = f"{change.at:%d %b %H:%M}"
    block = names.get(change.block_id or "", change.block_id or "")
    who = change.actor_name
    match change.action:
        case "edit":
            what = f"changed {block}: {_snip(change.before)} → {_snip(change.after)}"
        case "remove":
            what = f"removed from {block}: {_snip(change.before)}"
        case "clear":
            what = "cleared the canvas"
        case "copy":
            what = f"copied into {block}: {_snip(change.after)}"
        case "promote":
            what = f"promoted a note into {block}: {_snip(change.after)}"
        case _:
            what = f"added to {block}: {_snip(change.after)}"
    return f"{when} · {who} {what}"


def _snip(text: str | None) -> str:
    text = " ".join((text or "").split())
    return f"“{text[:SNIPPET - 1]}…”" if len(text) > SNIPPET else f"“{text}”"


def _first_sentence(text: str) -> str:
    sentence, dot, _ = text.partition(". ")
    return sentence + ("." if dot else "")


def _done(text: str, target: Target) -> Reply:
    return Reply.of(Text(text), private=target.private, summary=text)


def _done_parts(target: Target, *parts: Part) -> Reply:
    return Reply(parts=parts, private=target.private)
