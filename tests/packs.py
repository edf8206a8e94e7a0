"""The bundled course packs, by name, for tests that need one particular course."""

from pathlib import Path

from bot.config import BUNDLED_CONTENT

SMART_CITIES = BUNDLED_CONTENT / "smart-cities"
AIR_QUALITY = BUNDLED_CONTENT / "air-quality"


def write_pack(folder: Path, course_id: str, title: str, *, weeks: int = 2,
               topic: str = "compost", with_canvas: bool = False) -> Path:
    """A small pack of our own: `weeks` weeks, one video whose transcript talks of `topic`."""
    pack = folder / course_id
    (pack / "weeks").mkdir(parents=True)
    (pack / "course.yaml").write_text(
        f"id: {course_id}\ntitle: {title}\npeople:\n  - id: rowan\n    name: Rowan Field\n"
        f"themes:\n  - {topic.title()} and how to start\n", encoding="utf-8")
    for number in range(1, weeks + 1):
        (pack / "weeks" / f"week-{number}.md").write_text(
            f"---\nnumber: {number}\ntitle: {title} week {number}\nsummary: Getting going with "
            f"{topic}, part {number}.\nvideos:\n  - title: {topic.title()} in practice {number}\n"
            f"    transcript:\n      - speaker: rowan\n        start: 12\n        end: 30\n"
            f"        text: Here is how {topic} works on a small plot, step {number}.\n---\n"
            f"An introduction to week {number}.\n", encoding="utf-8")
    if with_canvas:
        (pack / "canvas.yaml").write_text(
            "title: Plot plan\nshort_name: plot plan\nblocks:\n"
            "  - id: soil\n    name: Soil\n    aliases: [dirt]\n    meaning: What the ground is like.\n"
            "    questions: [Is it clay or sand?]\n    week: 1\n"
            "  - id: water\n    name: Water\n    meaning: Where water comes from.\n"
            "    questions: [Is there a tap nearby?]\n    week: 2\n", encoding="utf-8")
    return pack
