"""A project canvas as a PNG: blocks where the course's pack places them, or a grid.

Sized to stay readable when a chat client shows it as a preview. Text is wrapped to
its block by measuring it with the fonts (bot.render.font_chain: every script in the
first font that has it); each block is drawn on its own tile, so even a glyph taller
than the font says cannot spill into a neighbour. Every block's name is set in one
size, the largest at which all of them fit. Blocks with more than fits end in "+N
more". CPU-bound: call it through asyncio.to_thread.
"""

from __future__ import annotations

import io
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from PIL import Image, ImageDraw

from bot.course.models import CANVAS_COLUMNS, CANVAS_ROWS, Placement
from bot.render.font_chain import FontChain
from bot.render.text_fit import ellipsize, wrap

WIDTH, HEIGHT = 1600, 1000
MARGIN, HEADER, GAP = 24, 104, 10
BORDER, PADDING, BAND = 2, 14, 6
HEADER_SIZE, SUBTITLE_SIZE, TITLE_SIZE, SMALLEST_TITLE_SIZE, TEXT_SIZE = 36, 21, 23, 17, 20
LINE_SPACING = 5
MAX_ENTRY_LINES = 4
MAX_HINT_LINES = 3
BULLET = "•  "

PAPER, TILE, INK, MUTED, EDGE = "#f4f1ea", "#ffffff", "#1f2328", "#6a6f76", "#3d5a80"
BANDS = {"partners": "#2a9d8f", "value": "#e76f51", "customers": "#3d5a80", "money": "#7b5ea7"}
# Joiners, variation selectors, skin tones and tags only make sense to an emoji font.
INVISIBLE = {0x200D, 0x200C, *range(0xFE00, 0xFE10), *range(0x1F3FB, 0x1F400),
             *range(0xE0000, 0xE0080)}


@dataclass(frozen=True)
class PictureBlock:
    id: str
    title: str
    entries: tuple[str, ...]
    # Shown in grey when the block is empty: a guiding question.
    hint: str = ""
    # Where the pack puts the block on the CANVAS_COLUMNS x CANVAS_ROWS grid.
    place: Placement | None = None


@dataclass(frozen=True)
class CanvasPicture:
    title: str
    subtitle: str
    blocks: tuple[PictureBlock, ...]


@dataclass(frozen=True)
class Box:
    left: int
    top: int
    right: int
    bottom: int

    @property
    def width(self) -> int:
        return self.right - self.left

    @property
    def height(self) -> int:
        return self.bottom - self.top

    def holds(self, bbox: tuple[float, float, float, float]) -> bool:
        left, top, right, bottom = bbox
        return self.left <= left and self.top <= top and right <= self.right and bottom <= self.bottom


@dataclass(frozen=True)
class Line:
    """One line of text at a position inside its block's tile."""

    text: str
    x: int
    y: int
    role: str


@dataclass(frozen=True)
class Fonts:
    header: FontChain
    subtitle: FontChain
    title: FontChain
    text: FontChain

    @staticmethod
    def load(title_size: int = TITLE_SIZE) -> Fonts:
        return Fonts(FontChain.load(HEADER_SIZE, bold=True), FontChain.load(SUBTITLE_SIZE),
                     FontChain.load(title_size, bold=True), FontChain.load(TEXT_SIZE))

    @staticmethod
    def for_blocks(blocks: Sequence[PictureBlock]) -> Fonts:
        """Fonts whose title size lets every block's name fit its block, if any size does."""
        widths = [content_box(box).width - 2 * PADDING for box, _ in block_boxes(blocks)]
        for size in range(TITLE_SIZE, SMALLEST_TITLE_SIZE - 1, -1):
            title = FontChain.load(size, bold=True)
            if all(title.getlength(clean(b.title)) <= w for b, w in zip(blocks, widths, strict=True)):
                break
        return Fonts.load(size)

    def of(self, role: str) -> FontChain:
        return self.title if role == "title" else self.text


def render_canvas_png(picture: CanvasPicture) -> bytes:
    fonts = Fonts.for_blocks(picture.blocks)
    image = Image.new("RGB", (WIDTH, HEIGHT), PAPER)
    draw = ImageDraw.Draw(image)
    _draw_header(draw, picture, fonts)
    for block, (box, band) in zip(picture.blocks, block_boxes(picture.blocks), strict=True):
        _draw_block(image, box, band, block_lines(block, box, fonts), fonts)
    out = io.BytesIO()
    image.save(out, "PNG", optimize=False, compress_level=6)
    return out.getvalue()


