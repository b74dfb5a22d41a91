"""What a figure module hands the bench: Figure rows and the BenchRun they are measured in.

The scenario list (scenarios.py) imports the figure modules; they import this, never scenarios.py, so the
bench has no import cycle.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:  # types only: a figure module in a fresh process imports no site before it measures
    from bench.site import Site
    from bench.wrk import Load, Measure


class Figure(NamedTuple):
    """A row that is not a wrk load: a value, its target and which side of the target passes."""

    name: str
    value: float
    target: float | None = None
    comparison: str = ">="  # or "<="


@dataclass
class BenchRun:
    """What an extra figure can use: the live site (and its in-process app), the run's settings and loads."""

    site: Site
    seconds: int
    hello_site: Site
    hello_load: Load
    measures: dict[str, Measure] = field(default_factory=dict)  # scenario name -> wrk figures
    reference: Measure | None = None  # hello's figures beside the latest row (medians of its slices)
    references: list[Measure] = field(default_factory=list)  # every hello load of the run


ExtraFigures = Callable[[BenchRun], Iterable[Figure]]


def best_in_turns(works: dict[str, Callable[[], object]], turns: int) -> dict[str, tuple[float, object]]:
    """Each work's shortest CPU time of this process over `turns` turns in which every work runs once, one after
    the other, and what its last call returned. The machine's speed changes in phases of a few seconds: timed in
    turns, a ratio's two sides meet the same phases, where a block of one side's runs could fall in a slow one
    alone (the same render took 262-270 ms in some turns, 397-418 ms in others); the best time is the work itself.
    """
    found: dict[str, tuple[float, object]] = {name: (float("inf"), None) for name in works}
    for _ in range(turns):
        for name, work in works.items():
            started = time.process_time()
            result = work()
            found[name] = (min(found[name][0], time.process_time() - started), result)
    return found
