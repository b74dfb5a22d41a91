"""Filling a database with the demo: a consultant, a French engagement in two rounds, two private reports.

Everything goes through the services the pages use (accounts, engagements, responses), so the
tallies, tokens and dates are what a real use would leave; only the dates are moved back afterwards,
so that round 1 took place months ago. Seeded: the same seed gives the same answers and comments.
"""

from __future__ import annotations

import random
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select, update

from survey.domain.demo.content import GROUPS
from survey.domain.demo.respondents import draw_respondent
from survey.domain.questionnaire.model import Questionnaire
from survey.extensions import db
from survey.store.accounts import create_consultant
from survey.store.engagements import create_engagement, open_next_round
from survey.store.models import Consultant, Engagement, Response, Round
from survey.store.responses import create_response, save_answers, save_importance, submit_response

SEED = 2026
CLIENT = {"fr": "Maison Lumière", "en": "Lumiere Homeware"}
ROUND_DAYS = ((150, 122), (21, None))  # (opened, closed) days before today, per round
DEMO_EMAIL = "consultant@demo.example"


class DemoError(Exception):
    """The demo cannot be seeded here (a database already in use); the message says why."""


@dataclass(frozen=True)
class DemoSite:
    email: str
    password: str
    engagement_id: int
    candidate_token: str
    executive_token: str


def database_is_empty() -> bool:
    """No account, engagement or response: the demo never mixes with real data."""
    return not any(
        db.session.scalar(select(func.count()).select_from(model)) for model in (Consultant, Engagement, Response)
    )


def seed_demo(questionnaire: Questionnaire, now: datetime, seed: int = SEED) -> DemoSite:
    """The whole demo, into an empty database (else DemoError)."""
    if not database_is_empty():
        raise DemoError("the database is not empty; the demo only fills an empty one")
    password = secrets.token_urlsafe(12)
    consultant = create_consultant(DEMO_EMAIL, password)
    engagement_id = seed_engagement(questionnaire, consultant.id, "fr", now, seed)
    rng = random.Random(seed + 1)
    candidate = seed_private_response(questionnaire, "candidate", "fr", "Agence Marée Haute", rng)
    executive = seed_private_response(questionnaire, "executive", "en", "Northwind Trading", rng)
    return DemoSite(DEMO_EMAIL, password, engagement_id, candidate, executive)


def seed_engagement(questionnaire: Questionnaire, owner_id: int, lang: str, now: datetime, seed: int = SEED) -> int:
    """The demo engagement in `lang` (four role groups, two rounds) for an existing consultant; its id."""
    rng, comment_rng = random.Random(seed), random.Random(seed + 2)
    groups = [(group["name"][lang], group["profile"]) for group in GROUPS]
    engagement = create_engagement(owner_id, CLIENT[lang], lang, groups, None)
    engagement_id = engagement.id
    for number, (opened, closed) in enumerate(ROUND_DAYS, start=1):
        engagement = db.session.get(Engagement, engagement_id)
        round_ = engagement.rounds[0] if number == 1 else open_next_round(engagement)
        round_id, opened_at = round_.id, now - timedelta(days=opened)
        used: set[str] = set()
        for group, role_group in zip(GROUPS, engagement.groups, strict=True):
            for _ in range(group["respondents"][number - 1]):
                respondent = draw_respondent(questionnaire, group, number, rng, lang, used, comment_rng)
                response = create_response(questionnaire, role_group.profile, None, lang, round_id, role_group.id)
                save_answers(response, respondent.answers, respondent.comments)
                submit_response(questionnaire, response)
                _backdate(response.id, opened_at + timedelta(days=rng.uniform(0.5, 14)))
        db.session.execute(
            update(Round)
            .where(Round.id == round_id)
            .values(opened_at=opened_at, closed_at=None if closed is None else now - timedelta(days=closed))
        )
        db.session.commit()
    return engagement_id


def seed_private_response(questionnaire: Questionnaire, profile: str, lang: str, organisation: str, rng) -> str:
    """A submitted response outside any engagement (a candidate or an executive on their own); its token."""
    group = next(g for g in GROUPS if g["profile"] == profile) if profile != "candidate" else GROUPS[2]
    respondent = draw_respondent(questionnaire, {**group, "profile": profile}, 1, rng, lang, set())
    response = create_response(questionnaire, profile, organisation, lang)
    save_answers(response, respondent.answers, respondent.comments)
    if profile == "candidate":
        save_importance(response, {d.id: rng.choice((2, 3, 4, 5, 5)) for d in questionnaire.dimensions})
    submit_response(questionnaire, response)
    return response.token


def _backdate(response_id: int, submitted_at: datetime) -> None:
    started = submitted_at - timedelta(minutes=25)
    db.session.execute(
        update(Response)
        .where(Response.id == response_id)
        .values(created_at=started, updated_at=submitted_at, submitted_at=submitted_at)
    )