def block_boxes(blocks: Sequence[PictureBlock]) -> list[tuple[Box, str]]:
    """Where each block goes: as the pack places them, or a plain grid when it does not."""
    places = [b.place for b in blocks]
    if places and all(places):
        return [(_grid_box(p.column, p.row, p.width, p.height, columns=CANVAS_COLUMNS,
                           rows=CANVAS_ROWS), p.band) for p in places if p is not None]
    columns = 3
    rows = max(1, -(-len(blocks) // columns))
    return [(_grid_box(i % columns, i // columns, 1, 1, columns=columns, rows=rows), "customers")
            for i in range(len(blocks))]


def _grid_box(column: int, row: int, wide: int, high: int, *, columns: int, rows: int) -> Box:
    cell_w = (WIDTH - 2 * MARGIN) / columns
    cell_h = (HEIGHT - HEADER - MARGIN) / rows
    left = MARGIN + column * cell_w
    top = HEADER + row * cell_h
    return Box(round(left + GAP / 2), round(top + GAP / 2),
               round(left + wide * cell_w - GAP / 2), round(top + high * cell_h - GAP / 2))


def content_box(box: Box) -> Box:
    """The tile inside a block's border and colour band, in picture coordinates."""
    return Box(box.left + BORDER, box.top + BORDER + BAND, box.right - BORDER, box.bottom - BORDER)


def block_lines(block: PictureBlock, box: Box, fonts: Fonts) -> list[Line]:
    """The lines of one block, positioned inside its tile, never past its bottom."""
    tile = content_box(box)
    width = tile.width - 2 * PADDING
    row_height = _line_height(fonts.text)
    lines = [_title_line(clean(block.title), fonts, width)]
    top = PADDING + _line_height(fonts.title) + LINE_SPACING
    capacity = max(0, (tile.height - top - PADDING) // row_height)
    if block.entries:
        rows = _fit_entries(block.entries, fonts.text, width, capacity)
    else:
        hint = wrap(clean(block.hint), fonts.text, width, min(MAX_HINT_LINES, capacity))
        rows = [[(text, 0, "muted")] for text in hint]
    for i, row in enumerate(rows):
        lines += [Line(text, PADDING + x, top + i * row_height, role) for text, x, role in row]
    return lines


def _title_line(title: str, fonts: Fonts, width: int) -> Line:
    """A block's name, in the size every name shares; cut short only past the smallest."""
    return Line(ellipsize(title, fonts.title, width), PADDING, PADDING, "title")


Row = list[tuple[str, int, str]]


def _fit_entries(entries: Sequence[str], font: FontChain, width: int, capacity: int) -> list[Row]:
    """Each row's pieces (text, x, role). While entries remain, one row stays free for
    "+N more"; an entry that does not fit whole is cut short with "…"."""
    indent = round(font.getlength(BULLET))
    rows: list[Row] = []
    for i, entry in enumerate(entries):
        after = len(entries) - i - 1
        room = capacity - len(rows) - (1 if after else 0)
        if room < 1:
            if len(rows) < capacity:
                rows.append([(f"+{len(entries) - i} more", 0, "muted")])
            return rows
        lines = wrap(clean(entry), font, width - indent, min(MAX_ENTRY_LINES, room)) or [""]
        rows.append([(BULLET.strip(), 0, "text"), (lines[0], indent, "text")])
        rows += [[(line, indent, "text")] for line in lines[1:]]
    return rows


def _draw_header(draw: ImageDraw.ImageDraw, picture: CanvasPicture, fonts: Fonts) -> None:
    width = WIDTH - 2 * MARGIN
    fonts.header.draw(draw, (MARGIN, 18), ellipsize(clean(picture.title), fonts.header, width), INK)
    fonts.subtitle.draw(draw, (MARGIN, 18 + _line_height(fonts.header) + 2),
                        ellipsize(clean(picture.subtitle), fonts.subtitle, width), MUTED)


def _draw_block(image: Image.Image, box: Box, band: str, lines: list[Line], fonts: Fonts) -> None:
    draw = ImageDraw.Draw(image)
    draw.rectangle((box.left, box.top, box.right - 1, box.bottom - 1), fill=EDGE)
    draw.rectangle((box.left + BORDER, box.top + BORDER, box.right - BORDER - 1,
                    box.top + BORDER + BAND - 1), fill=BANDS[band])
    tile_box = content_box(box)
    tile = Image.new("RGB", (tile_box.width, tile_box.height), TILE)
    pen = ImageDraw.Draw(tile)
    for line in lines:
        colour = MUTED if line.role == "muted" else INK
        fonts.of(line.role).draw(pen, (line.x, line.y), line.text, colour)
    image.paste(tile, (tile_box.left, tile_box.top))


def _line_height(font: FontChain) -> int:
    ascent, descent = font.getmetrics()
    return int(ascent + descent + LINE_SPACING)


def clean(text: str) -> str:
    """Drop what no font can draw sensibly: control and format characters, emoji glue."""
    kept = (c for c in text if ord(c) not in INVISIBLE
            and unicodedata.category(c) not in {"Cc", "Cf", "Cs", "Co", "Cn"})
    return " ".join("".join(kept).split())
