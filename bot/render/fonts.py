"""Fonts for pictures: the packaged Noto Sans, else DejaVu Sans, else Pillow's own.

Noto Sans draws Latin, Greek, Cyrillic and Vietnamese; anything else it lacks (CJK,
Arabic, emoji) is drawn as a box, never an error.

Font files are read once and kept as bytes; each picture builds its own font objects
from them, so renders on different threads never share a FreeType face.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from PIL import ImageFont

Font = ImageFont.FreeTypeFont

NOTO_PACKAGE = "fontpkg_noto_sans"
NOTO_FILE = "NotoSans[wdth,wght].ttf"
SYSTEM_FONTS = (
    (Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
     Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf")),
    (Path("/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf"),
     Path("/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf")),
)


@dataclass(frozen=True)
class FontFiles:
    regular: bytes
    bold: bytes
    # A variable font holds every weight in one file; bold is chosen by name.
    variable: bool
    name: str


def load_font(size: int, *, bold: bool = False) -> Font:
    files = font_files()
    if files is None:
        fallback = ImageFont.load_default(size)
        if not isinstance(fallback, ImageFont.FreeTypeFont):
            raise RuntimeError("this Pillow was built without FreeType, so it cannot draw text")
        return fallback
    font = ImageFont.truetype(io.BytesIO(files.bold if bold else files.regular), size)
    if files.variable:
        font.set_variation_by_name("Bold" if bold else "Regular")
    return font


@lru_cache(maxsize=1)
def font_files() -> FontFiles | None:
    """The best font this installation has; None means Pillow's built-in one."""
    packaged = _packaged_noto()
    if packaged is not None:
        return FontFiles(packaged, packaged, variable=True, name="Noto Sans")
    for regular, bold in SYSTEM_FONTS:
        if regular.is_file():
            bold_bytes = bold.read_bytes() if bold.is_file() else regular.read_bytes()
            return FontFiles(regular.read_bytes(), bold_bytes, variable=False, name=regular.stem)
    return None


def _packaged_noto() -> bytes | None:
    try:
        return (resources.files(NOTO_PACKAGE) / "files" / NOTO_FILE).read_bytes()
    except (ModuleNotFoundError, FileNotFoundError):
        return None
