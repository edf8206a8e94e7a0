"""Request bodies checked against Discord's own OpenAPI request schemas (openapi/requests.json).

A small JSON Schema checker for the keywords those schemas use (type, const, enum,
properties, required, additionalProperties, items, the length, size and range bounds,
pattern, $ref, allOf, anyOf, oneOf). discord.py's documented wire forms are read as
Discord reads them: a snowflake sent as a JSON integer counts as its decimal string,
and a boolean sent as "1"/"0" (query strings) as true/false.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Any

SPEC = Path(__file__).parent / "openapi" / "requests.json"
Schema = dict[str, Any]
TYPES: dict[str, tuple[type, ...]] = {"object": (dict,), "array": (list,), "string": (str,),
                                      "integer": (int,), "number": (int, float), "boolean": (bool,),
                                      "null": (type(None),)}


@cache
def spec() -> dict[str, Any]:
    return dict(json.loads(SPEC.read_text()))


def operation_of(method: str, path: str) -> Schema | None:
    """The request schema of the operation `method path` is, if it is one we check."""
    for name, schema in spec()["operations"].items():
        wanted_method, template = name.split(" ", 1)
        pattern = re.sub(r"\\\{[a-z_]+\\\}", "[^/]+", re.escape(template))
        if wanted_method == method and re.fullmatch(pattern, path):
            return dict(schema)
    return None


def spec_problems(method: str, path: str, body: Any) -> list[str]:
    """Where `body` breaks the request schema of its operation (none for other operations)."""
    schema = operation_of(method, path)
    return [] if schema is None else problems(body, schema, "body")


def problems(value: Any, schema: Schema, at: str) -> list[str]:
    if "$ref" in schema:
        schema = {**spec()["schemas"][schema["$ref"].rsplit("/", 1)[-1]],
                  **{k: v for k, v in schema.items() if k != "$ref"}}
    value = _as_discord_reads(value, schema)
    found = _type_problems(value, schema, at)
    if found:
        return found
    found += _combined(value, schema, at)
    if "const" in schema and value != schema["const"]:
        found.append(f"{at}: must be {schema['const']!r}")
    if "enum" in schema and value not in schema["enum"]:
        found.append(f"{at}: {value!r} is not one of {schema['enum']}")
    if isinstance(value, str):
        found += _string(value, schema, at)
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        found += _number(value, schema, at)
    elif isinstance(value, list):
        found += _array(value, schema, at)
    elif isinstance(value, dict):
        found += _object(value, schema, at)
    return found


def _as_discord_reads(value: Any, schema: Schema) -> Any:
    if schema.get("format") == "snowflake" and isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if _types(schema) == {"boolean"} and value in ("1", "0"):
        return value == "1"
    return value


def _types(schema: Schema) -> set[str]:
    kind = schema.get("type")
    return set(kind) if isinstance(kind, list) else {kind} if kind else set()


def _type_problems(value: Any, schema: Schema, at: str) -> list[str]:
    kinds = _types(schema)
    if not kinds:
        return []
    for kind in kinds:
        if isinstance(value, TYPES[kind]) and not (kind in ("integer", "number") and isinstance(value, bool)):
            return []
    return [f"{at}: {type(value).__name__} where {sorted(kinds)} is expected"]


def _combined(value: Any, schema: Schema, at: str) -> list[str]:
    found = [p for part in schema.get("allOf", []) for p in problems(value, part, at)]
    for keyword in ("anyOf", "oneOf"):
        options = schema.get(keyword)
        if options and not any(not problems(value, option, at) for option in options):
            # Discord's unions are tagged by a field (`type`), so one option fits at most.
            closest = min((problems(value, option, at) for option in options), key=len)
            found.append(f"{at}: fits none of its {len(options)} forms (nearest: {closest[0]})")
    return found


def _string(value: str, schema: Schema, at: str) -> list[str]:
    found = []
    if len(value) > schema.get("maxLength", len(value)):
        found.append(f"{at}: longer than {schema['maxLength']}")
    if len(value) < schema.get("minLength", 0):
        found.append(f"{at}: shorter than {schema['minLength']}")
    if "pattern" in schema and not re.search(schema["pattern"], value):
        found.append(f"{at}: {value!r} does not match {schema['pattern']}")
    return found


def _number(value: float, schema: Schema, at: str) -> list[str]:
    if value > schema.get("maximum", value) or value < schema.get("minimum", value):
        return [f"{at}: {value} outside {schema.get('minimum')}..{schema.get('maximum')}"]
    return []


def _array(value: list[Any], schema: Schema, at: str) -> list[str]:
    found = []
    least, most = schema.get("minItems", 0), schema.get("maxItems", len(value))
    if not least <= len(value) <= most:
        found.append(f"{at}: {len(value)} items, not within {least}..{most}")
    if schema.get("uniqueItems") and len({json.dumps(v, sort_keys=True) for v in value}) < len(value):
        found.append(f"{at}: items repeat")
    for index, item in enumerate(value):
        found += problems(item, schema.get("items", {}), f"{at}[{index}]")
    return found


def _object(value: dict[str, Any], schema: Schema, at: str) -> list[str]:
    found = [f"{at}.{name}: missing" for name in schema.get("required", []) if name not in value]
    if len(value) > schema.get("maxProperties", len(value)):
        found.append(f"{at}: more than {schema['maxProperties']} fields")
    known = schema.get("properties", {})
    extra = schema.get("additionalProperties", True)
    for name, item in value.items():
        if name in known:
            found += problems(item, known[name], f"{at}.{name}")
        elif extra is False and "allOf" not in schema:
            found.append(f"{at}.{name}: not a field Discord knows here")
        elif isinstance(extra, dict):
            found += problems(item, extra, f"{at}.{name}")
    return found
