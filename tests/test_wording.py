"""No core or adapter text names a particular course: wording comes from the pack.

Every string literal in bot/ and adapters/ (docstrings aside, which are for us) is
checked for the bundled course's names, its canvas and its canvas's block names.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from bot.course.loader import load_pack
from tests.packs import SMART_CITIES

ROOT = Path(__file__).resolve().parents[1]
COURSE_WORDS = ("smart cit", "smart-cit", "business model", "lorraine", "milton keynes", "mk:smart",
                "openlearn course")


def _course_strings() -> tuple[str, ...]:
    # Block names of two words or more ("key partners"); a one-word name such as
    # "Channels" is also an everyday word the code needs.
    course = load_pack(SMART_CITIES)
    names = {b.name.lower() for b in course.canvas} | {a for b in course.canvas for a in b.aliases}
    return COURSE_WORDS + tuple(sorted(name for name in names if " " in name))


def _literals(file: Path) -> list[tuple[int, str]]:
    tree = ast.parse(file.read_text(encoding="utf-8"))
    docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                  if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
                  and node.body and isinstance(node.body[0], ast.Expr)
                  and isinstance(node.body[0].value, ast.Constant)}
    return [(node.lineno, node.value) for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings]


def _sources() -> list[Path]:
    return sorted(p for folder in ("bot", "adapters") for p in (ROOT / folder).rglob("*.py")
                  if "migrations" not in p.parts)


@pytest.mark.parametrize("source", _sources(), ids=lambda p: str(p.relative_to(ROOT)))
def test_no_core_or_adapter_string_names_a_course(source: Path) -> None:
    words = _course_strings()
    found = [f"{source.relative_to(ROOT)}:{line}: {text[:60]!r}" for line, text in _literals(source)
             if any(word in text.lower() for word in words)]
    assert found == [], "course wording belongs in the content pack:\n" + "\n".join(found)


def test_the_check_would_catch_a_block_name() -> None:
    assert "key partners" in _course_strings() and "kp" not in _course_strings()
