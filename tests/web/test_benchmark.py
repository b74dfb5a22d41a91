"""The opt-in benchmark pool: contributions, withdrawal, the k-anonymity rule through the API. Both databases."""

from __future__ import annotations

from sqlalchemy import inspect, select

from survey.extensions import db
from survey.store.benchmark import contribute, contributions_count, read_cell, withdraw
from survey.store.models import BenchmarkContribution


def add(app, n: int, sector="retail", size="50-249", profile="executive", base=40) -> list[str]:
    with app.app_context():
        return [contribute({"overall": base + i, "strategy": base + 2 * i}, profile, sector, size) for i in range(n)]


def test_the_api_shows_percentiles_from_ten_organisations_and_withholds_them_below(app, client):
    add(app, 9)
    response = client.get("/api/v1/benchmark?sector=retail&size=50-249&profile=executive")
    assert response.status_code == 404
    assert "9 organisations so far" in response.get_json()["error"]
    add(app, 1, base=49)
    body = client.get("/api/v1/benchmark?sector=retail&size=50-249&profile=executive").get_json()
    assert body["count"] == 10 and body["k"] == 10
    # overall scores 40..48 and 49: quartiles 42.25, 44.5, 46.75 -> 42, 45 (half up), 47
    assert body["dimensions"]["overall"] == {"p25": 42, "p50": 45, "p75": 47}
    assert set(body["dimensions"]) == {"overall", "strategy"}
    assert client.get("/api/v1/benchmark?sector=finance").status_code == 404


def test_a_bad_filter_is_named(client):
    response = client.get("/api/v1/benchmark?sector=casino")
    assert response.status_code == 422 and "casino" in response.get_json()["error"]


def test_withdrawing_with_the_code_takes_the_contribution_out_of_every_figure(app, client):
    codes = add(app, 10)
    assert client.get("/api/v1/benchmark?sector=retail").status_code == 200
    with app.app_context():
        assert withdraw("not-a-code") is False
        assert withdraw(codes[3]) is True
        assert withdraw(codes[3]) is False  # once only
        assert contributions_count() == 9
        assert read_cell("retail").count == 9
    assert client.get("/api/v1/benchmark?sector=retail").status_code == 404


def test_a_contribution_keeps_no_link_to_a_response_and_only_the_codes_hash(app):
    (code,) = add(app, 1)
    with app.app_context():
        columns = {c["name"] for c in inspect(db.engine).get_columns("benchmark_contributions")}
        assert not inspect(db.engine).get_foreign_keys("benchmark_contributions")
        assert not {"organisation", "response_id", "comment", "created_at"} & columns
        row = db.session.scalars(select(BenchmarkContribution)).one()
        assert code not in (row.withdrawal_hash, row.id) and len(row.id) == 36
        assert row.scores == {"overall": 40, "strategy": 40}


def test_the_openapi_document_describes_the_benchmark(client):
    paths = client.get("/api/v1/openapi.json").get_json()["paths"]
    assert "404" in paths["/benchmark"]["get"]["responses"]


# The respondent's side ---------------------------------------------------------------------------------------


def submitted_executive(browser, questionnaire) -> str:
    from tests.web.journey import answer_everything, start

    token = start(browser, "executive", "Initech")
    answer_everything(browser, questionnaire, token, "executive")
    browser.get(f"/r/{token}/review")
    assert browser.post(f"/r/{token}/submit").status_code == 302
    return token


