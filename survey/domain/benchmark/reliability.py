"""How reliable the questionnaire is: per practice Cronbach's alpha, per question its item-rest correlation.

Don't-knows (and questions a profile is not asked) are left out pairwise: each covariance between two
questions is taken over the responses that scored both, and alpha and the item-rest correlations are read
from that covariance matrix:

    alpha = m / (m - 1) * (1 - sum of the item variances / sum of every covariance)      (m questions)
    item-rest r of item i = sum_j!=i C[i][j] / sqrt(C[i][i] * sum_j,l!=i C[j][l])

With complete data this is exactly the textbook alpha and the Pearson correlation between an item and the sum
of the practice's other items.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from survey.domain.questionnaire.model import Questionnaire
from survey.domain.questionnaire.scoring import question_score

ALPHA_FLOOR = 0.6  # a practice below it is flagged: its questions do not measure one thing together
ITEM_REST_FLOOR = 0.2  # a question below it is flagged "review this question"
Scores = Mapping[str, float]  # question id -> 0-100 score of one response (don't-knows absent)


@dataclass(frozen=True)
class ItemStat:
    question_id: str
    item_rest: float | None
    responses: int  # responses that scored this question

    @property
    def flagged(self) -> bool:
        return self.item_rest is not None and self.item_rest < ITEM_REST_FLOOR

    def as_dict(self) -> dict:
        return {
            "question": self.question_id,
            "item_rest": _rounded(self.item_rest),
            "responses": self.responses,
            "review": self.flagged,
        }


@dataclass(frozen=True)
class PracticeReliability:
    dimension_id: str
    alpha: float | None
    responses: int  # the fewest responses behind any pair of its questions
    items: tuple[ItemStat, ...]

    @property
    def flagged(self) -> bool:
        return self.alpha is not None and self.alpha < ALPHA_FLOOR

    def as_dict(self) -> dict:
        return {
            "practice": self.dimension_id,
            "alpha": _rounded(self.alpha),
            "responses": self.responses,
            "low_alpha": self.flagged,
            "questions": [item.as_dict() for item in self.items],
        }


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


def pairwise_covariances(
    question_ids: Sequence[str], responses: Sequence[Scores]
) -> tuple[list[list[float | None]], list[list[int]]]:
    """The sample covariance of every pair of questions over the responses that scored both, and how many."""
    size = len(question_ids)
    covariances: list[list[float | None]] = [[None] * size for _ in range(size)]
    counts = [[0] * size for _ in range(size)]
    for i, first in enumerate(question_ids):
        for j in range(i, size):
            second = question_ids[j]
            pairs = [(r[first], r[second]) for r in responses if first in r and second in r]
            counts[i][j] = counts[j][i] = len(pairs)
            if len(pairs) >= 2:
                xs, ys = zip(*pairs, strict=True)
                covariances[i][j] = covariances[j][i] = statistics.covariance(xs, ys)
    return covariances, counts


def practice_reliability(
    dimension_id: str, question_ids: Sequence[str], responses: Sequence[Scores]
) -> PracticeReliability:
    """Alpha of one practice and the item-rest correlation of each of its questions. A question fewer than two
    responses scored has no figure and is left out of the others' (it says nothing about them yet)."""
    answered = {q: sum(1 for r in responses if q in r) for q in question_ids}
    kept = [q for q in question_ids if answered[q] >= 2]
    covariances, counts = pairwise_covariances(kept, responses)
    size = len(kept)
    complete = all(value is not None for row in covariances for value in row)
    item_rest = {q: _item_rest(covariances, i) if complete else None for i, q in enumerate(kept)}
    items = tuple(ItemStat(q, item_rest.get(q), answered[q]) for q in question_ids)
    alpha = _alpha(covariances) if complete and size >= 2 else None
    fewest = min((counts[i][j] for i in range(size) for j in range(size)), default=0)
    return PracticeReliability(dimension_id, alpha, fewest, items)


def _alpha(covariances: list[list[float | None]]) -> float | None:
    size = len(covariances)
    total = sum(value for row in covariances for value in row)  # type: ignore[misc]
    if total <= 0:
        return None
    variances = sum(covariances[i][i] for i in range(size))  # type: ignore[misc]
    return size / (size - 1) * (1 - variances / total)


def _item_rest(covariances: list[list[float | None]], i: int) -> float | None:
    others = [j for j in range(len(covariances)) if j != i]
    if not others:
        return None
    with_rest = sum(covariances[i][j] for j in others)  # type: ignore[misc]
    rest_variance = sum(covariances[j][m] for j in others for m in others)  # type: ignore[misc]
    item_variance = covariances[i][i]
    if item_variance is None or item_variance <= 0 or rest_variance <= 0:
        return None
    return with_rest / math.sqrt(item_variance * rest_variance)


def questionnaire_reliability(
    practices: Sequence[tuple[str, Sequence[str]]], responses: Sequence[Scores]
) -> list[PracticeReliability]:
    """Every practice's reliability: practices are (dimension id, its question ids) in questionnaire order."""
    return [practice_reliability(dimension_id, ids, responses) for dimension_id, ids in practices]


def item_scores(questionnaire: Questionnaire, answers: Mapping[str, str]) -> dict[str, float]:
    """One response's 0-100 score per question it scored (don't-knows and unknown values left out)."""
    scored = {}
    for question_id, answer in answers.items():
        question = questionnaire.questions_by_id.get(question_id)
        value = question_score(question, answer) if question else None
        if value is not None:
            scored[question_id] = value
    return scored


def reliability_of(
    questionnaire: Questionnaire, answer_sheets: Sequence[Mapping[str, str]]
) -> list[PracticeReliability]:
    """Every practice of the questionnaire, over these responses' answers."""
    responses = [item_scores(questionnaire, answers) for answers in answer_sheets]
    practices = [(d.id, [q.id for q in d.questions]) for d in questionnaire.dimensions]
    return questionnaire_reliability(practices, responses)
