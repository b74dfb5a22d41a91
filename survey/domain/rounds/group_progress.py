"""Progress between two rounds, per group and for all respondents, honest about noise.

A mean moves from one round to the next even when nothing changed: other people answered, or the
same people on another day. A change is called clear only when it is wider than the noise band,
NOISE_Z standard errors of the difference of the two means (about a 95 % band): with s1, s2 the sample
standard deviations and n1, n2 the respondents, SE = sqrt(s1²/n1 + s2²/n2). Inside the band the
report says "no clear change" instead of painting -0.8 in red. Below two respondents on either side
there is no standard deviation, so nothing is clear.

A group whose number of respondents changed a lot (the smaller count under two thirds of the larger)
is flagged: its two means may describe different people.

Only groups shown in both rounds (at or above the anonymity threshold in each) are compared; the
merged "other groups" only when it merges the same groups in both rounds.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Sequence
from dataclasses import dataclass

from survey.domain.rounds.aggregate_types import RoundAggregate, Spread

ALL_RESPONDENTS = "all"
OVERALL = "overall"
NOISE_Z = 1.96
STEADY_RESPONDENTS = 2 / 3  # a group whose smaller count is under this share of the larger has changed a lot
# The three verdicts on a change, the same words in every format (each document only translates them).
CLEAR_RISE, CLEAR_FALL, NO_CLEAR_CHANGE = "clear rise", "clear fall", "no clear change"
VERDICTS = (CLEAR_RISE, CLEAR_FALL, NO_CLEAR_CHANGE)


@dataclass(frozen=True)
class ScoreChange:
    """One score (a practice, or "overall") in the previous round and in this one."""

    key: str
    previous: float | None
    current: float | None
    noise: float | None  # half-width of the noise band, in points; None when it cannot be measured

    @property
    def change(self) -> float | None:
        return None if self.previous is None or self.current is None else self.current - self.previous

    @property
    def clear(self) -> bool:
        """A change wider than the noise band; a change that cannot be measured is never clear."""
        return self.change is not None and self.noise is not None and abs(self.change) > self.noise

    @property
    def verdict(self) -> str | None:
        """What every document says of this change; None when there is no change to judge (a score missing)."""
        return change_verdict(self.change, self.noise)


@dataclass(frozen=True)
class GroupProgress:
    """A group's scores in both rounds; key ALL_RESPONDENTS for everyone."""

    key: Hashable
    label: str | None  # None: all respondents, or the merged "other groups"
    previous_responses: int
    current_responses: int
    changes: tuple[ScoreChange, ...]  # overall first, then each practice in questionnaire order

    @property
    def respondents_changed(self) -> bool:
        low, high = sorted((self.previous_responses, self.current_responses))
        return high > 0 and low < high * STEADY_RESPONDENTS

    @property
    def overall(self) -> ScoreChange:
        return self.changes[0]

    def change(self, key: str) -> ScoreChange | None:
        return next((c for c in self.changes if c.key == key), None)


def change_verdict(change: float | None, noise: float | None) -> str | None:
    """The one rule: a rise or a fall only when wider than the noise band; unmeasurable noise is never clear."""
    if change is None:
        return None
    if noise is None or abs(change) <= noise:
        return NO_CLEAR_CHANGE
    return CLEAR_RISE if change > 0 else CLEAR_FALL


def noise_band(before: Spread | None, after: Spread | None, z: float = NOISE_Z) -> float | None:
    """z standard errors of the difference of two independent means, from their population spreads."""
    if before is None or after is None or before.n < 2 or after.n < 2:
        return None
    variance = sum(s.stdev**2 / (s.n - 1) for s in (before, after))  # sample variance / n = pstdev² / (n - 1)
    return z * math.sqrt(variance)


def group_progress(dimension_ids: Sequence[str], previous: RoundAggregate, current: RoundAggregate) -> tuple:
    """All respondents first, then each group shown in both rounds, in this round's order."""
    if not previous.has_results or not current.has_results:
        return ()
    keys = [OVERALL, *dimension_ids]
    everyone = GroupProgress(
        ALL_RESPONDENTS,
        None,
        previous.respondents,
        current.respondents,
        tuple(ScoreChange(k, *_pair(_everyone_spread(previous, k), _everyone_spread(current, k))) for k in keys),
    )
    earlier = {group.key: group for group in previous.groups}
    rows = [everyone]
    for group in current.groups:
        before = earlier.get(group.key)
        if before is None or before.members != group.members:
            continue
        changes = tuple(ScoreChange(k, *_pair(before.spreads.get(k), group.spreads.get(k))) for k in keys)
        rows.append(GroupProgress(group.key, group.label, before.responses, group.responses, changes))
    return tuple(rows)


def _everyone_spread(aggregate: RoundAggregate, key: str) -> Spread | None:
    return aggregate.overall if key == OVERALL else aggregate.dimensions.get(key)


def _pair(before: Spread | None, after: Spread | None) -> tuple[float | None, float | None, float | None]:
    return (before.mean if before else None, after.mean if after else None, noise_band(before, after))
