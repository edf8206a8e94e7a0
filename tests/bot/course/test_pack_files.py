"""Only regular files inside a pack are read; a pipe, a device or a link out of the pack
is named in one line instead of hanging start-up or being read without a word."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from bot.course.loader import PackError, load_pack
from tests.packs import SMART_CITIES


@pytest.fixture
def pack(tmp_path: Path) -> Path:
    copy = tmp_path / "pack"
    shutil.copytree(SMART_CITIES, copy)
    return copy


def test_a_pipe_in_weeks_is_named_not_waited_on(pack: Path) -> None:
    week = pack / "weeks" / "week-2.md"
    week.unlink()
    os.mkfifo(week)
    # In a child process: before, reading the pipe waited for a writer for ever.
    check = ("import sys; from pathlib import Path; from bot.course.loader import PackError, load_pack\n"
             "try:\n    load_pack(Path(sys.argv[1]))\nexcept PackError as error:\n    print(error)")
    done = subprocess.run([sys.executable, "-c", check, str(pack)], capture_output=True, text=True,
                          timeout=30, cwd=Path(__file__).parents[3])
    assert f"{week}:0: is a named pipe, not a regular file" in done.stdout


def test_a_week_linked_from_outside_the_pack_is_refused(pack: Path, tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere.md"
    shutil.copy(pack / "weeks" / "week-3.md", outside)
    week = pack / "weeks" / "week-3.md"
    week.unlink()
    week.symlink_to(outside)
    with pytest.raises(PackError) as refused:
        load_pack(pack)
    assert [str(p) for p in refused.value.problems] == [
        f"{week}:0: links outside the pack (to {outside}); only files inside the pack are read"]


def test_a_link_inside_the_pack_to_a_regular_file_is_read(pack: Path) -> None:
    (pack / "ideas-copy.yaml").write_bytes((pack / "ideas.yaml").read_bytes())
    (pack / "ideas.yaml").unlink()
    (pack / "ideas.yaml").symlink_to(pack / "ideas-copy.yaml")
    assert load_pack(pack).ideas
