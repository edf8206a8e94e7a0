"""Text in several fonts at once: each character in the first font that has it.

Pillow draws a string in one font, so a line is cut into runs that one font can draw,
measured and drawn side by side on a shared baseline. Pillow's raqm layout shapes each
run (Arabic letters join, and right-to-left runs read right to left); a line that
starts right to left lays its runs out from the right.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

from PIL import ImageDraw

from bot.render.fonts import Fallback, Font, covered, fallbacks, font_files, load_font, open_fallback

# Marks and joiners belong with the letter before them, whatever font has them.
NEUTRAL = {"Mn", "Me", "Cf"}
RIGHT_TO_LEFT = {"R", "AL"}
# What Pillow's own font draws, when no font file was found at all.
BUILT_IN = frozenset(range(0x20, 0x250))
Box = tuple[float, float, float, float]


class FontChain:
    """A main font and its fallbacks, used like one font by the canvas renderer.

    Fallbacks are opened only when a character needs one.
    """

    def __init__(self, main: Font, main_covers: frozenset[int], fallbacks: Sequence[Fallback],
                 size: int, *, bold: bool = False) -> None:
        self.main = main
        self.size, self.bold = size, bold
        self._covers = main_covers
        self._fallbacks = tuple(fallbacks)
        self._open: dict[int, Font] = {}
        self._chosen: dict[str, int] = {}
        self.ascent = main.getmetrics()[0]

    @staticmethod
    def load(size: int, *, bold: bool = False) -> FontChain:
        files = font_files()
        return FontChain(load_font(size, bold=bold), files.covers if files else BUILT_IN,
                         fallbacks(), size, bold=bold)

    def getmetrics(self) -> tuple[int, int]:
        return self.main.getmetrics()

    def getlength(self, text: str) -> float:
        return sum(font.getlength(run) for font, run in self.runs(text))

    def getbbox(self, text: str) -> Box:
        """The ink box of `text` drawn at (0, 0), as `draw` draws it."""
        boxes = [(x + left, self.ascent + top, x + right, self.ascent + bottom)
                 for x, font, run in self._placed(text)
                 for left, top, right, bottom in [font.getbbox(run, anchor="ls")]]
        if not boxes:
            return (0, 0, 0, 0)
        return (min(b[0] for b in boxes), min(b[1] for b in boxes),
                max(b[2] for b in boxes), max(b[3] for b in boxes))

    def draw(self, pen: ImageDraw.ImageDraw, xy: tuple[float, float], text: str, fill: str) -> None:
        x, y = xy
        for offset, font, run in self._placed(text):
            pen.text((x + offset, y + self.ascent), run, font=font, fill=fill, anchor="ls")

    def runs(self, text: str) -> list[tuple[Font, str]]:
        """(font, text) pieces in reading order; marks join the run they are in."""
        if self._covers.issuperset(map(ord, text)):  # most text: one run, measured at C speed
            return [(self.main, text)] if text else []
        runs: list[tuple[int, str]] = []
        for char in text:
            neutral = unicodedata.category(char) in NEUTRAL
            index = runs[-1][0] if neutral and runs else self._index_for(char)
            if runs and runs[-1][0] == index:
                runs[-1] = (index, runs[-1][1] + char)
            else:
                runs.append((index, char))
        return [(self._font(index), run) for index, run in runs]

    def _placed(self, text: str) -> list[tuple[float, Font, str]]:
        runs = self.runs(text)
        if starts_right_to_left(text):
            runs.reverse()
        placed, x = [], 0.0
        for font, run in runs:
            placed.append((x, font, run))
            x += font.getlength(run)
        return placed

    def _index_for(self, char: str) -> int:
        """0 for the main font, else 1 + the fallback's place; 0 when no font has it."""
        chosen = self._chosen.get(char)
        if chosen is None:
            point = ord(char)
            chosen = 0 if point in self._covers else next(
                (i + 1 for i, f in enumerate(self._fallbacks)
                 if point in covered(f.path, f.index) and self._font(i + 1) is not self.main), 0)
            self._chosen[char] = chosen
        return chosen

    def _font(self, index: int) -> Font:
        if index == 0:
            return self.main
        if index not in self._open:
            opened = open_fallback(self._fallbacks[index - 1], self.size, bold=self.bold)
            self._open[index] = opened if opened is not None else self.main
        return self._open[index]


def starts_right_to_left(text: str) -> bool:
    """Whether the first letter with a direction reads right to left."""
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind in RIGHT_TO_LEFT:
            return True
        if kind == "L":
            return False
    return False
