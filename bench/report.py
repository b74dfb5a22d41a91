"""The bench's output: one table (printed, and written to bench/RESULTS.md with the machine it ran on)."""

from __future__ import annotations

import os
import platform
import sqlite3
import subprocess
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib.metadata import version

from bench.wrk import Measure

PASS, FAIL, SKIPPED, ERROR = "PASS", "FAIL", "SKIPPED", "ERROR"


@dataclass
class Row:
    name: str
    request: str = ""
    measure: Measure | None = None
    ratio: float | None = None
    target: float | None = None
    comparison: str = ">="
    result: str = ""  # PASS, FAIL, SKIPPED, ERROR or "" (no target)
    note: str = ""

    def judge(self) -> None:
        """PASS or FAIL against the target, unless the row was already skipped or failed to run."""
        if self.result or self.target is None or self.ratio is None:
            return
        ok = self.ratio >= self.target if self.comparison == ">=" else self.ratio <= self.target
        self.result = PASS if ok else FAIL


HEADER = ("Scenario", "Request", "req/s", "p50 ms", "p99 ms", "CPU ms", "Ratio", "Target", "Result")


def table(rows: list[Row]) -> str:
    """A Markdown table, aligned so that it also reads well in a terminal."""
    cells = [HEADER] + [_cells(row) for row in rows]
    widths = [max(len(line[i]) for line in cells) for i in range(len(HEADER))]
    numeric = {2, 3, 4, 5, 6}

    def line(values) -> str:
        padded = (
            v.rjust(w) if i in numeric else v.ljust(w) for i, (v, w) in enumerate(zip(values, widths, strict=True))
        )
        return "| " + " | ".join(padded) + " |"

    rule = "|" + "|".join(("-" * (w + 1) + ":") if i in numeric else "-" * (w + 2) for i, w in enumerate(widths)) + "|"
    return "\n".join([line(HEADER), rule, *(line(c) for c in cells[1:])])


def _cells(row: Row) -> tuple[str, ...]:
    measure = row.measure
    return (
        row.name,
        row.request,
        f"{measure.requests_per_second:.0f}" if measure else "",
        f"{measure.p50_ms:.1f}" if measure else "",
        f"{measure.p99_ms:.1f}" if measure else "",
        f"{measure.cpu_ms:.2f}" if measure and measure.cpu_ms else "",
        f"{row.ratio:.3f}" if row.ratio is not None else "",
        f"{row.comparison} {row.target:g}" if row.target is not None else "",
        row.result,
    )


def notes(rows: list[Row]) -> list[str]:
    return [f"{row.name}: {row.note}" for row in rows if row.note]


def machine() -> dict[str, str]:
    """What the figures depend on: cores, CPU, Python, the servers and the load tool."""
    return {
        "Date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "CPU": f"{cpu_model()}, {len(os.sched_getaffinity(0))} cores available (nproc)",
        "Python": f"{platform.python_implementation()} {platform.python_version()}",
        "OS": f"{platform.system()} {platform.release()}",
        "Software": f"gunicorn {version('gunicorn')}, Flask {version('flask')}, SQLite {sqlite3.sqlite_version}, "
        f"{wrk_version()}",
    }


def cpu_model() -> str:
    try:
        with open("/proc/cpuinfo") as cpuinfo:
            for line in cpuinfo:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def wrk_version() -> str:
    done = subprocess.run(["wrk", "--version"], capture_output=True, text=True, check=False)
    first_line = (done.stdout or done.stderr).splitlines()[:1]
    return " ".join(first_line[0].split()[:2]) if first_line else "wrk"


def markdown(rows: list[Row], settings: dict[str, str], command: str) -> str:
    """The whole RESULTS.md: how to read it, where it ran, the table, the notes."""
    lines = [
        "# Bench results",
        "",
        f"Written by `{command}` (see bench/README.md). Ratio = the row's requests per second divided by",
        "hello's, measured in the same run on the same gunicorn settings; Target is the lowest acceptable ratio.",
        "",
        *(f"- {key}: {value}" for key, value in {**machine(), **settings}.items()),
        "",
        table(rows),
    ]
    if notes(rows):
        lines += ["", "Notes:", "", *(f"- {note}" for note in notes(rows))]
    return "\n".join(lines) + "\n"
