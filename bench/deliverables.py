"""How fast the round's deliverables are built, against the floors of the same work, in one process:
the workbook of a round of 10,000 responses against a raw driver read of its answer rows, the deck
against a bare python-pptx script building the same slides (bench/pptx_reference.py).

    .venv/bin/python -m bench.deliverables                 (SQLite; a few minutes; --size to change the round)
    .venv/bin/python -m bench.deliverables --postgresql    (also on a throw-away database of TEST_DATABASE_URL's server)

Seeds a throw-away database as bench.aggregation does (bulk inserts and the app's own tally writer), adds
a comment to one response in twenty, then times, best of a few runs, the CPU time of this process (one
thread does the work, so it is the work itself, and barely moves when other programs share the machine;
on PostgreSQL the database's own work happens in its server, on both sides of each ratio):

- the workbook's first build, as the job worker runs it for a large round (web/jobs.py: the builder the
  consultant blueprint registers), over `cursor.execute` + `fetchall` of the same answer rows on a raw
  DBAPI connection (no SQLAlchemy, no ORM); target <= 2.5;
- the workbook's size over the same responses sheet written by XlsxWriter, which writes shared strings
  (target <= 2); and, printed beside it, the responses sheet alone written three ways: the app's direct
  writer (xlsx_rows.py), XlsxWriter, rustpy-xlsxwriter;
- the deck's first build over bench/pptx_reference.py replaying the same slides (text, fonts, fills,
  tables, native charts, pictures) with python-pptx alone; target <= 1.5;
- a download of an unchanged round's deck and workbook through the test client (the stored or kept copy)
  over the raw read: what a repeated download costs.
"""

from __future__ import annotations

import argparse
import io
import os
import random
import re
import tempfile
from collections.abc import Callable
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from flask_migrate import upgrade
from sqlalchemy import insert, select

from bench.aggregation import GROUPS, PASSWORD, seed_round
from bench.figures import Figure, best_in_turns
from survey import create_app
from survey.documents.round.deliverable_cache import DOCUMENTS as KEPT
from survey.extensions import db
from survey.store.accounts import create_consultant
from survey.store.engagements import create_engagement
from survey.store.models import DimensionNote, Response
from survey.store.tallies import submitted_answers
from tests.databases import postgresql_database

WORKBOOK_TARGET, SIZE_TARGET, DECK_TARGET = 2.5, 2.0, 1.5


def add_comments(app, round_id: int, rng: random.Random) -> None:
    questionnaire = app.extensions["questionnaire"]
    ids = db.session.scalars(select(Response.id).where(Response.round_id == round_id)).all()
    notes = [
        {"response_id": rid, "dimension_id": rng.choice(questionnaire.dimensions).id, "comment": f"Remark {rid}"}
        for rid in ids[::20]
    ]
    db.session.execute(insert(DimensionNote), notes)
    db.session.commit()


def best(work: Callable[[], object], runs: int) -> tuple[float, object]:
    """The shortest CPU time of this process over `runs` calls of `work`, and what the last call returned."""
    return best_in_turns({"work": work}, runs)["work"]


