"""Where the console keeps pictures the companion sends (a terminal cannot show them)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from bot.messages import Image


class PictureFolder:
    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def save(self, image: Image) -> Path:
        self.folder.mkdir(parents=True, exist_ok=True)
        stem = Path(image.filename).stem or "picture"
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        path = self.folder / f"{stem}-{stamp}.png"
        counter = 1
        while path.exists():  # two pictures in the same second keep both
            counter += 1
            path = self.folder / f"{stem}-{stamp}-{counter}.png"
        path.write_bytes(image.png)
        return path
