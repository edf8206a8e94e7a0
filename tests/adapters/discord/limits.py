"""Discord's documented message limits, checked the way Discord checks them (400 when broken)."""

from __future__ import annotations

import re
from typing import Any

CONTENT = 2000
EMBEDS = 10
TITLE = 256
DESCRIPTION = 4096
FIELDS = 25
FIELD_NAME = 256
FIELD_VALUE = 1024
FOOTER = 2048
AUTHOR = 256
EMBED_TOTAL = 6000  # across all embeds of one message
ROWS = 5
BUTTONS_PER_ROW = 5
LABEL = 80
CUSTOM_ID = 100
ATTACHMENTS = 10


def problems_with_message(message: dict[str, Any], files: list[Any]) -> list[str]:
    problems: list[str] = []
    content = message.get("content") or ""
    embeds = message.get("embeds") or []
    components = message.get("components") or []
    if len(content) > CONTENT:
        problems.append(f"content: {len(content)} > {CONTENT}")
    # Discord ignores white space: a message of spaces is an empty message (error 50006).
    if not (content.strip() or embeds or files or components or message.get("attachments")):
        problems.append("empty message")
    if len(embeds) > EMBEDS:
        problems.append(f"embeds: {len(embeds)} > {EMBEDS}")
    total = 0
    for index, embed in enumerate(embeds):
        problems += [f"embeds.{index}.{p}" for p in _embed_problems(embed)]
        total += embed_size(embed)
    if total > EMBED_TOTAL:
        problems.append(f"embeds: {total} characters > {EMBED_TOTAL}")
    problems += _component_problems(components)
    if len(files) > ATTACHMENTS:
        problems.append(f"files: {len(files)} > {ATTACHMENTS}")
    return problems


ROLE_MENTION = re.compile(r"<@&(\d+)>")


def mention_problems(message: dict[str, Any]) -> list[str]:
    """Our rule, stricter than Discord: every message says what it may ping, and that is
    nothing, or the one role its content mentions (a group's chosen `group ping`).

    Discord's own rules come first: `parse` may not name a type that is also listed
    ("roles" with a roles list), and a list holds at most 100 ids."""
    allowed = message.get("allowed_mentions")
    if not isinstance(allowed, dict):
        return ["allowed_mentions: missing, so Discord would ping whatever the text mentions"]
    problems = []
    parse = allowed.get("parse")
    for kind in ("users", "roles"):
        if kind in (parse or []) and kind in allowed:
            problems.append(f"allowed_mentions: parse and {kind} are mutually exclusive")
        if len(allowed.get(kind) or []) > 100:
            problems.append(f"allowed_mentions.{kind}: more than 100")
    if parse != []:
        problems.append(f"allowed_mentions.parse must be [] (it lets Discord ping {parse!r})")
    if allowed.get("users") or allowed.get("replied_user"):
        problems.append("allowed_mentions: users may never be pinged")
    roles = [str(r) for r in allowed.get("roles") or []]
    mentioned = ROLE_MENTION.findall(message.get("content") or "")
    if len(roles) > 1 or not set(roles) <= set(mentioned):
        problems.append(f"allowed_mentions.roles {roles} must be the one role the content mentions")
    return problems


def embed_size(embed: dict[str, Any]) -> int:
    fields = embed.get("fields") or []
    return (len(embed.get("title") or "") + len(embed.get("description") or "")
            + sum(len(f["name"]) + len(f["value"]) for f in fields)
            + len((embed.get("footer") or {}).get("text") or "")
            + len((embed.get("author") or {}).get("name") or ""))


def _embed_problems(embed: dict[str, Any]) -> list[str]:
    problems = []
    shown = ("title", "description", "fields", "image", "thumbnail", "footer", "author")
    if not any(embed.get(key) for key in shown):
        problems.append("embed is empty")
    for key, limit in (("title", TITLE), ("description", DESCRIPTION)):
        if len(embed.get(key) or "") > limit:
            problems.append(f"{key}: {len(embed[key])} > {limit}")
    fields = embed.get("fields") or []
    if len(fields) > FIELDS:
        problems.append(f"fields: {len(fields)} > {FIELDS}")
    for index, field in enumerate(fields):
        if not field.get("name") or not field.get("value"):
            problems.append(f"fields.{index}: name and value are required")
        if len(field.get("name") or "") > FIELD_NAME or len(field.get("value") or "") > FIELD_VALUE:
            problems.append(f"fields.{index}: too long")
    return problems


