"""Cut the request schemas studybot's Discord traffic needs out of Discord's OpenAPI spec.

    git -C <discord-api-spec clone> show HEAD:specs/openapi.json > /tmp/openapi.json
    python tests/adapters/discord/openapi/extract.py /tmp/openapi.json <commit>

writes `requests.json` beside this file: for each operation the adapter calls with a
body, its JSON request schema, and every component schema those refer to (the whole
spec is over a megabyte; this is a few dozen kilobytes). The spec is MIT-licensed by
Discord (LICENSE beside this file).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

OPERATIONS = (
    ("PUT", "/applications/{application_id}/commands"),
    ("PUT", "/applications/{application_id}/guilds/{guild_id}/commands"),
    ("POST", "/interactions/{interaction_id}/{interaction_token}/callback"),
    ("POST", "/webhooks/{webhook_id}/{webhook_token}"),
    ("PATCH", "/webhooks/{webhook_id}/{webhook_token}/messages/@original"),
    ("POST", "/channels/{channel_id}/messages"),
    ("POST", "/channels/{channel_id}/messages/{message_id}/threads"),
    ("POST", "/users/@me/channels"),
)
PREFIX = "#/components/schemas/"


def references(node: Any) -> set[str]:
    if isinstance(node, dict):
        found = {node["$ref"]} if "$ref" in node else set()
        return found.union(*(references(v) for k, v in node.items() if k != "$ref"))
    if isinstance(node, list):
        return set().union(*(references(v) for v in node))
    return set()


def extract(spec: dict[str, Any], commit: str) -> dict[str, Any]:
    operations = {f"{method} {path}": spec["paths"][path][method.lower()]["requestBody"]["content"]
                  ["application/json"]["schema"] for method, path in OPERATIONS}
    schemas = spec["components"]["schemas"]
    wanted: set[str] = set()
    todo = references(operations)
    while todo:
        name = todo.pop().removeprefix(PREFIX)
        if name not in wanted:
            wanted.add(name)
            todo |= references(schemas[name])
    return {"source": f"github.com/discord/discord-api-spec {commit} specs/openapi.json",
            "openapi": spec["openapi"], "operations": operations,
            "schemas": {name: schemas[name] for name in sorted(wanted)}}


if __name__ == "__main__":
    source, commit = sys.argv[1], sys.argv[2]
    subset = extract(json.loads(Path(source).read_text()), commit)
    (Path(__file__).parent / "requests.json").write_text(json.dumps(subset, indent=1, sort_keys=True) + "\n")
