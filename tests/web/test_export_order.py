"""Issue 22, point 4: the rows of the exports, the API and the workbook come in an order that says nothing of
when anyone started: by group, then by a keyed hash of the response (HMAC under a key derived from SECRET_KEY).
"""

from __future__ import annotations

import csv
import hashlib
import hmac
import io

import openpyxl
import pytest

from survey.store.tokens import derivation_key
from tests.web.consultant import all_answers, api_token_for, create_engagement, login, make_consultant, seed_responses

QUESTIONS = 3  # 8 respondents, told apart by their answers to three questions (best or worst each)


@pytest.fixture()
def started_in_order(app, browser, questionnaire):
    """Eight people in Community management, started one after the other (ids ascending), each recognisable by
    the answers they gave; three in the Executive committee."""
    make_consultant(app, "ada@consulting.test")
    login(browser, "ada@consulting.test")
    engagement_id = create_engagement(browser, "Globex")
    best, worst = all_answers(questionnaire, "staff", "best"), all_answers(questionnaire, "staff", "worst")
    marked = list(best)[:QUESTIONS]
    signatures = {}
    for person in range(8):
        answers = dict(best)
        for bit, question in enumerate(marked):
            if person >> bit & 1:
                answers[question] = worst[question]
        [(response_id, _)] = seed_responses(app, engagement_id, "Community management", answers, 1)
        signatures[tuple(answers[q] for q in marked)] = response_id
    seed_responses(app, engagement_id, "Executive committee", all_answers(questionnaire, "executive", "best"), 3)
    return engagement_id, marked, signatures


def keyed_order(app, response_ids: list[int]) -> list[int]:
    key = derivation_key(app.config["SECRET_KEY"], "export-order")
    return sorted(response_ids, key=lambda rid: hmac.new(key, str(rid).encode(), hashlib.sha256).digest())


def test_rows_come_by_group_then_keyed_hash_not_in_start_order(app, browser, started_in_order):
    engagement_id, marked, signatures = started_in_order
    start_order = sorted(signatures.values())
    expected = keyed_order(app, start_order)
    assert expected != start_order
    base = f"/engagements/{engagement_id}/rounds/1"

    body = browser.get(f"{base}/responses.csv").get_data(as_text=True).lstrip("\ufeff")
    rows = list(csv.DictReader(io.StringIO(body)))
    assert [row["group"] for row in rows] == ["Executive committee"] * 3 + ["Community management"] * 8
    staff = [signatures[tuple(row[q] for q in marked)] for row in rows[3:]]
    assert staff == expected

    exported = browser.get(f"{base}/responses.json").get_json()["responses"]
    assert [signatures[tuple(r["answers"][q] for q in marked)] for r in exported[3:]] == expected
    headers = {"Authorization": f"Bearer {api_token_for(app, 'ada@consulting.test')}"}
    api = app.test_client().get(f"/api/v1/engagements/{engagement_id}/rounds/1/responses", headers=headers)
    assert [signatures[tuple(r["answers"][q] for q in marked)] for r in api.get_json()["responses"][3:]] == expected

    book = openpyxl.load_workbook(io.BytesIO(browser.get(f"{base}/report.xlsx").data))
    sheet = book["Responses"]
    header = [cell.value for cell in sheet[2]]
    lines = list(sheet.iter_rows(min_row=3, values_only=True))
    assert [line[0] for line in lines] == ["Executive committee"] * 3 + ["Community management"] * 8
    labels = [[line[header.index(q)] for q in marked] for line in lines[3:]]
    assert len({tuple(label) for label in labels}) == 8  # eight different people, in the hash's order too
    csv_labels = browser.get(f"{base}/responses-labels.csv").get_data(as_text=True).lstrip("\ufeff")
    labelled = [[row[q] for q in marked] for row in list(csv.DictReader(io.StringIO(csv_labels)))[3:]]
    assert labels == labelled
