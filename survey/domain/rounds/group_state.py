"""The running totals of one role group while a round is aggregated (see aggregate.py)."""

from __future__ import annotations

from dataclasses import dataclass, field

from survey.domain.rounds.aggregate_types import Accumulator


@dataclass
class GroupState:
    """Running totals of one role group: score accumulators, per-question sums, answer counts."""

    responses: int = 0
    scores: dict[str, Accumulator] = field(default_factory=dict)  # dimension id or OVERALL
    questions: dict[str, list[float]] = field(default_factory=dict)  # question id -> [sum, count]
    choices: dict[str, dict[str, int]] = field(default_factory=dict)  # question id -> choice code -> count

    def merged(self, other: GroupState) -> GroupState:
        keys = self.scores.keys() | other.scores.keys()
        question_ids = self.questions.keys() | other.questions.keys()
        choices = {question_id: dict(counts) for question_id, counts in self.choices.items()}
        for question_id, counts in other.choices.items():
            for code, count in counts.items():
                choices.setdefault(question_id, {})[code] = choices.get(question_id, {}).get(code, 0) + count
        return GroupState(
            responses=self.responses + other.responses,
            scores={k: self.scores.get(k, Accumulator()).merged(other.scores.get(k, Accumulator())) for k in keys},
            questions={
                q: [a + b for a, b in zip(self.questions.get(q, [0, 0]), other.questions.get(q, [0, 0]), strict=True)]
                for q in question_ids
            },
            choices=choices,
        )
