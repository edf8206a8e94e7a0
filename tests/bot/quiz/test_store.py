"""Quiz review records are personal data: per tenant, course and learner; exported; erased."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from bot.app import Companion, open_companion
from bot.config import Settings
from bot.messages import UserRef
from bot.quiz.store import Answer, Learner, QuizAnswerRow, QuizReviewRow, ReviewRepository
from bot.safeguards.privacy import PrivacyService
from bot.store.db import Database
from bot.store.erasure import PersonalRows
from tests.people import TENANT, FakeClock, say

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


@pytest.fixture
async def companion(settings: Settings, clock: FakeClock) -> AsyncIterator[Companion]:
    async with open_companion(settings, clock=clock) as built:
        yield built


async def answer_two(companion: Companion, user: str) -> None:
    for line in ("quiz remind on", "quiz tz Europe/Paris", "quiz week 5", "1", "1 2 3 4", "stop"):
        await companion.handle(say(line, user=user))


async def count(db: Database, model: type[QuizReviewRow] | type[QuizAnswerRow], user: str) -> int:
    async with db.session() as session:
        found = await session.scalar(select(func.count()).select_from(model).where(model.user_id == user))
        return int(found or 0)


async def test_export_holds_the_learners_quiz_records_only(companion: Companion) -> None:
    await answer_two(companion, "ada")
    await answer_two(companion, "bob")
    service = PrivacyService(PersonalRows(companion.db), retention_days=180)
    full = await service.export(UserRef(TENANT, "ada", "Ada"), NOW)
    tables = {t["table"]: t["rows"] for t in json.loads(full.json_text)["tables"]}
    assert {r["item_id"] for r in tables["quiz_reviews"]} == {"w5-key-partners", "w5-leaders"}
    assert len(tables["quiz_answers"]) == 2
    assert tables["quiz_learners"][0]["remind"] is True
    assert all(r["user_id"] == "ada" for t in ("quiz_reviews", "quiz_answers") for r in tables[t])
    assert "Your quiz reviews" in (await companion.handle(say("privacy"))).plain_text()


async def test_delete_erases_the_learners_quiz_records_and_keeps_others(companion: Companion) -> None:
    await answer_two(companion, "ada")
    await answer_two(companion, "bob")
    await companion.handle(say("privacy delete"))
    await companion.handle(say("yes"))
    assert await count(companion.db, QuizReviewRow, "ada") == 0
    assert await count(companion.db, QuizAnswerRow, "ada") == 0
    assert await count(companion.db, QuizReviewRow, "bob") == 2
    assert "none answered yet" in (await companion.handle(say("quiz stats"))).plain_text()


async def test_review_state_is_kept_per_course(db: Database) -> None:
    reviews = ReviewRepository(db)
    user = UserRef(TENANT, "ada")
    here, there = Learner.of(user, "smart-cities"), Learner.of(user, "air-quality")
    await reviews.record(here, Answer("w1-a", 1, True, "{}", NOW + timedelta(days=2)), NOW)
    assert set(await reviews.states(here)) == {"w1-a"}
    assert await reviews.states(there) == {}
    assert await reviews.due(here, NOW + timedelta(days=3), 10) == ["w1-a"]
    assert await reviews.due(here, NOW + timedelta(days=1), 10) == []
