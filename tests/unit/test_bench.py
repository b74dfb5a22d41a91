"""The bench's own logic that needs no server: reading wrk's report, judging and printing rows."""

from __future__ import annotations

import pytest

from bench.figures import Figure
from bench.report import FAIL, PASS, Row, table
from bench.wrk import Measure, WrkError, median_measure, parse_wrk_output

WRK_REPORT = """\
Running 5s test @ http://127.0.0.1:40001/r/abc/q/validation
  2 threads and 8 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency    31.20ms   12.04ms 120.51ms   80.00%
    Req/Sec   103.50     20.11   150.00     70.00%
  Latency Distribution
     50%  850.00us
     75%   35.10ms
     90%   48.70ms
     99%    1.20s
  1035 requests in 5.01s, 30.12MB read
  Socket errors: connect 0, read 3, write 0, timeout 1
  Non-2xx or 3xx responses: 2
Requests/sec:    206.59
Transfer/sec:      6.01MB
BENCH unexpected=2 status=400
"""


def test_wrk_report_is_read_with_its_units():
    measure = parse_wrk_output(WRK_REPORT)
    assert measure == Measure(
        requests_per_second=206.59,
        p50_ms=0.85,
        p99_ms=1200.0,
        requests=1035,
        unexpected=2,
        unexpected_status="400",
        socket_errors=4,
    )


def test_a_report_without_the_lua_line_is_refused():
    with pytest.raises(WrkError, match="request.lua"):
        parse_wrk_output(WRK_REPORT.replace("BENCH unexpected=2 status=400\n", ""))


@pytest.mark.parametrize(
    ("ratio", "target", "comparison", "result"),
    [(0.30, 0.25, ">=", PASS), (0.20, 0.25, ">=", FAIL), (2.0, 3.0, "<=", PASS), (None, 0.25, ">=", "")],
)
def test_rows_are_judged_against_their_target(ratio, target, comparison, result):
    row = Row("x", ratio=ratio, target=target, comparison=comparison)
    row.judge()
    assert row.result == result


def test_table_is_markdown_with_one_line_per_row():
    rows = [Row("hello", "GET /", ratio=1.0), Row("survey page", "GET /q", ratio=0.31, target=0.25)]
    lines = table(rows).splitlines()
    assert len(lines) == 4 and all(line.startswith("|") and line.endswith("|") for line in lines)
    assert "0.310" in lines[3] and ">= 0.25" in lines[3]


def test_slices_combine_into_medians_and_sums():
    def slice_(rate, cpu, unexpected=0):
        return Measure(rate, rate / 100, rate / 10, int(rate), unexpected, "500" if unexpected else "", 0, cpu)

    combined = median_measure([slice_(100, 2.0), slice_(300, 4.0, unexpected=1), slice_(200, 3.0)])
    assert (combined.requests_per_second, combined.p50_ms, combined.cpu_ms) == (200, 2.0, 3.0)
    assert (combined.requests, combined.unexpected, combined.unexpected_status) == (600, 1, "500")


def test_extra_figures_become_judged_rows_and_a_broken_one_an_error(monkeypatch):
    from bench import run

    def pdf_render(bench_run):
        return [("PDF render / one-line HTML", 0.4, 0.3), Figure("aggregation, 1000 responses (s)", 2.5, 2.0, "<=")]

    def broken(bench_run):
        raise RuntimeError("no PDF yet")

    monkeypatch.setattr(run, "EXTRA_FIGURES", [pdf_render, broken])
    rows = run.extra_figures(bench_run=None)
    assert [(row.name, row.result) for row in rows] == [
        ("PDF render / one-line HTML", PASS),
        ("aggregation, 1000 responses (s)", FAIL),
        ("broken", "ERROR"),
    ]
