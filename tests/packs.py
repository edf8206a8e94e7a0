"""The bundled course packs, by name, for tests that need one particular course."""

from bot.config import BUNDLED_CONTENT

SMART_CITIES = BUNDLED_CONTENT / "smart-cities"
AIR_QUALITY = BUNDLED_CONTENT / "air-quality"