def _component_problems(rows: list[dict[str, Any]]) -> list[str]:
    problems = []
    if len(rows) > ROWS:
        problems.append(f"components: {len(rows)} rows > {ROWS}")
    custom_ids = [c.get("custom_id") for row in rows for c in row.get("components", [])]
    if len(custom_ids) != len(set(custom_ids)):
        problems.append("components: custom_ids must be unique")
    for row in rows:
        buttons = row.get("components", [])
        if len(buttons) > BUTTONS_PER_ROW:
            problems.append(f"components: {len(buttons)} buttons in a row > {BUTTONS_PER_ROW}")
        for button in buttons:
            if len(button.get("label") or "") > LABEL or len(button.get("custom_id") or "") > CUSTOM_ID:
                problems.append(f"button too long: {button.get('custom_id')!r}")
    return problems


# Application commands (CHAT_INPUT), as Discord validates them when they are synced.
COMMAND_NAME = r"[-_'\w]{1,32}"
COMMAND_DESCRIPTION = 100
COMMAND_OPTIONS = 25
COMMAND_CHOICES = 25
COMMAND_TOTAL = 4000  # names, descriptions and choice values of a command and all its options
SUB_COMMAND, SUB_COMMAND_GROUP = 1, 2


def problems_with_command(command: dict[str, Any]) -> list[str]:
    problems = _option_problems(command, "", depth=0)
    total = command_size(command)
    if total > COMMAND_TOTAL:
        problems.append(f"{command['name']}: {total} characters > {COMMAND_TOTAL}")
    return problems


def command_size(option: dict[str, Any]) -> int:
    size = len(option.get("name", "")) + len(option.get("description", ""))
    size += sum(len(c["name"]) + len(str(c["value"])) for c in option.get("choices") or [])
    return size + sum(command_size(o) for o in option.get("options") or [])


def _option_problems(option: dict[str, Any], path: str, depth: int) -> list[str]:
    path = f"{path}.{option.get('name')}" if path else str(option.get("name"))
    problems = []
    name, name_ok = option.get("name", ""), re.fullmatch(COMMAND_NAME, option.get("name", ""))
    if not name_ok or name != name.lower():
        problems.append(f"{path}: bad name")
    if not 1 <= len(option.get("description", "")) <= COMMAND_DESCRIPTION:
        problems.append(f"{path}: description must be 1-{COMMAND_DESCRIPTION} characters")
    children = option.get("options") or []
    if len(children) > COMMAND_OPTIONS:
        problems.append(f"{path}: {len(children)} options > {COMMAND_OPTIONS}")
    if len(option.get("choices") or []) > COMMAND_CHOICES:
        problems.append(f"{path}: more than {COMMAND_CHOICES} choices")
    if option.get("choices") and option.get("autocomplete"):
        problems.append(f"{path}: choices and autocomplete together")
    kinds = [c.get("type") for c in children]
    nested = [k in (SUB_COMMAND, SUB_COMMAND_GROUP) for k in kinds]
    if any(nested) and not all(nested):
        problems.append(f"{path}: subcommands mixed with plain options")
    if SUB_COMMAND_GROUP in kinds and depth > 0:
        problems.append(f"{path}: a subcommand group may only sit right under the command")
    plain = [c for c in children if c.get("type") not in (SUB_COMMAND, SUB_COMMAND_GROUP)]
    required = [bool(c.get("required")) for c in plain]
    if required != sorted(required, reverse=True):
        problems.append(f"{path}: required options must come before optional ones")
    for child in children:
        problems += _option_problems(child, path, depth + 1)
    return problems
