"""The canvas picture: a valid PNG of a fixed size whose text never leaves its block."""

from __future__ import annotations

import io

import pytest
from PIL import Image, ImageDraw

from bot.canvas import picture as canvas_picture
from bot.canvas.picture import (
    HEADER,
    HEIGHT,
    MARGIN,
    PAPER,
    WIDTH,
    CanvasPicture,
    Fonts,
    PictureBlock,
    block_boxes,
    block_lines,
    content_box,
    render_canvas_png,
)
from bot.course.models import Course
from bot.render import fonts

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
# Emoji (with skin tones, joiners and flags), CJK, Arabic, combining marks, a lone
# surrogate, control characters and one very long unbroken word.
AWKWARD = ("🚲🌍 Bike lanes 👩🏽‍💻 co-design with 🇬🇧 residents ✅ — 東京の交通 · حافلات المدينة · "
           "Ω≈ç√ z̸̢a̴l̵g̶o \ud83d \x07\x1b[31m " + "Supercalifragilistic" * 12)


def overfull(course: Course) -> CanvasPicture:
    blocks = tuple(
        PictureBlock(b.id, b.name + " 🌱" * 8, tuple(f"{i + 1}. {AWKWARD}"[:500] for i in range(20)))
        for b in course.canvas)
    return CanvasPicture("🏙️ " + "Ada Lovelace-Byron " * 20, "Business Model Canvas · " * 20, blocks)


def sparse(course: Course) -> CanvasPicture:
    blocks = tuple(PictureBlock(b.id, b.name, ("the council",) if i == 0 else (), b.questions[0])
                   for i, b in enumerate(course.canvas))
    return CanvasPicture("Ada's canvas", "Business Model Canvas · Smart cities", blocks)


def decode(png: bytes) -> Image.Image:
    assert png.startswith(PNG_SIGNATURE)
    image = Image.open(io.BytesIO(png))
    image.load()
    return image


def test_a_canvas_renders_as_a_png_of_the_agreed_size(course: Course) -> None:
    png = render_canvas_png(sparse(course))
    image = decode(png)
    assert image.format == "PNG" and image.size == (WIDTH, HEIGHT)
    assert 10_000 < len(png) < 1_000_000


def test_an_overfull_emoji_rich_canvas_keeps_every_line_inside_its_block(course: Course) -> None:
    picture, faces = overfull(course), Fonts.load()
    for block, (box, _) in zip(picture.blocks, block_boxes(picture.blocks), strict=True):
        tile = content_box(box)
        inside = canvas_picture.Box(0, 0, tile.width, tile.height)
        lines = block_lines(block, box, faces)
        for line in lines:
            left, top, right, bottom = faces.of(line.role).getbbox(line.text)
            assert inside.holds((line.x + left, line.y + top, line.x + right, line.y + bottom)), (
                block.id, line.text)
        shown = sum(1 for line in lines if line.text == "•")
        assert lines[-1].text == f"+{20 - shown} more"


def test_an_overfull_canvas_draws_nothing_between_blocks_or_past_the_margins(
    course: Course
) -> None:
    picture = overfull(course)
    image = decode(render_canvas_png(picture))
    # Paint over every block and the header's text area; what is left must be bare paper.
    painter = ImageDraw.Draw(image)
    for box, _ in block_boxes(picture.blocks):
        painter.rectangle((box.left, box.top, box.right - 1, box.bottom - 1), fill=PAPER)
    painter.rectangle((MARGIN, 0, WIDTH - MARGIN - 1, HEADER - 1), fill=PAPER)
    paper = Image.new("RGB", (1, 1), PAPER).getpixel((0, 0))
    assert image.getcolors() == [(WIDTH * HEIGHT, paper)]


def test_a_block_with_more_entries_than_fit_ends_with_plus_n_more(course: Course) -> None:
    picture, faces = sparse(course), Fonts.load()
    crowded = PictureBlock("channels", "Channels", tuple(f"channel {i}" for i in range(20)))
    box = dict(zip((b.id for b in picture.blocks), block_boxes(picture.blocks), strict=True))
    lines = block_lines(crowded, box["channels"][0], faces)
    shown = [line.text for line in lines if line.text.startswith("channel ")]
    assert shown == [f"channel {i}" for i in range(len(shown))]
    assert 3 <= len(shown) < 20
    assert lines[-1].text == f"+{20 - len(shown)} more"


def test_an_empty_block_shows_its_guiding_question(course: Course) -> None:
    picture, faces = sparse(course), Fonts.load()
    box, _ = block_boxes(picture.blocks)[1]
    hint = " ".join(line.text for line in block_lines(picture.blocks[1], box, faces)[1:])
    assert hint == course.canvas[1].questions[0]


def test_rendering_works_with_pillows_own_font_when_no_font_file_is_found(
    course: Course, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(fonts, "font_files", lambda: None)
    assert decode(render_canvas_png(overfull(course))).size == (WIDTH, HEIGHT)


def test_every_block_name_is_set_whole_in_one_size(course: Course) -> None:
    picture = sparse(course)
    faces = Fonts.for_blocks(picture.blocks)
    titles = [block_lines(block, box, faces)[0]
              for block, (box, _) in zip(picture.blocks, block_boxes(picture.blocks), strict=True)]
    assert [t.text for t in titles] == [b.name for b in course.canvas]  # none cut short
    assert {t.role for t in titles} == {"title"} and {t.y for t in titles} == {titles[0].y}


def test_other_block_sets_fall_back_to_a_grid(course: Course) -> None:
    blocks = tuple(PictureBlock(f"b{i}", f"Block {i}", ("entry",)) for i in range(4))
    boxes = [box for box, _ in block_boxes(blocks)]
    assert len({(b.left, b.top) for b in boxes}) == 4
    assert decode(render_canvas_png(CanvasPicture("t", "s", blocks))).size == (WIDTH, HEIGHT)