@contextmanager
def database(postgresql: bool):
    """A throw-away database: a SQLite file, or one created on TEST_DATABASE_URL's server and dropped."""
    if not postgresql:
        with tempfile.TemporaryDirectory() as folder:
            yield f"sqlite:///{Path(folder) / 'bench.db'}"
        return
    base = os.environ.get("TEST_DATABASE_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
    with postgresql_database(base, "bench_") as url:
        yield url


def raw_read(app, round_id: int) -> list[tuple]:
    """The workbook's answer rows, read as a bare driver would: cursor.execute + fetchall."""
    statement = submitted_answers(round_id, Response.submitted_at)
    sql = str(statement.compile(db.engine, compile_kwargs={"literal_binds": True}))
    connection = db.engine.raw_connection()
    try:
        cursor = connection.cursor()
        cursor.execute(sql)
        return cursor.fetchall()
    finally:
        connection.close()


def build(app, kind: str, payload: dict) -> bytes:
    """A first build as the job worker runs it (web/jobs.py), the instance's kept copies dropped first."""
    KEPT.clear()
    with app.test_request_context():
        return app.extensions["job_builders"][kind](payload)[0]


def sheet_cells(app, rows: list[tuple]) -> tuple[list[str], list[list]]:
    """The responses sheet's header and rows, from the raw rows, as the workbook shows them (English)."""
    from itertools import groupby

    questionnaire = app.extensions["questionnaire"]
    questions = list(questionnaire.questions_by_id)
    labels = {(q.id, c.value): c.label.en for q in questionnaire.questions_by_id.values() for c in q.choices}
    labels |= {(q, "dont_know"): "Don't know" for q in questions}
    out = []
    for _, answers in groupby(rows, key=lambda row: row[0]):
        answers = list(answers)
        _, group, profile, submitted, _, _ = answers[0]
        submitted = datetime.fromisoformat(submitted) if isinstance(submitted, str) else submitted
        values = {question: value for *_, question, value in answers}
        out.append([f"Group {group}", profile, submitted, *(labels.get((q, values.get(q))) for q in questions)])
    return ["Group", "Profile", "Submitted on", *questions], out


def xlsxwriter_sheet(header: list[str], rows: list[list]) -> bytes:
    import xlsxwriter

    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True})
    sheet, dates = book.add_worksheet("Responses"), book.add_format({"num_format": "yyyy-mm-dd"})
    sheet.write_row(0, 0, header)
    for number, row in enumerate(rows, start=1):
        sheet.write_row(number, 0, row[:2])
        sheet.write_datetime(number, 2, row[2], dates)
        sheet.write_row(number, 3, row[3:])
    book.close()
    return out.getvalue()


def rustpy_sheet(header: list[str], rows: list[list], folder: Path) -> bytes:
    from rustpy_xlsxwriter import write_worksheet

    target = folder / "rustpy.xlsx"
    write_worksheet([dict(zip(header, row, strict=True)) for row in rows], str(target), dedupe_strings=True)
    return target.read_bytes()


