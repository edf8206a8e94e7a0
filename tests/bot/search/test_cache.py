"""The index on disk: reused while the pack is unchanged, rebuilt when it changes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot.search import builder
from bot.search.cache import load_index, pack_fingerprint
from bot.search.query import Query
from bot.search.ranking import search
from tests.packs import SMART_CITIES


@pytest.fixture
def pack(tmp_path: Path) -> Path:
    copy = tmp_path / "pack"
    shutil.copytree(SMART_CITIES, copy)
    return copy


def entries(cache: Path) -> list[Path]:
    return sorted(cache.glob("lookup/*/index-*"))


def test_a_cached_index_answers_like_a_fresh_one(pack: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    fresh = builder.load_or_build(pack, cache)
    [entry] = entries(cache)
    loaded = load_index(entry)
    assert loaded is not None and len(loaded) == len(fresh)
    for question in ("open standards", "collaberation", "who pays for the smart city"):
        expected = search(fresh, Query(question), limit=5)
        got = search(loaded, Query(question), limit=5)
        assert [h.position for h in got.hits] == [h.position for h in expected.hits]
        assert got.hits[0].passage == expected.hits[0].passage


def test_the_cache_is_used_until_the_pack_changes(
    pack: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache"
    builder.load_or_build(pack, cache)
    built: list[int] = []
    real_build = builder.build
    monkeypatch.setattr(builder, "build", lambda *a, **k: built.append(1) or real_build(*a, **k))
    builder.load_or_build(pack, cache)
    assert built == []
    week = pack / "weeks" / "week-1.md"
    week.write_text(week.read_text(encoding="utf-8").replace("rich picture", "rich drawing"),
                    encoding="utf-8")
    rebuilt = builder.load_or_build(pack, cache)
    assert built == [1]
    assert "rich drawing" in search(rebuilt, Query("rich drawing"), limit=1).hits[0].passage.text
    assert len(entries(cache)) == 1  # the stale entry was removed


def test_the_fingerprint_follows_the_files_and_the_settings(pack: Path) -> None:
    before = pack_fingerprint(pack, "lexical")
    assert pack_fingerprint(pack, "semantic") != before
    (pack / "ideas.yaml").write_text("sections: []\n", encoding="utf-8")
    assert pack_fingerprint(pack, "lexical") != before


def test_a_damaged_cache_entry_is_ignored_and_rebuilt(pack: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    builder.load_or_build(pack, cache)
    [entry] = entries(cache)
    (entry / "tokens.npy").write_bytes(b"not numpy")
    assert load_index(entry) is None
    index = builder.load_or_build(pack, cache)
    assert search(index, Query("open data"), limit=1).hits