def test_an_executive_opts_in_sees_the_median_and_withdraws_with_the_code(app, client, questionnaire):
    from tests.conftest import Browser

    add(app, 9, sector="retail", size="50-249", profile="executive")
    browser = Browser(client)
    token = submitted_executive(browser, questionnaire)
    page = browser.get(f"/r/{token}/report").get_data(as_text=True)
    assert "Compared with organisations like yours" in page
    assert "9 so far in every sector, shown from 10." in page
    assert 'name="sector"' in page and "Add my organisation" in page  # never joined by default
    with app.app_context():
        assert read_cell().count == 9

    done = browser.post(f"/r/{token}/benchmark", {"sector": "retail", "size_band": "50-249", "country": "fr"})
    assert done.status_code == 200
    code = done.get_data(as_text=True).split('id="withdrawal-code">')[1].split("<")[0]
    assert len(code) >= 22
    page = browser.get(f"/r/{token}/report").get_data(as_text=True)
    assert "Your organisation against the median of 10 organisations in retail, 50 to 249 employees." in page
    assert "Add my organisation" not in page
    with app.app_context():
        row = db.session.scalars(select(BenchmarkContribution).where(BenchmarkContribution.country == "FR")).one()
        assert "Initech" not in str(row.scores)

    browser.get("/benchmark/withdraw")
    wrong = browser.post("/benchmark/withdraw", {"code": "nope"})
    assert wrong.status_code == 422 and "No contribution has this code" in wrong.get_data(as_text=True)
    assert browser.post("/benchmark/withdraw", {"code": code}).status_code == 200
    with app.app_context():
        assert read_cell().count == 9


def test_a_bad_join_form_names_the_field_and_adds_nothing(app, client, questionnaire):
    from tests.conftest import Browser

    browser = Browser(client)
    token = submitted_executive(browser, questionnaire)
    browser.get(f"/r/{token}/report")
    response = browser.post(f"/r/{token}/benchmark", {"sector": "casino", "size_band": "50-249"})
    assert response.status_code == 422
    with app.app_context():
        assert contributions_count() == 0


def test_an_unsubmitted_response_cannot_join(app, client, questionnaire):
    from tests.conftest import Browser
    from tests.web.journey import start

    browser = Browser(client)
    token = start(browser, "executive")
    page = browser.get(f"/r/{token}/report").get_data(as_text=True)
    assert "Compared with organisations like yours" not in page
    browser.get("/benchmark/withdraw")  # a page with a CSRF token
    assert browser.post(f"/r/{token}/benchmark", {"sector": "retail", "size_band": "1-49"}).status_code == 404


def test_the_benchmark_section_speaks_french(app, client, questionnaire):
    from tests.conftest import Browser

    add(app, 12, sector="health", size="1-49", profile="executive")
    browser = Browser(client)
    token = submitted_executive(browser, questionnaire)
    page = browser.get(f"/r/{token}/report?lang=fr&sector=health").get_data(as_text=True)
    assert "Comparé à des organisations comme la vôtre" in page
    assert "Votre organisation face à la médiane de 12 organisations (la santé)." in page
    page = browser.get(f"/r/{token}/report?lang=fr&sector=retail").get_data(as_text=True)
    assert "0 pour l’instant (la distribution), affiché à partir de 10." in page


def test_respondents_with_alike_figures_each_get_their_own_tokens_in_the_section(app, client, questionnaire):
    """The section is rendered once for alike figures (benchmark_section): each visitor's join form must still
    post to their own private link with their own CSRF token, and joining changes only their own section."""
    import re

    from tests.conftest import Browser

    add(app, 10, sector="retail", size="50-249", profile="executive")
    first, second = Browser(app.test_client()), Browser(app.test_client())
    tokens = [submitted_executive(browser, questionnaire) for browser in (first, second)]
    join_form = re.compile(r'<form method="post" action="([^"]+)" class="benchmark-join">.*?value="([^"]+)"', re.S)
    seen = []
    for browser, token in zip((first, second), tokens, strict=True):
        page = browser.get(f"/r/{token}/report?sector=retail").get_data(as_text=True)
        assert "median of 10 organisations in retail" in page
        action, csrf = join_form.search(page).groups()
        seen.append((action, csrf))
    assert [action for action, _ in seen] == [f"/r/{token}/benchmark" for token in tokens]
    assert seen[0][1] != seen[1][1]
    joined = second.post(
        f"/r/{tokens[1]}/benchmark", {"sector": "retail", "size_band": "50-249", "csrf_token": seen[1][1]}
    )
    assert joined.status_code == 200
    assert "Your scores are in the benchmark." in second.get(f"/r/{tokens[1]}/report").get_data(as_text=True)
    page = first.get(f"/r/{tokens[0]}/report?sector=retail").get_data(as_text=True)
    assert "median of 11 organisations in retail" in page and "Add my organisation" in page


