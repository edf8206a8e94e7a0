"""Every byte read from an archive counts against one budget, headers and link targets
included, and links are judged without reading a member whole. Peak memory is measured
in a child process with `resource`, so the rest of the test run cannot hide it."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from bot.course.importers.archive import Limits
from bot.course.importers.sources import read_source
from bot.course.pack_writer import ImportProblem
from tests.bot.course.importers.bombs import tar_with_fat_pax_header, zip_with_fat_link

BOMB_MB = 128
# What the import may add to the child's peak memory; a bomb read whole adds BOMB_MB or more.
ALLOWED_GROWTH_MB = 32

MEASURE = textwrap.dedent("""
    import resource, sys
    from pathlib import Path
    from bot.course.importers.archive import Limits
    from bot.course.importers.sources import read_source
    from bot.course.pack_writer import ImportProblem
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    try:
        read_source([Path(sys.argv[1])], limits=Limits(unpacked_bytes=int(sys.argv[2])))
        print("imported")
    except ImportProblem as problem:
        print(problem)
    grown = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
    print(grown // 1024)
""")


def import_in_child(archive: Path, budget: int) -> tuple[str, int]:
    """(what the import said, how many MB its peak memory grew) in a fresh interpreter."""
    done = subprocess.run([sys.executable, "-c", MEASURE, str(archive), str(budget)],
                          capture_output=True, text=True, timeout=120, check=True,
                          cwd=Path(__file__).parents[4])
    said, grown = done.stdout.strip().rsplit("\n", 1)
    return said, int(grown)


def test_a_zip_member_flagged_as_a_link_is_not_read_whole(tmp_path: Path) -> None:
    archive = zip_with_fat_link(tmp_path / "fat-link.imscc", BOMB_MB)
    said, grown = import_in_child(archive, 1 << 20)
    assert "refused: course/static/link.srt is too long for a link" in said
    assert grown < ALLOWED_GROWTH_MB


def test_a_pax_header_bomb_is_refused_before_it_is_read(tmp_path: Path) -> None:
    archive = tar_with_fat_pax_header(tmp_path / "pax.tar.gz", BOMB_MB)
    said, grown = import_in_child(archive, 1 << 30)
    assert "refused: a member header is over" in said
    assert grown < ALLOWED_GROWTH_MB


def test_headers_count_against_the_unpack_budget(tmp_path: Path) -> None:
    """A header small enough to read is still paid for: 2 MB of headers in a 1 MB budget."""
    archive = tar_with_fat_pax_header(tmp_path / "pax.tar.gz", 2)
    limits = Limits(unpacked_bytes=1 << 20, header_bytes=4 << 20)
    with pytest.raises(ImportProblem, match="refused: it unpacks to more than 1 MB"):
        read_source([archive], "olx", limits=limits)


def test_a_pipe_in_a_folder_export_is_refused_not_waited_on(tmp_path: Path) -> None:
    folder = tmp_path / "olx"
    folder.mkdir()
    (folder / "course.xml").write_text('<course url_name="x"/>', encoding="utf-8")
    os.mkfifo(folder / "course")
    with pytest.raises(ImportProblem, match=r"refused: course is a device or pipe, not a file"):
        read_source([folder], "olx")
