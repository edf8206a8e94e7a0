"""Every script a learner may write, drawn in a font that has it."""

from __future__ import annotations

import io

import pytest
from PIL import Image, ImageChops, ImageDraw, features

from bot.canvas.picture import (
    INK,
    TEXT_SIZE,
    TILE,
    CanvasPicture,
    Fonts,
    PictureBlock,
    block_boxes,
    block_lines,
    content_box,
    render_canvas_png,
)
from bot.course.models import Course
from bot.render import font_chain, fonts
from bot.render.font_chain import FontChain

SCRIPTS = {"cjk": "智慧城市", "arabic": "حافلات المدينة", "emoji": "🚲🌍👋"}


def installed_for(text: str) -> bool:
    return all(any(ord(c) in fonts.covered(f.path, f.index) for f in fonts.fallbacks())
               for c in text if not c.isspace())


def ink(image: Image.Image) -> int:
    """How many pixels are darker than the tile."""
    return sum(image.convert("L").histogram()[:160])


def line_crop(course: Course, text: str) -> tuple[Image.Image, Image.Image]:
    """The picture's first entry line of a canvas holding `text`, and the same line drawn
    in the main font alone (boxes where it lacks a glyph)."""
    blocks = tuple(PictureBlock(b.id, b.name, (text,) if i == 0 else ())
                   for i, b in enumerate(course.canvas))
    picture = Image.open(io.BytesIO(render_canvas_png(CanvasPicture("t", "s", blocks))))
    box, _ = block_boxes(blocks)[0]
    tile = content_box(box)
    entry = next(line for line in block_lines(blocks[0], box, Fonts.for_blocks(blocks))
                 if line.text == text)
    height = FontChain.load(TEXT_SIZE).getmetrics()
    area = (entry.x, entry.y, tile.width, entry.y + sum(height))
    drawn = picture.crop((tile.left + area[0], tile.top + area[1],
                          tile.left + area[2], tile.top + area[3])).convert("RGB")
    alone = Image.new("RGB", drawn.size, TILE)
    ImageDraw.Draw(alone).text((0, 0), text, font=fonts.load_font(TEXT_SIZE), fill=INK)
    return drawn, alone


@pytest.mark.parametrize("script", sorted(SCRIPTS))
def test_each_script_draws_ink_in_its_box_not_the_main_fonts_boxes(
    course: Course, script: str
) -> None:
    text = SCRIPTS[script]
    if not installed_for(text):
        pytest.skip(f"no {script} font installed")
    drawn, boxes = line_crop(course, text)
    assert ink(drawn) > 20 * len(text.replace(" ", ""))  # real glyphs, not a blank line
    difference = ImageChops.difference(drawn, boxes).convert("L")
    assert ink(Image.eval(difference, lambda v: 255 - v)) > ink(drawn) // 3  # not the boxes


def test_each_character_goes_to_a_font_that_has_it() -> None:
    chain = FontChain.load(TEXT_SIZE)
    for text in SCRIPTS.values():
        if not installed_for(text):
            continue
        for font, run in chain.runs(text):
            assert font is not chain.main or run.isspace(), run


@pytest.mark.skipif(not features.check("raqm"), reason="Pillow without raqm cannot shape text")
def test_right_to_left_text_is_shaped_and_laid_out_from_the_right() -> None:
    chain = FontChain.load(TEXT_SIZE)
    word = SCRIPTS["arabic"].split()[0]
    if not installed_for(word + "東"):
        pytest.skip("no Arabic or CJK font installed")
    # Joined letters take less room than the same letters each on its own.
    assert chain.getlength(word) < sum(chain.getlength(c) for c in word)
    placed = chain._placed(f"{word} 東京")
    assert placed[0][2] == "東京"  # the line reads from the right: its last run is leftmost


def test_without_any_fallback_font_text_still_draws(
    course: Course, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(font_chain, "fallbacks", lambda: ())
    drawn, _ = line_crop(course, "Hélène 智慧 and more")
    assert ink(drawn) > 100  # the Latin words are there, readable


def test_an_unreadable_fallback_is_skipped(tmp_path: object) -> None:
    bad = fonts.Fallback("broken", fonts.Path("/nonexistent/font.ttf"))
    assert fonts.covered(bad.path) == frozenset()
    assert fonts.open_fallback(bad, TEXT_SIZE) is None
