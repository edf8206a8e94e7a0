"""Time `content import` of a large Open edX export, and the size of the pack it makes.

    .venv/bin/python benchmarks/import_course.py          # 100 lectures of 10 minutes, 600 questions
    .venv/bin/python benchmarks/import_course.py --weeks 30 --videos 6 --cues 600 --questions 2
    .venv/bin/python benchmarks/import_course.py --real ~/exports --real-only   # real exports

With `--real DIR`, every export in DIR (a folder, .tar.gz, .zip, .imscc, or a folder of
captions; kept outside the repository) is also imported into a new pack, and a table
says per course: weeks (with text / all), quiz items kept / convertible (convertible:
kept, plus those skipped for breaking a rule rather than for their kind), videos with a
transcript / present (present: with a transcript, plus those kept as a link to watch),
what was skipped by reason, seconds (read, merge, write and reload, a first run) and
peak memory (Python's own allocations, by tracemalloc, in a second run).

The export is generated in the OLX layout (course.xml, chapter/sequential/vertical
files, html, video and problem components, .srt transcripts in static/) and packed as
Studio does, a .tar.gz. The timing covers the safe extraction, reading, merging into a
new pack, writing and the reload check; then, as `content import` does, the search
index is built and (with semantic lookup installed) every new passage is encoded. Then
the same export is imported again into the pack it made, the re-import case, which
encodes nothing. Not a test: it prints figures.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import tarfile
import tempfile
import time
import tracemalloc
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.course.importers.draft import CourseDraft
from bot.course.importers.run import import_draft
from bot.course.importers.sources import read_source
from bot.course.pack_writer import ImportProblem
from bot.search.batch import Searcher
from bot.search.settings import LookupSettings


def srt(cues: int, week: int, video: int) -> str:
    blocks = []
    for n in range(cues):
        start, end = n * 4, n * 4 + 3
        blocks.append(f"{n + 1}\n{_clock(start)} --> {_clock(end)}\n"
                      f"Week {week} video {video}, line {n}: soil, water and seeds.\n")
    return "\n".join(blocks)


def _clock(seconds: int) -> str:
    return f"{seconds // 3600:02d}:{seconds // 60 % 60:02d}:{seconds % 60:02d},000"


def write_export(root: Path, weeks: int, videos: int, cues: int, questions: int = 1) -> None:
    files: dict[str, str] = {"course.xml": '<course url_name="run"/>'}
    chapters = "".join(f'<chapter url_name="c{w}"/>' for w in range(1, weeks + 1))
    files["course/run.xml"] = f'<course display_name="Benchmark course">{chapters}</course>'
    for w in range(1, weeks + 1):
        files[f"chapter/c{w}.xml"] = (
            f'<chapter display_name="Week {w} topic"><sequential url_name="s{w}"/></chapter>')
        units = "".join(f'<vertical url_name="v{w}-{v}"/>' for v in range(1, videos + 1))
        files[f"sequential/s{w}.xml"] = f'<sequential display_name="Lesson {w}">{units}</sequential>'
        for v in range(1, videos + 1):
            problems = "".join(f'<problem url_name="p{w}-{v}-{q}"/>' for q in range(questions))
            files[f"vertical/v{w}-{v}.xml"] = (
                f'<vertical display_name="Unit {w}.{v}"><html filename="h{w}-{v}"/>'
                f'<video display_name="Talk {w}.{v}"><transcript language="en" src="t{w}-{v}.srt"/></video>'
                f'{problems}</vertical>')
            files[f"html/h{w}-{v}.html"] = f"<p>Unit {w}.{v} text. " + "More words here. " * 40 + "</p>"
            files[f"static/t{w}-{v}.srt"] = srt(cues, w, v)
            for q in range(questions):
                files[f"problem/p{w}-{v}-{q}.xml"] = (
                    f'<problem><multiplechoiceresponse><label>Unit {w}.{v}, question {q}: pick one'
                    '</label><choicegroup><choice correct="true">Yes</choice>'
                    '<choice correct="false">No</choice></choicegroup></multiplechoiceresponse></problem>')
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--weeks", type=int, default=25)
    parser.add_argument("--videos", type=int, default=4, help="videos (units) a week")
    parser.add_argument("--cues", type=int, default=150, help="4-second cues a video")
    parser.add_argument("--questions", type=int, default=6, help="quiz questions a unit")
    parser.add_argument("--no-semantic", action="store_true", help="lexical index only")
    parser.add_argument("--real", type=Path, help="a folder of real course exports to import too")
    parser.add_argument("--real-only", action="store_true", help="only the real exports")
    args = parser.parse_args()
    if args.real is not None and args.real.is_dir():
        real_exports(args.real)
    if args.real_only:
        return
    lookup = LookupSettings(STUDYBOT_SEMANTIC="off" if args.no_semantic else "auto")
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        write_export(folder / "export" / "course", args.weeks, args.videos, args.cues, args.questions)
        archive = folder / "course.tar.gz"
        with tarfile.open(archive, "w:gz") as tar:
            tar.add(folder / "export" / "course", arcname="course")
        pack = folder / "content" / "benchmark"
        lookup = lookup.model_copy(update={"cache_dir": folder / "cache"})
        for label in ("new pack", "re-import"):
            began = time.perf_counter()
            draft = read_source([archive])
            import_draft(pack, draft)
            took = time.perf_counter() - began
            print(f"{label}: {took:.2f} s for {len(draft.weeks)} weeks, {draft.videos} videos, "
                  f"{draft.cues} cues, {len(draft.quiz)} quiz items")
            indexed = time.perf_counter()
            searcher = Searcher(pack, lookup)
            done = time.perf_counter()
            rate = f", {searcher.encoded / (done - indexed):.1f} a second" if searcher.encoded else ""
            print(f"  search index: {done - indexed:.1f} s for {len(searcher.index)} passages, "
                  f"{searcher.encoded} encoded{rate} (semantic {'on' if searcher.encoder else 'off'}); "
                  f"import and index {done - began:.1f} s in all; load average "
                  + " ".join(f"{x:.1f}" for x in os.getloadavg()))
        size = sum(p.stat().st_size for p in pack.rglob("*") if p.is_file())
        print(f"archive {archive.stat().st_size / 1024:.0f} KiB; pack {size / 1024:.0f} KiB "
              f"in {sum(1 for p in pack.rglob('*') if p.is_file())} files")


# Reasons a question is skipped for its kind, not for breaking a rule: not convertible.
KIND_REASONS = ("has no quiz equivalent", "cannot be marked", "asks nothing we can check")


def real_exports(folder: Path) -> None:
    print("| course | weeks (text/all) | quiz kept/convertible | videos transcript/present "
          "| skipped by reason | seconds | peak MB |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for source in sorted(folder.iterdir()):
        try:
            draft, took = _import_once(source)
        except ImportProblem as problem:
            print(f"| {source.name} | refused: {str(problem).splitlines()[0][-90:]} | | | | | |")
            continue
        tracemalloc.start()  # a second run for memory: tracing slows the first one's timing
        _import_once(source)
        peak = tracemalloc.get_traced_memory()[1] / (1024 * 1024)
        tracemalloc.stop()
        print(f"| {source.name} | {_row(draft)} | {took:.2f} | {peak:.1f} |")


def _import_once(source: Path) -> tuple[CourseDraft, float]:
    with tempfile.TemporaryDirectory() as temp:
        began = time.perf_counter()
        draft = read_source([source])
        import_draft(Path(temp) / "pack", draft)
        return draft, time.perf_counter() - began


def _row(draft: CourseDraft) -> str:
    with_text = sum(1 for week in draft.weeks if week.body)
    questions = [s for s in draft.skipped if s.what.startswith(("quiz item", "question", "problem"))]
    convertible = len(draft.quiz) + sum(1 for s in questions if not any(k in s.why for k in KIND_REASONS))
    links = sum(1 for w in draft.weeks for a in w.activities if str(a.get("title", "")).startswith("Video: "))
    reasons = Counter(_reason(s.why) for s in draft.skipped)
    said = "; ".join(f"{why} ×{n}" for why, n in reasons.most_common()) or "none"
    return (f"{with_text}/{len(draft.weeks)} | {len(draft.quiz)}/{convertible} | "
            f"{draft.videos}/{draft.videos + links} | {said}")


def _reason(why: str) -> str:
    """A reason without its particulars (file names, counts), to count alike ones together."""
    first = re.sub(r"\s*\([^)]*\)?", "", why.split(";")[0])
    return " ".join("N" if word.strip(".,").isdigit() else word for word in first.split())[:60]


if __name__ == "__main__":
    main()
