"""Time `content import` of a large Open edX export, and the size of the pack it makes.

    .venv/bin/python benchmarks/import_course.py                      # 12 weeks, 4 videos each
    .venv/bin/python benchmarks/import_course.py --weeks 30 --videos 6 --cues 600

The export is generated in the OLX layout (course.xml, chapter/sequential/vertical
files, html, video and problem components, .srt transcripts in static/) and packed as
Studio does, a .tar.gz. The timing covers the safe extraction, reading, merging into a
new pack, writing and the reload check (not the search index). Then the same export
is imported again into the pack it made, the re-import case. Not a test: it prints figures.
"""

from __future__ import annotations

import argparse
import sys
import tarfile
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.course.importers.run import import_draft
from bot.course.importers.sources import read_source


def srt(cues: int, week: int, video: int) -> str:
    blocks = []
    for n in range(cues):
        start, end = n * 4, n * 4 + 3
        blocks.append(f"{n + 1}\n{_clock(start)} --> {_clock(end)}\n"
                      f"Week {week} video {video}, line {n}: soil, water and seeds.\n")
    return "\n".join(blocks)


def _clock(seconds: int) -> str:
    return f"{seconds // 3600:02d}:{seconds // 60 % 60:02d}:{seconds % 60:02d},000"


def write_export(root: Path, weeks: int, videos: int, cues: int) -> None:
    files: dict[str, str] = {"course.xml": '<course url_name="run"/>'}
    chapters = "".join(f'<chapter url_name="c{w}"/>' for w in range(1, weeks + 1))
    files["course/run.xml"] = f'<course display_name="Benchmark course">{chapters}</course>'
    for w in range(1, weeks + 1):
        files[f"chapter/c{w}.xml"] = (
            f'<chapter display_name="Week {w} topic"><sequential url_name="s{w}"/></chapter>')
        units = "".join(f'<vertical url_name="v{w}-{v}"/>' for v in range(1, videos + 1))
        files[f"sequential/s{w}.xml"] = f'<sequential display_name="Lesson {w}">{units}</sequential>'
        for v in range(1, videos + 1):
            files[f"vertical/v{w}-{v}.xml"] = (
                f'<vertical display_name="Unit {w}.{v}"><html filename="h{w}-{v}"/>'
                f'<video display_name="Talk {w}.{v}"><transcript language="en" src="t{w}-{v}.srt"/></video>'
                f'<problem url_name="p{w}-{v}"/></vertical>')
            files[f"html/h{w}-{v}.html"] = f"<p>Unit {w}.{v} text. " + "More words here. " * 40 + "</p>"
            files[f"static/t{w}-{v}.srt"] = srt(cues, w, v)
            files[f"problem/p{w}-{v}.xml"] = (
                '<problem><multiplechoiceresponse><label>Pick one</label><choicegroup>'
                '<choice correct="true">Yes</choice><choice correct="false">No</choice>'
                '</choicegroup></multiplechoiceresponse></problem>')
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--weeks", type=int, default=12)
    parser.add_argument("--videos", type=int, default=4)
    parser.add_argument("--cues", type=int, default=300)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        write_export(folder / "export" / "course", args.weeks, args.videos, args.cues)
        archive = folder / "course.tar.gz"
        with tarfile.open(archive, "w:gz") as tar:
            tar.add(folder / "export" / "course", arcname="course")
        pack = folder / "content" / "benchmark"
        for label in ("new pack", "re-import"):
            began = time.perf_counter()
            draft = read_source([archive])
            import_draft(pack, draft)
            took = time.perf_counter() - began
            print(f"{label}: {took:.2f} s for {len(draft.weeks)} weeks, {draft.videos} videos, "
                  f"{draft.cues} cues, {len(draft.quiz)} quiz items")
        size = sum(p.stat().st_size for p in pack.rglob("*") if p.is_file())
        print(f"archive {archive.stat().st_size / 1024:.0f} KiB; pack {size / 1024:.0f} KiB "
              f"in {sum(1 for p in pack.rglob('*') if p.is_file())} files")


if __name__ == "__main__":
    main()