def test_a_demo_pool_is_said_to_be_demo_data(app, client, questionnaire):
    from tests.conftest import Browser

    with app.app_context():
        from survey.store.benchmark import seed_demo_pool

        seed_demo_pool([d.id for d in questionnaire.dimensions])
    assert client.get("/api/v1/benchmark?sector=retail").get_json()["demo"] is True
    browser = Browser(client)
    token = submitted_executive(browser, questionnaire)
    page = browser.get(f"/r/{token}/report?sector=retail").get_data(as_text=True)
    assert "Demo data: this pool is synthetic." in page


# The PDF scorecard -------------------------------------------------------------------------------------------


def pdf_text(browser, url: str) -> str:
    import io

    from pypdf import PdfReader

    response = browser.get(url)
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    return " ".join(
        " ".join((page.extract_text() or "").split()) for page in PdfReader(io.BytesIO(response.data)).pages
    )


def test_the_pdf_scorecard_shows_the_benchmark_the_report_page_shows(app, client, questionnaire):
    from tests.conftest import Browser

    add(app, 9, sector="retail", size="50-249", profile="executive")
    browser = Browser(client)
    token = submitted_executive(browser, questionnaire)
    text = pdf_text(browser, f"/r/{token}/report.pdf")
    assert "Compared with organisations like yours" in text
    assert "9 so far in every sector, shown from 10." in text

    browser.get(f"/r/{token}/report")  # the join form's CSRF token
    assert browser.post(f"/r/{token}/benchmark", {"sector": "retail", "size_band": "50-249"}).status_code == 200
    page = browser.get(f"/r/{token}/report").get_data(as_text=True)
    text = pdf_text(browser, f"/r/{token}/report.pdf")  # the pool changed: a new PDF, not the cached one
    assert "Your organisation against the median of 10 organisations in retail, 50 to 249 employees." in text
    assert "so far" not in text
    with app.app_context():
        cell = read_cell("retail", "50-249", "executive")
    overall = cell.dimensions["overall"]
    own = page.split(">Overall</th><td>")[1].split("<")[0]
    assert f"Overall {own} {overall.p50} {overall.p25}–{overall.p75}" in text
    assert "Median" in text and "Middle half (25th–75th percentile)" in text


def test_the_pdf_scorecard_shows_the_benchmark_in_french(app, client, questionnaire):
    from tests.conftest import Browser

    add(app, 12, sector="health", size="1-49", profile="executive")
    browser = Browser(client)
    token = submitted_executive(browser, questionnaire)
    text = pdf_text(browser, f"/r/{token}/report.pdf?lang=fr&sector=health")
    assert "Votre organisation face à la médiane de 12 organisations (la santé)." in text.replace("\u202f", " ")


def test_a_report_of_nothing_but_dont_know_opens_without_a_benchmark(app, client, questionnaire):
    """A candidate who knows nothing yet has no score to compare or to add: the report opens (it was a 500)."""
    from tests.conftest import Browser
    from tests.web.journey import start, steps_for

    browser = Browser(client)
    token = start(browser, "candidate", "Acme")
    for step in steps_for(questionnaire, "candidate"):
        if step.kind == "importance":
            data = {d.id: "3" for d in questionnaire.dimensions}
            url = f"/r/{token}/importance"
        else:
            data = {q.id: "dont_know" for q in questionnaire.dimension(step.id).applicable_questions("candidate")}
            url = f"/r/{token}/q/{step.id}"
        browser.get(url)
        assert browser.post(url, {**data, "action": "next"}).status_code == 302
    browser.get(f"/r/{token}/review")
    assert browser.post(f"/r/{token}/submit").status_code == 302
    report = browser.get(f"/r/{token}/report")
    assert report.status_code == 200 and "Not enough information" in report.get_data(as_text=True)
    assert "Compared with organisations like yours" not in report.get_data(as_text=True)
    assert browser.post(f"/r/{token}/benchmark", {"sector": "retail", "size_band": "1-49"}).status_code == 404
