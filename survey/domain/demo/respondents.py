"""Drawing the demo's respondents: seeded, so the same database every time, and varied like real people.

Each respondent sees the organisation as one of a few archetypes (content.ARCHETYPES), shifted by
their group's bias and a personal mood; each answer adds its own noise, and now and then a "don't
know". Round 2 moves the practices the client worked on. Comments come from the pool that fits the
respondent's group, never the same comment twice in one round.
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from dataclasses import dataclass, field

from survey.domain.demo.content import (
    ARCHETYPE_WEIGHTS,
    ARCHETYPES,
    COMMENT_RATE,
    COMMENTS,
    DONT_KNOW_RATE,
    ROUND_TWO_CHANGES,
)
from survey.domain.questionnaire.model import DONT_KNOW, Questionnaire

SCALE_TOP = 3.0  # the archetypes' levels are on a four-choice scale, 0 to 3
ANSWER_NOISE = 0.6
MOOD_SPREAD = 0.35


@dataclass(frozen=True)
class DemoRespondent:
    answers: dict[str, str]
    comments: dict[str, str] = field(default_factory=dict)


def draw_respondent(
    questionnaire: Questionnaire,
    group: Mapping,
    round_number: int,
    rng: random.Random,
    lang: str,
    used_comments: set[str],
    comment_rng: random.Random | None = None,
) -> DemoRespondent:
    """One respondent of `group` in round `round_number`; `used_comments` keeps a round's comments distinct.

    Comments are drawn from `comment_rng` when given, so that the answers (drawn from `rng`) are the same
    in every language, whatever the comments each language offers."""
    archetype = rng.choices(list(ARCHETYPE_WEIGHTS), weights=list(ARCHETYPE_WEIGHTS.values()))[0]
    mood = rng.gauss(0, MOOD_SPREAD)
    profile = group["profile"]
    answers: dict[str, str] = {}
    for dimension in questionnaire.dimensions:
        level = ARCHETYPES[archetype].get(dimension.id, 1.5) + group["bias"] + mood
        level += group["practice_bias"].get(dimension.id, 0.0)
        if round_number >= 2:
            level += ROUND_TWO_CHANGES.get(dimension.id, 0.0)
        for question in dimension.applicable_questions(profile):
            if rng.random() < DONT_KNOW_RATE[profile]:
                answers[question.id] = DONT_KNOW
                continue
            ordered = sorted(question.choices, key=lambda choice: choice.score)
            top = len(ordered) - 1
            index = round(level * top / SCALE_TOP + rng.gauss(0, ANSWER_NOISE))
            answers[question.id] = ordered[min(top, max(0, index))].value
    return DemoRespondent(answers, _comments(group["voice"], comment_rng or rng, lang, used_comments))


def _comments(voice: str, rng: random.Random, lang: str, used: set[str]) -> dict[str, str]:
    pools = COMMENTS[lang]
    practices = sorted({practice for practice, who in pools if who in (voice, "any")})
    chosen: dict[str, str] = {}
    for practice in practices:
        if rng.random() >= COMMENT_RATE:
            continue
        fresh = [text for who in (voice, "any") for text in pools.get((practice, who), []) if text not in used]
        if fresh:
            chosen[practice] = text = rng.choice(fresh)
            used.add(text)
    return chosen
