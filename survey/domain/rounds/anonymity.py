"""What may leave a round, and in which form, so that no one can be singled out: the one place that
decides, for the report's comments and for row-level exports (CSV, JSON, API).

Every rule counts people (a group's respondents as far as they can be told apart: see
store.round_data.people_per_group), and the report's own rule (a group shown on its own, or merged
into "other groups") lives with the figures in aggregate.py.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from dataclasses import dataclass

from survey.domain.questionnaire.model import Questionnaire
from survey.domain.rounds.aggregate import ANONYMITY_THRESHOLD


def groups_with_shown_comments(people: Mapping[Hashable, int], threshold: int = ANONYMITY_THRESHOLD) -> frozenset:
    """The groups whose comments a report may show: those with enough people to be shown on their own.

    A comment is often signed by its content ("as the only lawyer here..."): merged into "other groups"
    it would still name its group, so a small group's comments are withheld, merged or not. A consultant's
    choice to show a withheld comment belongs on top of this rule, never instead of it.
    """
    return frozenset(group for group, count in people.items() if count >= threshold)


@dataclass(frozen=True)
class RowPolicy:
    """Which groups' rows may leave: named groups whole, small groups merged and trimmed, or none."""

    named: frozenset = frozenset()  # groups with enough people to be exported under their name
    merged: frozenset = frozenset()  # small groups exported as "other groups" (empty when their merge is too small)
    merged_questions: frozenset = frozenset()  # what a merged row keeps: the questions every merged profile is asked

    def exports(self, group: Hashable) -> bool:
        return group in self.named or group in self.merged


def row_policy(
    questionnaire: Questionnaire,
    people: Mapping[Hashable, int],
    group_profiles: Mapping[Hashable, str],
    threshold: int = ANONYMITY_THRESHOLD,
) -> RowPolicy:
    """Row-level data never leaves for a group below the threshold: its rows leave only merged into
    "other groups", once the merge counts `threshold` people, and without what tells its members apart
    (no profile; only the questions all merged profiles are asked, since which questions were answered
    would give the profile away). Nothing leaves a round with fewer people than the threshold."""
    if sum(people.values()) < threshold:
        return RowPolicy()
    named = frozenset(group for group, count in people.items() if count >= threshold)
    small = [group for group, count in people.items() if 0 < count < threshold]
    if sum(people[group] for group in small) < threshold:
        return RowPolicy(named)
    asked = [set(questionnaire.applicable_question_ids(group_profiles[group])) for group in small]
    return RowPolicy(named, frozenset(small), frozenset(set.intersection(*asked)))
