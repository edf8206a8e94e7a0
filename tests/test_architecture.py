"""The import contracts in pyproject.toml hold, and each one fails when it is broken.

`make lint` runs `lint-imports` on the tree; here it runs on a copy of the tree, once as it
is and once per deliberate violation, so a contract that could never fail is caught too.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"


def copy_tree(to: Path) -> Path:
    for package in ("bot", "adapters"):
        shutil.copytree(ROOT / package, to / package, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", to / "pyproject.toml")
    return to


def lint(tree: Path) -> subprocess.CompletedProcess[str]:
    # The copy comes first on the path, so the contracts are checked against it.
    env = {**os.environ, "PYTHONPATH": str(tree)}
    return subprocess.run([str(LINT_IMPORTS), "--no-cache"], cwd=tree, env=env,
                          capture_output=True, text=True, timeout=120)


def add_line(file: Path, line: str) -> None:
    file.write_text(file.read_text(encoding="utf-8") + f"\n{line}\n", encoding="utf-8")


def test_the_tree_keeps_every_contract(tmp_path: Path) -> None:
    result = lint(copy_tree(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


@pytest.mark.parametrize(("file", "line", "contract"), [
    ("bot/messages.py", "import adapters.slack.inbound", "The core imports no adapter"),
    ("bot/messages.py", "import discord", "The core imports no adapter"),
    ("bot/schedule/clock.py", "import bot.canvas.store", "capabilities above the kernel"),
    ("bot/quiz/service.py", "import bot.canvas.service", "capabilities above the kernel"),
    ("bot/weeks/service.py", "import bot.groups.service", "capabilities above the kernel"),
    ("bot/canvas/store.py", "import bot.canvas.service", "the stores import none of its other modules"),
    ("bot/canvas/store.py", "import bot.weeks.store", "import no other capability"),
    ("bot/store/groups.py", "import bot.app", "capabilities above the kernel"),
])
def test_a_deliberate_violation_breaks_its_contract(tmp_path: Path, file: str, line: str,
                                                    contract: str) -> None:
    tree = copy_tree(tmp_path)
    add_line(tree / file, line)
    result = lint(tree)
    assert result.returncode != 0
    broken = result.stdout.split("Broken contracts", 1)[-1]
    assert contract in broken, result.stdout


def test_a_new_module_in_a_capability_must_be_placed(tmp_path: Path) -> None:
    tree = copy_tree(tmp_path)
    (tree / "bot/canvas/sketch.py").write_text('"""A module no contract names yet."""\n', encoding="utf-8")
    result = lint(tree)
    assert result.returncode != 0
    assert "sketch" in result.stdout
