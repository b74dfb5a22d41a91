"""Load one URL with wrk and read its report: requests per second, latency percentiles, wrong statuses."""

from __future__ import annotations

import os
import re
import shutil
import statistics
import subprocess
from dataclasses import dataclass
from pathlib import Path

LUA_SCRIPT = Path(__file__).with_name("request.lua")
THREADS = 2
CONNECTIONS = 8

UNITS_IN_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0, "h": 3_600_000.0}
DURATION = r"([\d.]+)(us|ms|s|m|h)"


class WrkError(Exception):
    """wrk is missing, failed, or printed a report this module cannot read."""


@dataclass(frozen=True)
class Load:
    """One request, repeated: what wrk sends and the status every answer must have."""

    path: str
    method: str = "GET"
    body: str = ""
    headers: tuple[tuple[str, str], ...] = ()
    expect: int = 200


@dataclass(frozen=True)
class Measure:
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    requests: int
    unexpected: int  # answers whose status was not Load.expect
    unexpected_status: str
    socket_errors: int
    cpu_ms: float | None = None  # the server's CPU time per request, when measured (see bench.run.load_site)


def run_wrk(base_url: str, load: Load, seconds: int) -> Measure:
    """`wrk -t2 -c8 -d<seconds>s --latency` against base_url + load.path."""
    command = [require_wrk(), f"-t{THREADS}", f"-c{CONNECTIONS}", f"-d{seconds}s", "--latency", "-s", str(LUA_SCRIPT)]
    for name, value in load.headers:
        command += ["-H", f"{name}: {value}"]
    command.append(base_url + load.path)
    env = {**os.environ, "BENCH_METHOD": load.method, "BENCH_BODY": load.body, "BENCH_EXPECT": str(load.expect)}
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=seconds + 60, check=False)
    if done.returncode != 0:
        raise WrkError(f"wrk exited with {done.returncode}: {done.stderr.strip() or done.stdout.strip()}")
    return parse_wrk_output(done.stdout)


def median_measure(measures: list[Measure]) -> Measure:
    """Several slices of one load as one: medians of the rates and percentiles, sums of the counts."""
    return Measure(
        requests_per_second=statistics.median(m.requests_per_second for m in measures),
        p50_ms=statistics.median(m.p50_ms for m in measures),
        p99_ms=statistics.median(m.p99_ms for m in measures),
        requests=sum(m.requests for m in measures),
        unexpected=sum(m.unexpected for m in measures),
        unexpected_status=next((m.unexpected_status for m in measures if m.unexpected_status), ""),
        socket_errors=sum(m.socket_errors for m in measures),
        cpu_ms=statistics.median(m.cpu_ms for m in measures) if all(m.cpu_ms for m in measures) else None,
    )


def require_wrk() -> str:
    """wrk's path, or a WrkError that says how to install it."""
    wrk = shutil.which("wrk")
    if wrk is None:
        raise WrkError("wrk is not installed (apt-get install wrk)")
    return wrk


def parse_wrk_output(text: str) -> Measure:
    """Read the figures out of wrk's --latency report and the BENCH line printed by request.lua."""
    rate = _search(r"^Requests/sec:\s+([\d.]+)", text, "Requests/sec")
    bench_line = re.search(r"^BENCH unexpected=(\d+) status=(\S*)", text, re.MULTILINE)
    if bench_line is None:
        raise WrkError("no BENCH line: was wrk run with bench/request.lua?")
    socket_errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
    return Measure(
        requests_per_second=float(rate.group(1)),
        p50_ms=_milliseconds(_search(rf"^\s+50%\s+{DURATION}", text, "50% latency")),
        p99_ms=_milliseconds(_search(rf"^\s+99%\s+{DURATION}", text, "99% latency")),
        requests=int(_search(r"^\s+(\d+) requests in", text, "request count").group(1)),
        unexpected=int(bench_line.group(1)),
        unexpected_status=bench_line.group(2),
        socket_errors=sum(int(n) for n in socket_errors.groups()) if socket_errors else 0,
    )


def _search(pattern: str, text: str, what: str) -> re.Match:
    match = re.search(pattern, text, re.MULTILINE)
    if match is None:
        raise WrkError(f"no {what} in the wrk report:\n{text}")
    return match


def _milliseconds(match: re.Match) -> float:
    return float(match.group(1)) * UNITS_IN_MS[match.group(2)]
