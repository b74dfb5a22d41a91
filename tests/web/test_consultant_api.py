"""The JSON API: scoring, a consultant's objects, errors in JSON, and a schemathesis run with no 5xx."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from contextlib import contextmanager

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from werkzeug.serving import make_server

from survey.domain.questionnaire.scoring import score_answers
from tests.web.consultant import (
    all_answers,
    api_token_for,
    create_engagement,
    login,
    make_consultant,
    seed_responses,
)


@pytest.fixture()
def owner(app, browser, questionnaire):
    """A consultant with an engagement (7 submitted responses), and an API token."""
    make_consultant(app, "ada@example.com")
    login(browser, "ada@example.com")
    groups = [("Executive committee", "executive"), ("Community management", "staff"), ("Legal", "staff")]
    engagement_id = create_engagement(browser, "Globex", groups)
    seed_responses(app, engagement_id, "Executive committee", all_answers(questionnaire, "executive", "best"), 3)
    seed_responses(app, engagement_id, "Community management", all_answers(questionnaire, "staff", "worst"), 3)
    seed_responses(app, engagement_id, "Legal", all_answers(questionnaire, "staff", "best"), 1)
    return engagement_id, {"Authorization": f"Bearer {api_token_for(app, 'ada@example.com')}"}


def test_score_is_the_cli_in_json(client, questionnaire):
    sheet = {"profile": "staff", "answers": all_answers(questionnaire, "staff", "best")}
    response = client.post("/api/v1/score", json=sheet)
    assert response.status_code == 200
    cli = score_answers(questionnaire, "staff", sheet["answers"]).as_dict()
    assert response.json["overall"] == cli["overall"]
    assert [{key: d[key] for key in cli["dimensions"][0]} for d in response.json["dimensions"]] == cli["dimensions"]
    assert response.json["overall"]["score"] == 100
    assert response.json["plan"] == [] and response.json["verdict"] is None  # nothing below the top


def test_score_says_what_the_answers_mean_in_the_language_asked(client, questionnaire):
    answers = all_answers(questionnaire, "candidate", "worst")
    first = next(iter(answers))
    sheet = {"profile": "candidate", "answers": {**answers, first: "dont_know"}, "importance": {"validation": 5}}
    found = client.post("/api/v1/score?lang=fr", json=sheet).json
    assert found["verdict"]["id"] == "serious_concerns" and found["verdict"]["title"] == "Sérieuses réserves"
    assert {flag["question"] for flag in found["red_flags"]} == {
        q
        for q, v in answers.items()
        if q != first and questionnaire.questions_by_id[q].choices_by_value[v].risk == "high"
    }
    assert [item for item in found["interview_questions"] if item["question"] == first][0]["rank"] == 1
    assert client.post("/api/v1/score?lang=de", json=sheet).status_code == 422
    executive = {"profile": "executive", "answers": all_answers(questionnaire, "executive", "worst")}
    plan = client.post("/api/v1/score", json=executive).json["plan"]
    assert plan and {item["effort"] for item in plan} <= {"low", "medium", "high"}
    assert all(set(item) >= {"dimension", "question", "action", "owner", "effort", "horizon_days"} for item in plan)


@pytest.mark.parametrize(
    "body,status,words",
    [
        (b"{not json", 400, "malformed JSON"),
        (b"\xff\xfe", 400, "UTF-8"),
        (b"[]", 422, "not a list"),
        (b'"text"', 422, "JSON object"),
        (b'{"profile": "ceo"}', 422, "unknown profile"),
        (b'{"profile": "staff", "answers": {"nope": "x"}}', 422, "unknown question id 'nope'"),
    ],
)
def test_score_errors_are_json_with_a_message(client, body, status, words):
    response = client.post("/api/v1/score", data=body, content_type="application/json")
    assert response.status_code == status and words in response.json["error"]


def test_unknown_api_path_and_method_answer_json(client):
    assert client.get("/api/v1/nope").json == {"error": client.get("/api/v1/nope").json["error"]}
    assert client.get("/api/v1/score").status_code == 405 and "error" in client.get("/api/v1/score").json


def test_engagements_rounds_scores_and_responses(client, owner, questionnaire):
    engagement_id, headers = owner
    listed = client.get("/api/v1/engagements", headers=headers).json["engagements"]
    assert [(e["id"], e["client_name"], e["rounds"]) for e in listed] == [(engagement_id, "Globex", 1)]
    detail = client.get(f"/api/v1/engagements/{engagement_id}", headers=headers).json
    assert [g["name"] for g in detail["groups"]] == ["Executive committee", "Community management", "Legal"]
    round_one = client.get(f"/api/v1/engagements/{engagement_id}/rounds/1", headers=headers).json
    assert [(g["started"], g["submitted"]) for g in round_one["groups"]] == [(3, 3), (3, 3), (1, 1)]
    assert all(g["invite_url"].startswith("http://survey.test/i/") for g in round_one["groups"])
    scores = client.get(f"/api/v1/engagements/{engagement_id}/rounds/1/scores", headers=headers).json
    assert scores["respondents"] == 7 and scores["has_results"]
    assert scores["dimensions"]["autonomy"]["mean"] == round(400 / 7, 2)
    assert scores["dimensions"]["autonomy"]["consensus"] == "weak"
    assert [g["name"] for g in scores["groups"]] == ["Executive committee", "Community management"]
    assert scores["merged_groups"] == ["Legal"] and not scores["merged_shown"]
    assert scores["gaps"][0]["difference"] == 100 and scores["gaps"][0]["highlighted"]
    exported = client.get(f"/api/v1/engagements/{engagement_id}/rounds/1/responses", headers=headers).json
    assert len(exported["responses"]) == 6 and exported["questions"] == list(questionnaire.questions_by_id)
    assert all(r["group"] and "submitted_at" not in r for r in exported["responses"])  # the lone legal row stays
    missing = client.get(f"/api/v1/engagements/{engagement_id}/rounds/9/scores", headers=headers)
    assert missing.status_code == 404 and missing.json == {"error": "no such round"}
    assert client.get("/api/v1/engagements/99999999999999", headers=headers).status_code == 404


def test_openapi_document_describes_every_route(app, client):
    document = client.get("/api/v1/openapi.json").json
    assert document["openapi"].startswith("3.")
    routes = {rule.rule.removeprefix("/api/v1") for rule in app.url_map.iter_rules() if rule.rule.startswith("/api/v1")}
    documented = {path.replace("{", "<int:").replace("}", ">") for path in document["paths"]}
    documented = {p.replace("<int:", "<").replace("<", "<int:") for p in documented}
    assert routes - {"/openapi.json"} == documented


def test_schemathesis_finds_no_server_error(app, owner):
    """Generated requests against every operation, with a valid token: never a 5xx."""
    _, headers = owner
    schema = schemathesis.openapi.from_dict(json.loads(app.test_client().get("/api/v1/openapi.json").data))
    schema.app = app
    for result in schema.get_all_operations():
        operation = result.ok()

        @settings(
            max_examples=15,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        @given(case=operation.as_strategy())
        def check(case):
            response = case.call(headers=headers, app=app)
            assert response.status_code < 500, (case.method, case.formatted_path, response.text[:300])
            case.validate_response(response, headers=headers)

        check()


@contextmanager
def served(app):
    """The app on a free loopback port, in a thread, for a client in another process."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join()


def test_schemathesis_run_with_every_check_passes(app, owner, tmp_path):
    """`schemathesis run --checks all` with a token, as the issue's attack session ran it: every phase
    (examples, coverage with undeclared methods, fuzzing, stateful), every check (status codes, schemas,
    negative data rejected, auth not ignored, Allow on a 405...)."""
    _, headers = owner
    with served(app) as base:
        command = [sys.executable, "-m", "schemathesis.cli", "run", f"{base}/api/v1/openapi.json"]
        command += ["--url", f"{base}/api/v1", "--checks", "all", "-H", f"Authorization: {headers['Authorization']}"]
        command += ["--max-examples", "10", "--workers", "1", "--seed", "14", "--warnings", "off"]
        run = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stdout[-4000:] + run.stderr[-2000:]
    assert "Tested: 8" in run.stdout  # 7 before the benchmark (issue 28)
