"""`studybot chat` reads and writes under any locale or PYTHONIOENCODING: a byte that is
not text becomes U+FFFD, a character the terminal cannot show becomes `?`, and a byte
order mark at the start of piped input is not part of the first message."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

BULLET = "•"


def chat(database_url: str, stdin: bytes, encoding: str) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "DATABASE_URL": database_url, "PYTHONIOENCODING": encoding,
           "LC_ALL": "C", "LANG": "C"}
    return subprocess.run([sys.executable, "-m", "adapters.cli", "chat"], input=stdin,
                          capture_output=True, env=env, timeout=60)


@pytest.mark.parametrize("encoding", ["utf-8:strict", "ascii:strict"])
def test_a_bad_byte_does_not_end_the_chat(database_url: str, encoding: str) -> None:
    done = chat(database_url, b"course smart-cities\nweek 5\n\xff\xfe caf\xe9\nweek 6\n", encoding)
    assert done.returncode == 0, done.stderr.decode(errors="replace")
    assert b"Week 5: Smart leadership and strategy" in done.stdout
    assert b"Week 6: Smart measurement and learning" in done.stdout
    assert b"Traceback" not in done.stderr


def test_what_the_terminal_cannot_show_is_replaced_not_fatal(database_url: str) -> None:
    done = chat(database_url, b"course smart-cities\nweeks\n", "ascii:strict")
    assert done.returncode == 0, done.stderr.decode(errors="replace")
    assert b"Smart cities: 6 weeks" in done.stdout
    assert BULLET.encode() not in done.stdout and b"Traceback" not in done.stderr


def test_a_byte_order_mark_is_not_part_of_the_first_message(database_url: str) -> None:
    done = chat(database_url, "\ufeffcourse smart-cities\nweek 5\n".encode(), "utf-8:strict")
    assert done.returncode == 0
    assert not done.stdout.startswith(b"I don't know")
    assert b"Week 5: Smart leadership and strategy" in done.stdout
