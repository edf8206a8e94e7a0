"""Start-up time and memory of `studybot chat` as the number of installed courses grows.

Runs `studybot chat` in a fresh process with one scripted message ("help"), for: one
pack, the bundled content folder (both courses), and a folder of N copies of the Smart cities
pack (each with its own course id). Each case runs cold (an empty lookup cache, so every
index is built) and warm (the cache the cold run left). Prints wall time to the first
reply, wall time to exit, and the process's peak resident memory.

    python benchmarks/startup.py [--copies 20] [--repeat 3]
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BUNDLED = ROOT / "content"
STUDYBOT = Path(sys.executable).parent / "studybot"


def copies_of_smart_cities(folder: Path, count: int) -> Path:
    for number in range(1, count + 1):
        pack = folder / f"city-{number:02d}"
        shutil.copytree(BUNDLED / "smart-cities", pack)
        course = pack / "course.yaml"
        text = course.read_text(encoding="utf-8").replace("id: smart-cities", f"id: city-{number:02d}", 1)
        course.write_text(text.replace("title: Smart cities", f"title: Smart cities {number}", 1),
                          encoding="utf-8")
    return folder


def run_once(content: Path, work: Path) -> tuple[float, float, float]:
    """(seconds to first reply, seconds to exit, peak RSS in MiB) of one chat process."""
    env = {**os.environ, "STUDYBOT_CONTENT": str(content), "STUDYBOT_CACHE_DIR": str(work / "cache"),
           "DATABASE_URL": f"sqlite:///{work / 'bench.sqlite3'}", "HOME": str(work)}
    # As installed, Python keeps compiled modules; a shell that forbids writing them would
    # time compiling every module of the companion instead of starting it.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    started = time.perf_counter()
    process = subprocess.Popen([str(STUDYBOT), "chat"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                               stderr=subprocess.DEVNULL, env=env, cwd=work)
    assert process.stdin is not None and process.stdout is not None
    process.stdin.write(b"help\n")
    process.stdin.close()
    process.stdout.readline()
    first = time.perf_counter() - started
    process.stdout.read()
    process.wait()
    finished = time.perf_counter() - started
    peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return first, finished, peak_kib / 1024


def measure(label: str, content: Path, repeat: int) -> None:
    for state in ("cold", "warm"):
        firsts, totals, peaks = [], [], []
        for _ in range(repeat):
            with tempfile.TemporaryDirectory() as scratch:
                work = Path(scratch)
                if state == "warm":
                    run_once(content, work)  # fills the lookup cache
                # ru_maxrss is the largest child so far: run each measured process in a
                # fresh interpreter so earlier, bigger runs do not mask it.
                first, total, peak = _isolated(content, work)
            firsts.append(first)
            totals.append(total)
            peaks.append(peak)
        print(f"{label:<28} {state:<5} first reply {statistics.median(firsts):6.2f} s   "
              f"exit {statistics.median(totals):6.2f} s   peak RSS {max(peaks):7.1f} MiB")


def _isolated(content: Path, work: Path) -> tuple[float, float, float]:
    code = (f"import sys; from pathlib import Path; sys.path.insert(0, {str(ROOT)!r}); "
            "from benchmarks.startup import run_once; "
            f"print(*run_once(Path({str(content)!r}), Path({str(work)!r})))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    first, total, peak = (float(x) for x in out.stdout.split())
    return first, total, peak


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=20)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    measure("one pack (Smart cities)", BUNDLED / "smart-cities", args.repeat)
    measure("bundled (2 courses)", BUNDLED, args.repeat)
    with tempfile.TemporaryDirectory() as scratch:
        folder = copies_of_smart_cities(Path(scratch), args.copies)
        measure(f"{args.copies} x Smart cities", folder, args.repeat)


if __name__ == "__main__":
    main()
