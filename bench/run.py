"""The bench run: a throw-away database, the app and hello under gunicorn, each scenario loaded with wrk."""

from __future__ import annotations

import argparse
import os
import secrets
import shlex
import signal
import statistics
import sys
import tempfile
from dataclasses import replace
from pathlib import Path

from bench.figures import BenchRun, Figure
from bench.report import ERROR, FAIL, SKIPPED, Row, markdown, notes, table
from bench.scenarios import EXTRA_FIGURES, SCENARIOS, Scenario
from bench.servers import WORKERS, ServerError, gunicorn
from bench.site import Site, migrated_app, seed
from bench.wrk import CONNECTIONS, THREADS, Load, Measure, WrkError, median_measure, require_wrk, run_wrk
from survey.extensions import db

RESULTS = Path(__file__).with_name("RESULTS.md")


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument(
        "-d", "--duration", type=int, default=5, help="seconds of load per row, and as much of hello (5)"
    )
    parser.add_argument("--slice", type=int, default=1, help="seconds of each turn of hello and the row (1)")
    parser.add_argument("--warmup", type=int, default=1, help="seconds of unmeasured load before each row (1)")
    parser.add_argument("--only", action="append", default=[], help="run scenarios whose name contains this")
    parser.add_argument("--no-figures", action="store_true", help="the wrk rows only, none of EXTRA_FIGURES")
    parser.add_argument(
        "--gunicorn-args", default="", help='extra gunicorn options, e.g. "-k sync --threads 1" (more threads: gthread)'
    )
    parser.add_argument("--output", type=Path, help=f"where to write the results ({RESULTS}; not with --only)")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    for sig in (signal.SIGTERM, signal.SIGHUP):  # so that the servers are stopped by the finally clauses
        signal.signal(sig, lambda signum, frame: sys.exit(128 + signum))
    scenarios = [s for s in SCENARIOS if s.reference or not args.only or any(o in s.name for o in args.only)]
    try:
        with tempfile.TemporaryDirectory(prefix="readiness-bench-") as tmp:
            rows, settings = run(scenarios, args, Path(tmp))
    except (ServerError, WrkError) as error:
        print(f"bench: {error}", file=sys.stderr)
        return 2
    print(table(rows))
    for note in notes(rows):
        print(f"  {note}")
    output = args.output or (None if args.only else RESULTS)
    if output:
        command = shlex.join(["python", "-m", "bench", *(argv if argv is not None else sys.argv[1:])])
        output.write_text(markdown(rows, settings, command))
        print(f"written to {output}")
    return 1 if any(row.result in (FAIL, ERROR) for row in rows) else 0


def run(scenarios: list[Scenario], args: argparse.Namespace, tmp: Path) -> tuple[list[Row], dict[str, str]]:
    load_before = os.getloadavg()[0]
    secret_key = secrets.token_urlsafe(32)
    database_url = f"sqlite:///{tmp / 'bench.db'}"
    app = migrated_app(database_url, secret_key)
    seeded = seed(app)
    env = {
        "APP_ENV": "production",
        "SECRET_KEY": secret_key,
        "TRUSTED_HOSTS": "127.0.0.1",
        "DATABASE_URL": database_url,
    }
    extra = shlex.split(args.gunicorn_args)
    require_wrk()
    with (
        gunicorn("hello", "bench.hello_app:app", env, tmp, extra) as hello,
        gunicorn("app", "app:app", env, tmp, extra, ready_path="/healthz") as web,
    ):
        reference = next(s for s in scenarios if s.reference)
        hello_site = Site(hello.base_url, app, seeded, hello.cpu_seconds)
        site = Site(web.base_url, app, seeded, web.cpu_seconds)
        bench_run = BenchRun(site, args.duration, hello_site, reference.load(hello_site))
        warm_up(hello_site, bench_run.hello_load, args.warmup)
        rows = [measure(scenario, bench_run, args) for scenario in scenarios if not scenario.reference]
        rows.insert(0, reference_row(reference, bench_run))
        rows += [] if args.no_figures else extra_figures(bench_run)
        settings = {
            "Servers": f"gunicorn.conf.py, {WORKERS} workers, worker class {web.worker_class()}"
            + (f", {args.gunicorn_args}" if args.gunicorn_args else "")
            + "; throw-away SQLite; APP_ENV=production",
            "Load": f"wrk -t{THREADS} -c{CONNECTIONS} --latency, {args.duration} s per row after {args.warmup} s of "
            f"warm-up, in {args.slice}-second slices alternating with hello's; figures are medians over the slices, "
            "each ratio the median of a slice's req/s over the hello slice just before it",
            "Machine load": f"1-minute load average {load_before:.1f} before the run, {os.getloadavg()[0]:.1f} at "
            "its end (the bench itself accounts for up to 4: more means other work shared the cores)",
        }
    with app.app_context():
        db.engine.dispose()
    return rows, settings


