"""Time `canvas image`: rendering a full Business Model Canvas to PNG, and its file size.

    .venv/bin/python benchmarks/canvas_render.py                  # 20 runs, full canvas
    .venv/bin/python benchmarks/canvas_render.py --runs 50
    .venv/bin/python benchmarks/canvas_render.py --example docs/canvas-example.png

"Full" means every block at the limit: 20 entries of 500 characters each (mixed Latin,
accents, emoji), so every block wraps, cuts and ends in "+N more". The timing covers
what the handler does in its worker thread (layout, drawing, PNG encoding), using the
same code as the companion. `--example` instead writes a realistic learner's canvas,
built by chatting with the companion in the console grammar. Not a test: it prints figures.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.app import open_companion
from bot.canvas.limits import LIMITS
from bot.canvas.picture import CanvasPicture, PictureBlock, render_canvas_png
from bot.config import BUNDLED_CONTENT, Settings
from bot.course.loader import load_pack
from bot.messages import ChannelRef, Image, Incoming, Platform, TenantRef, UserRef
from bot.render.fonts import font_files

FILLER = ("Residents near the river get an hour's warning 🌊🏠 before flooding, with SMS for "
          "people offline; co-designed with the Mill Road association, café owners and Zürich's "
          "hydrology team. ")
EXAMPLE = [
    "canvas add cs households on the riverside streets of Mill Road",
    "canvas add cs older residents without smartphones",
    "canvas add cs the council's emergency planning team",
    "canvas add vp an hour's warning before the river floods, so cars and belongings can be moved",
    "canvas add vp fewer damaged homes and less worry every winter",
    "canvas add channels app and SMS alerts",
    "canvas add channels a phone call to registered vulnerable residents",
    "canvas add channels notices in the library and community centre",
    "canvas add cr a residents' panel that meets every quarter to review alerts",
    "canvas add cr open reporting of every alert sent and how accurate it was",
    "canvas add revenue a national flood resilience grant for the first two years",
    "canvas add revenue council funding from savings on emergency clean-up",
    "canvas add kr river level sensors on three bridges",
    "canvas add kr the city data hub's rainfall and river feeds",
    "canvas add ka installing and maintaining the sensors",
    "canvas add ka recruiting residents to register for alerts",
    "canvas add ka checking alert accuracy after every flood",
    "canvas add kp the council's drainage team",
    "canvas add kp the university hydrology group",
    "canvas add kp Mill Road residents' association",
    "canvas add costs sensors and their installation",
    "canvas add costs yearly data hosting, SMS charges and a part-time officer",
]


def full_picture(runs_title: str) -> CanvasPicture:
    course = load_pack(BUNDLED_CONTENT / "smart-cities")
    entry = (FILLER * 4)[: LIMITS.entry_chars]
    blocks = tuple(PictureBlock(b.id, b.name, tuple(f"{i + 1}. {entry}"[: LIMITS.entry_chars]
                                                    for i in range(LIMITS.entries_per_block)))
                   for b in course.canvas)
    return CanvasPicture(runs_title, "Business Model Canvas · Smart cities · 1 December 2026", blocks)


def time_renders(runs: int) -> None:
    picture = full_picture("Ada Lovelace's canvas")
    render_canvas_png(picture)  # warm-up: font file read once, as in a running companion
    seconds, size = [], 0
    for _ in range(runs):
        started = time.perf_counter()
        size = len(render_canvas_png(picture))
        seconds.append(time.perf_counter() - started)
    files = font_files()
    print(f"font: {files.name if files else 'Pillow built-in'}")
    print(f"full canvas (9 blocks x {LIMITS.entries_per_block} entries x {LIMITS.entry_chars} chars), "
          f"{runs} runs")
    print(f"median {statistics.median(seconds) * 1000:.1f} ms, min {min(seconds) * 1000:.1f} ms, "
          f"max {max(seconds) * 1000:.1f} ms")
    print(f"PNG size: {size:,} bytes ({size / 1024:.0f} KiB)")


async def write_example(path: Path) -> None:
    with tempfile.TemporaryDirectory() as folder:
        settings = Settings(DATABASE_URL=f"sqlite:///{folder}/example.sqlite3",
                            STUDYBOT_CONTENT=BUNDLED_CONTENT / "smart-cities")
        tenant = TenantRef(Platform.CONSOLE, "local")
        user = UserRef(tenant, "ada", "Ada Lovelace")
        channel = ChannelRef(tenant, "dm-ada", is_direct=True)
        async with open_companion(settings) as companion:
            for line in EXAMPLE:
                await companion.handle(Incoming(user, channel, line))
            reply = await companion.handle(Incoming(user, channel, "canvas image"))
    image = next(p for p in reply.parts if isinstance(p, Image))
    path.write_bytes(image.png)
    print(f"wrote {path} ({len(image.png):,} bytes): {image.alt_text}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--example", type=Path, help="write an example canvas PNG here instead")
    options = parser.parse_args()
    if options.example:
        asyncio.run(write_example(options.example))
    else:
        time_renders(options.runs)


if __name__ == "__main__":
    main()