def direct_sheet(header: list[str], rows: list[list]) -> bytes:
    """The app's writer (xlsx_rows.py): openpyxl writes the header and first row, the rest is spliced."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    from survey.documents.workbook.xlsx_rows import SharedStrings, splice_rows

    book = Workbook(write_only=True)
    sheet = book.create_sheet("Responses")
    sheet.append(header)
    first = WriteOnlyCell(sheet, value=rows[0][2])
    first.number_format = "yyyy-mm-dd"
    sheet.append([*rows[0][:2], first, *rows[0][3:]])
    out = io.BytesIO()
    book.save(out)
    texts = SharedStrings()
    spliced = [((texts.id(r[0]), texts.id(r[1])), r[2], [texts.id(v) for v in r[3:]]) for r in rows[1:]]
    return splice_rows(out.getvalue(), 1, "C", 2, spliced, texts)


def signed_in(app):
    client = app.test_client()
    page = client.get("/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    client.post("/login", data={"email": "bench@example.com", "password": PASSWORD, "csrf_token": token})
    return client


def run(size: int = 10_000, runs: int = 3, postgresql: bool = False) -> dict:
    """Seed one round and time the builds and their references; the times (s), sizes (bytes) and ratios."""
    from bench.pptx_reference import build as replay
    from bench.pptx_reference import describe

    backend = "PostgreSQL" if postgresql else "SQLite"
    with database(postgresql) as url, tempfile.TemporaryDirectory() as folder:
        app = create_app(
            {
                "SQLALCHEMY_DATABASE_URI": url,
                "RATELIMIT_ENABLED": False,
                "SERVER_NAME": "bench.test",
                "JOBS_MIN_RESPONSES": 10**9,  # downloads built in the request, for the unchanged-round rows
            }
        )
        rng = random.Random(2026)
        with app.app_context():
            upgrade()
            consultant = create_consultant("bench@example.com", PASSWORD)
            engagement = create_engagement(consultant.id, "Bench", "en", GROUPS, None)
            round_id = engagement.rounds[0].id
            seed_round(app, engagement.id, round_id, size, rng)
            add_comments(app, round_id, rng)
            payload = {"consultant_id": consultant.id, "engagement_id": engagement.id, "number": 1}
            base = f"/engagements/{engagement.id}/rounds/1/"
        with app.app_context():
            slides = describe(build(app, "pptx", payload))  # read once, not timed: the script's input
            timed = best_in_turns(
                {
                    "raw read": lambda: raw_read(app, round_id),
                    "workbook": lambda: build(app, "xlsx", payload),
                    "deck": lambda: build(app, "pptx", payload),
                    "deck replay": lambda: replay(*slides),
                },
                runs + 2,
            )
            (read_time, rows), (workbook_time, workbook) = timed["raw read"], timed["workbook"]
            deck_time, replay_time = timed["deck"][0], timed["deck replay"][0]
            header, cells = sheet_cells(app, rows)
            writers = {
                "direct writer (xlsx_rows.py)": lambda: direct_sheet(header, cells),
                "XlsxWriter": lambda: xlsxwriter_sheet(header, cells),
                "rustpy-xlsxwriter": lambda: rustpy_sheet(header, cells, Path(folder)),
            }
            sheets = {name: best(write, 1) for name, write in writers.items()}
        client = signed_in(app)
        client.get(base + "report.xlsx"), client.get(base + "report.pptx")  # kept after a first download
        unchanged = {
            name: best(lambda path=path: client.get(base + path), runs + 2)[0]
            for name, path in (("workbook", "report.xlsx"), ("deck", "report.pptx"))
        }
        with app.app_context():
            db.engine.dispose()
    return {
        "backend": backend,
        "load": os.getloadavg()[0],
        "rows": len(rows),
        "times": {
            "raw read": read_time,
            "workbook": workbook_time,
            "deck": deck_time,
            "deck replay": replay_time,
            **{f"{name} unchanged": t for name, t in unchanged.items()},
        },
        "sizes": {"workbook": len(workbook), **{name: len(data) for name, (_, data) in sheets.items()}},
        "sheet times": {name: t for name, (t, _) in sheets.items()},
    }


def figures_of(result: dict) -> list[Figure]:
    times, sizes, backend = result["times"], result["sizes"], result["backend"]
    return [
        Figure(
            f"workbook first build / raw read, 10,000 responses, {backend}",
            times["workbook"] / times["raw read"],
            WORKBOOK_TARGET,
            "<=",
        ),
        Figure(
            f"workbook size / XlsxWriter shared strings, {backend}",
            sizes["workbook"] / sizes["XlsxWriter"],
            SIZE_TARGET,
            "<=",
        ),
        Figure(
            f"deck first build / bare python-pptx, {backend}", times["deck"] / times["deck replay"], DECK_TARGET, "<="
        ),
        Figure(f"workbook (unchanged round) / raw read, {backend}", times["workbook unchanged"] / times["raw read"]),
        Figure(f"deck (unchanged round) / raw read, {backend}", times["deck unchanged"] / times["raw read"]),
    ]


def report(result: dict) -> None:
    print(f"{result['backend']}: {result['rows']} answer rows; 1-minute load average {result['load']:.1f}")
    for name, seconds in result["times"].items():
        print(f"  {name:<28} {seconds * 1000:9.1f} ms")
    for name, seconds in result["sheet times"].items():
        size = result["sizes"][name]
        print(f"  responses sheet, {name:<30} {seconds * 1000:9.1f} ms, {size / 1e6:6.2f} MB")
    print(f"  workbook file: {result['sizes']['workbook'] / 1e6:.2f} MB")
    for figure in figures_of(result):
        target = "" if figure.target is None else f"(target {figure.comparison} {figure.target:g})"
        print(f"  {figure.name}: {figure.value:.2f} {target}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=10_000)
    parser.add_argument("--postgresql", action="store_true", help="also on PostgreSQL (TEST_DATABASE_URL's server)")
    args = parser.parse_args()
    for postgresql in (False, True) if args.postgresql else (False,):
        report(run(args.size, postgresql=postgresql))


def deliverables_figures(bench_run) -> list:
    """The bench table's rows, on SQLite, and on PostgreSQL when TEST_DATABASE_URL is set."""
    rows = figures_of(run())
    if os.environ.get("TEST_DATABASE_URL"):
        rows += figures_of(run(postgresql=True))
    return rows


if __name__ == "__main__":
    main()