WHOLE_TURNS = 3  # pairs of whole loads (hello, then the row) of a `whole` row


def measure(scenario: Scenario, bench_run: BenchRun, args: argparse.Namespace) -> Row:
    """Set up, check one request answers as expected, load the row and hello in turns; a broken one is an ERROR."""
    site = bench_run.site
    row = Row(scenario.name, target=scenario.target)
    print(f"bench: {scenario.name}...", file=sys.stderr, flush=True)
    try:
        load = scenario.load(site)
        row.request = f"{load.method} {redact(load.path, site)}"
        first = site.request(load.method, load.path, load.body, dict(load.headers))
        if scenario.optional and first.status == 404:
            row.result, row.note = SKIPPED, f"{row.request} answers 404 (not built yet): skipped"
            return row
        if first.status != load.expect:
            row.result, row.note = ERROR, f"the first request answered {first.status}, expected {load.expect}"
            return row
        warm_up(site, load, args.warmup)
        hellos, loads = paired_loads(bench_run, load, args, scenario.whole)
    except (WrkError, ValueError, OSError) as error:
        row.result, row.note = ERROR, str(error)
        return row
    bench_run.references += hellos
    bench_run.reference = median_measure(hellos)
    bench_run.measures[scenario.name] = row.measure = result = median_measure(loads)
    if result.unexpected:
        row.result = ERROR
        row.note = f"{result.unexpected} of {result.requests} answered {result.unexpected_status}, not {load.expect}"
    if result.socket_errors:
        row.note = (row.note + "; " if row.note else "") + f"{result.socket_errors} socket errors"
    pairs = zip(loads, hellos, strict=True)
    ratios = [m.requests_per_second / h.requests_per_second for m, h in pairs if h.requests_per_second]
    row.ratio = statistics.median(ratios) if ratios else None
    row.judge()
    return row


def paired_loads(
    bench_run: BenchRun, load: Load, args: argparse.Namespace, whole: int = 0
) -> tuple[list[Measure], list[Measure]]:
    """Hello and the row in turns, a slice each: a neighbour's burst of work then weighs on both sides of a ratio.
    A `whole` row is loads of that many seconds, each after one of hello as long, WHOLE_TURNS times: the row's
    ratio is then the median pair's, and one pair that met a slow phase of the machine on one side alone does
    not decide it (seen here: 0.22 once between 0.33 and 0.43)."""
    seconds, turns = (whole, WHOLE_TURNS) if whole else (args.slice, max(1, args.duration // args.slice))
    hellos, loads = [], []
    for _ in range(turns):
        hellos.append(load_site(bench_run.hello_site, bench_run.hello_load, seconds))
        loads.append(load_site(bench_run.site, load, seconds))
    return hellos, loads


def load_site(site: Site, load: Load, seconds: int) -> Measure:
    """One wrk load, with the CPU time the server spent on it per request."""
    before = site.server_cpu_seconds()
    measure = run_wrk(site.base_url, load, seconds)
    used_ms = (site.server_cpu_seconds() - before) * 1000
    return replace(measure, cpu_ms=used_ms / measure.requests if measure.requests else None)


def warm_up(site: Site, load: Load, seconds: int) -> None:
    """Unmeasured load first: templates compiled, connections opened, caches filled in both workers."""
    if seconds > 0:
        run_wrk(site.base_url, load, seconds)


def reference_row(reference: Scenario, bench_run: BenchRun) -> Row:
    """Hello's row: the median of its loads, and their spread (a wide one means a busy machine)."""
    load = bench_run.hello_load
    row = Row(reference.name, f"{load.method} {load.path}", ratio=1.0)
    if bench_run.references:
        row.measure = median_measure(bench_run.references)
        rates = sorted(m.requests_per_second for m in bench_run.references)
        row.note = f"{len(rates)} slices, alternating with the rows': {rates[0]:.0f} to {rates[-1]:.0f} req/s"
    return row


def extra_figures(bench_run: BenchRun) -> list[Row]:
    rows = []
    for figures in EXTRA_FIGURES:
        try:
            for figure in figures(bench_run):
                name, value, target, comparison = Figure(*figure)  # plain tuples may leave out the defaults
                row = Row(name, ratio=value, target=target, comparison=comparison)
                row.judge()
                rows.append(row)
        except Exception as error:  # one broken figure must not hide the others
            rows.append(Row(getattr(figures, "__name__", "extra figure"), result=ERROR, note=repr(error)))
    return rows


def redact(path: str, site: Site) -> str:
    """Paths as templates: the throw-away tokens mean nothing in a results file."""
    for key in ("staff_token", "report_token"):
        path = path.replace(str(site.seeded.get(key)), "<token>")
    return path
