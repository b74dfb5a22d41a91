"""What a figure module hands the bench: Figure rows and the BenchRun they are measured in.

The scenario list (scenarios.py) imports the figure modules; they import this, never scenarios.py, so the
bench has no import cycle.
"""

from __future__ import annotations

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
