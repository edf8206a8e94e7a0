"""Slack's documented Block Kit limits, checked the way Slack checks them (invalid_blocks)."""

from __future__ import annotations

from typing import Any

MESSAGE_BLOCKS = 50
TEXT = 3000  # a section's text, a context element
FIELDS = 10
FIELD = 2000
HEADER = 150
BUTTON_TEXT = 75
BUTTON_VALUE = 2000
ACTION_ID = 255
ACTION_ELEMENTS = 25
CONTEXT_ELEMENTS = 10
MESSAGE_TEXT = 40_000  # Slack cuts the top-level text beyond this


def problems_with_message(payload: dict[str, Any]) -> list[str]:
    problems = []
    text = payload.get("text", "")
    if not text.strip() and not payload.get("blocks"):
        problems.append("no text and no blocks")
    if len(text) > MESSAGE_TEXT:
        problems.append(f"text: {len(text)} > {MESSAGE_TEXT}")
    blocks = payload.get("blocks") or []
    if len(blocks) > MESSAGE_BLOCKS:
        problems.append(f"blocks: {len(blocks)} > {MESSAGE_BLOCKS}")
    for index, block in enumerate(blocks):
        problems += [f"blocks.{index}: {p}" for p in _block_problems(block)]
    return problems


def _block_problems(block: dict[str, Any]) -> list[str]:
    kind = block.get("type")
    if kind == "section":
        return _section_problems(block)
    if kind == "header":
        return _text_problems(block.get("text"), HEADER, "header")
    if kind == "context":
        elements = block.get("elements") or []
        found = [f"context: {len(elements)} elements"] if not 0 < len(elements) <= CONTEXT_ELEMENTS else []
        return found + [p for e in elements for p in _text_problems(e, TEXT, "context")]
    if kind == "actions":
        return _actions_problems(block.get("elements") or [])
    if kind == "rich_text":
        return [] if block.get("elements") else ["rich_text without elements"]
    return [f"unexpected block type {kind!r}"]


def _section_problems(block: dict[str, Any]) -> list[str]:
    fields = block.get("fields")
    if fields is not None:
        found = [f"fields: {len(fields)} > {FIELDS}"] if not 0 < len(fields) <= FIELDS else []
        return found + [p for f in fields for p in _text_problems(f, FIELD, "field")]
    return _text_problems(block.get("text"), TEXT, "section")


def _actions_problems(elements: list[dict[str, Any]]) -> list[str]:
    problems = [f"actions: {len(elements)} elements"] if not 0 < len(elements) <= ACTION_ELEMENTS else []
    ids = [e.get("action_id") for e in elements]
    if len(ids) != len(set(ids)):
        problems.append("action_ids must be unique")
    for element in elements:
        problems += _text_problems(element.get("text"), BUTTON_TEXT, "button")
        if len(element.get("value", "")) > BUTTON_VALUE or len(element.get("action_id", "")) > ACTION_ID:
            problems.append("button value or action_id too long")
    return problems


def _text_problems(text: Any, limit: int, where: str) -> list[str]:
    if not isinstance(text, dict) or not isinstance(text.get("text"), str):
        return [f"{where}: no text object"]
    size = len(text["text"])
    if size == 0 or size > limit:
        return [f"{where}: {size} characters (1..{limit})"]
    return []
