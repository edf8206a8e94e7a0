"""Merge one imported week into its week file, changing only the lines that must change."""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any

import yaml

from bot.course.importers.draft import VideoDraft, WeekDraft
from bot.course.importers.openlearn_page import first_sentences
from bot.course.importers.record import Outcome, fingerprint, merge_items, take
from bot.course.pack_writer import FRONT_MATTER_KEYS
from bot.course.yaml_lines import LOADER
from bot.course.yaml_rewrite import dump, rewrite_mapping

FENCE = "---"
SCALARS = ("title", "summary", "project_step")
SINGULAR = {"outcomes": "outcome", "activities": "activity", "prompts": "prompt", "videos": "video"}


def merge_week(text: str | None, week: WeekDraft, recorded: dict[str, Any], replace: bool,
               outcome: Outcome) -> tuple[str, dict[str, Any]]:
    """The week file's new text and the record of what in it is now the import's."""
    front_text, tail = _split(text) if text else ("", "")
    front = _front(front_text)
    body = tail.strip()
    n = week.number
    owned: dict[str, Any] = {}
    wanted = dict(front)
    wanted.setdefault("number", n)
    for name in SCALARS:
        value, mine = take(f"week {n} {name.replace('_', ' ')}", front.get(name), getattr(week, name),
                           recorded.get(name), replace, outcome)
        if value:
            wanted[name] = value
        if mine:
            owned[name] = fingerprint(value)
    new_body, mine = take(f"week {n} text", body, week.body, recorded.get("body"), replace, outcome)
    if mine:
        owned["body"] = fingerprint(new_body)
    wanted.setdefault("title", f"Week {n}")
    wanted.setdefault("summary", first_sentences(new_body) if new_body else f"Week {n} of the course.")
    for name, items, key_of, replaceable in _lists(front, week):
        merged, mine_items = merge_items(f"week {n} {SINGULAR[name]}", front.get(name) or [], items, key_of,
                                         recorded.get(name) or {}, replace, outcome, replaceable)
        if merged:
            wanted[name] = merged
        if mine_items:
            owned[name] = {**(recorded.get(name) or {}), **mine_items}
    front_out = rewrite_mapping(front_text, wanted, FRONT_MATTER_KEYS) if front_text else dump(wanted)
    if new_body == body and text:
        return f"{FENCE}\n{front_out}{FENCE}{tail}", owned
    return f"{FENCE}\n{front_out}{FENCE}\n" + (f"\n{new_body}\n" if new_body else ""), owned


def _lists(front: dict[str, Any], week: WeekDraft) -> list[tuple[str, list[Any], Any, frozenset[Hashable]]]:
    videos, replaceable = _videos(front.get("videos") or [], week.videos)
    return [
        ("outcomes", list(week.outcomes), str, frozenset()),
        ("activities", list(week.activities), _title, frozenset()),
        ("prompts", [p for p in week.prompts if p.strip()], str, frozenset()),
        ("videos", videos, _title, replaceable),
    ]


def _videos(current: list[Any], incoming: tuple[VideoDraft, ...]) -> tuple[list[Any], frozenset[Hashable]]:
    """Imported videos as pack entries; an untitled one takes the title of the video it stands for.

    A source that gives a video no title (a saved page) keeps the pack's title for the
    video in the same place. When that video's transcript is only a paraphrase, the
    spoken words from the source take its place.
    """
    titles = {video.title for video in incoming if video.titled}
    out: list[Any] = []
    replaceable: set[Hashable] = set()
    for index, video in enumerate(incoming):
        title = video.title
        if not video.titled and index < len(current) and isinstance(current[index], dict):
            existing = current[index]
            if existing.get("title") and existing["title"] not in titles:
                title = existing["title"]
                if existing.get("paraphrased") or not existing.get("transcript"):
                    replaceable.add(title)
        out.append({"title": title, "transcript": [dict(turn) for turn in video.transcript]})
    return out, frozenset(replaceable)


def _title(item: Any) -> Hashable:
    return item.get("title") if isinstance(item, dict) else str(item)


def _split(text: str) -> tuple[str, str]:
    """(front matter text, everything after the closing fence line, newline included)."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != FENCE:
        return "", text
    for index in range(1, len(lines)):
        if lines[index].strip() == FENCE:
            return "".join(lines[1:index]), "".join(lines[index:])[len(lines[index].rstrip("\r\n")):]
    return "", text


def _front(text: str) -> dict[str, Any]:
    try:
        data = yaml.load(text, Loader=LOADER) if text.strip() else {}
    except yaml.YAMLError:
        return {}
    return data if isinstance(data, dict) else {}
