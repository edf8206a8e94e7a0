"""Fonts for pictures: the packaged Noto Sans, else DejaVu Sans, else Pillow's own;
then, for what the first lacks, Noto fonts for other scripts, symbols, emoji and CJK.

Noto Sans draws Latin, Greek, Cyrillic and Vietnamese. The fallbacks come from Python
packages (see pyproject.toml) or the system's Noto fonts; a fallback that is missing is
skipped, and a character no installed font has is drawn as a box, never an error.

The main font file is read once and kept as bytes; each picture builds its own font
objects, from those bytes or from the fallbacks' paths, so renders on different threads
never share a FreeType face.
"""

from __future__ import annotations

import contextlib
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

    @property
    def covers(self) -> frozenset[int]:
        return _covered_bytes(self.regular)


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


@dataclass(frozen=True)
class Fallback:
    """A font file to try for characters the main font lacks (`index` into a collection)."""

    name: str
    path: Path
    index: int = 0


# Package, folder inside it, file names: in the order they are tried.
PACKAGED_FALLBACKS = (
    ("fontpkg_noto_sans_arabic", "files", ("NotoSansArabic[wdth,wght].ttf",)),
    ("manimgx_fonts", "", (
        "NotoSansHebrew[wght].ttf", "NotoSansDevanagari[wght].ttf", "NotoSansBengali[wght].ttf",
        "NotoSansTamil[wght].ttf", "NotoSansTelugu[wght].ttf", "NotoSansThai[wght].ttf",
        "NotoSansGujarati[wght].ttf", "NotoSansGurmukhi[wght].ttf", "NotoSansKannada[wght].ttf",
        "NotoSansMalayalam[wght].ttf", "NotoSansSinhala[wght].ttf", "NotoSansKhmer[wght].ttf",
        "NotoSansLao[wght].ttf", "NotoSansMyanmar[wght].ttf", "NotoSansArmenian[wght].ttf",
        "NotoSansGeorgian[wght].ttf", "NotoSansEthiopic[wght].ttf", "NotoSansOriya[wght].ttf",
        "NotoSansSymbols[wght].ttf", "NotoEmoji[wght].ttf")),
)
# Noto Sans CJK holds Japanese, Korean, Simplified and Traditional Chinese faces; index 2
# is Simplified Chinese, whose forms suit most Chinese text.
PACKAGED_CJK = ("manimgx_fonts_cjk", "NotoSansCJK-VF.otf.ttc", 2)
SYSTEM_FALLBACKS = (
    Fallback("Noto Sans Arabic", Path("/usr/share/fonts/truetype/noto/NotoSansArabic-Regular.ttf")),
    Fallback("Noto Sans CJK", Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"), 2),
    Fallback("DejaVu Sans", Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")),
)


@lru_cache(maxsize=1)
def fallbacks() -> tuple[Fallback, ...]:
    """Every fallback font this installation has, packaged ones first."""
    found: list[Fallback] = []
    for package, folder, names in PACKAGED_FALLBACKS:
        found += [f for name in names if (f := _packaged(package, folder, name)) is not None]
    package, name, index = PACKAGED_CJK
    cjk = _packaged(package, "", name, index)
    found += [cjk] if cjk is not None else []
    found += [f for f in SYSTEM_FALLBACKS if f.path.is_file()]
    return tuple(found)


def open_fallback(fallback: Fallback, size: int, *, bold: bool = False) -> Font | None:
    try:
        font = ImageFont.truetype(str(fallback.path), size, index=fallback.index)
    except OSError:  # unreadable or not a font: skip it, as if it were not installed
        return None
    # A variable font may start at its thinnest; one without the weight keeps its own.
    with contextlib.suppress(OSError, ValueError):
        font.set_variation_by_name("Bold" if bold else "Regular")
    return font


@lru_cache(maxsize=64)
def covered(path: Path, index: int = 0) -> frozenset[int]:
    """The code points a font file has glyphs for (read once per file)."""
    # fontTools loads on the first picture that needs a fallback, not at start-up.
    from fontTools.ttLib import TTCollection, TTFont

    try:
        if path.suffix.lower() in {".ttc", ".otc"}:
            font = TTCollection(str(path), lazy=True).fonts[index]
        else:
            font = TTFont(str(path), lazy=True)
        return frozenset(font.getBestCmap() or {})
    except (OSError, IndexError, KeyError, ValueError, AssertionError):
        return frozenset()  # a font we cannot read covers nothing


@lru_cache(maxsize=4)
def _covered_bytes(data: bytes) -> frozenset[int]:
    from fontTools.ttLib import TTFont

    return frozenset(TTFont(io.BytesIO(data), lazy=True).getBestCmap() or {})


def _packaged(package: str, folder: str, name: str, index: int = 0) -> Fallback | None:
    try:
        root = resources.files(package)
    except ModuleNotFoundError:
        return None
    path = Path(str(root / folder / name if folder else root / name))
    return Fallback(Path(name).stem.split("[")[0], path, index) if path.is_file() else None


def _packaged_noto() -> bytes | None:
    try:
        return (resources.files(NOTO_PACKAGE) / "files" / NOTO_FILE).read_bytes()
    except (ModuleNotFoundError, FileNotFoundError):
        return None
