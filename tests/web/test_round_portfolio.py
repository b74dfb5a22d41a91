"""The consultant's own portfolio: a client against the consultant's other clients' closed engagements, on the
round report and the deck, shown from 5 other clients."""

from __future__ import annotations

import io

from pptx import Presentation

from survey.extensions import db
from survey.store.engagements import close_round
from survey.store.models import Engagement
from tests.web.consultant import all_answers, create_engagement, login, make_consultant, seed_responses

GROUPS = [("Executive committee", "executive"), ("Marketing", "staff")]


def closed_client(app, browser, questionnaire, name: str, choice: str = "worst", close: bool = True) -> int:
    engagement_id = create_engagement(browser, name, GROUPS)
    for group, profile in GROUPS:
        seed_responses(app, engagement_id, group, all_answers(questionnaire, profile, choice), 3)
    if close:
        with app.app_context():
            close_round(db.session.get(Engagement, engagement_id).rounds[0])
            db.session.commit()
    return engagement_id


def portfolio_section(page: str) -> str:
    return page.split('id="portfolio-title"')[1].split("</section>")[0]


def test_a_client_is_compared_with_the_consultants_other_clients_from_five(app, consultant, questionnaire):
    client = closed_client(app, consultant, questionnaire, "Globex", "best", close=False)
    for n in range(4):
        closed_client(app, consultant, questionnaire, f"Client {n}")
    closed_client(app, consultant, questionnaire, "Globex")  # the same client again: never against itself
    closed_client(app, consultant, questionnaire, "Open Co", close=False)  # not closed: not in the portfolio
    url = f"/engagements/{client}/rounds/1/report"
    section = portfolio_section(consultant.get(url).get_data(as_text=True))
    assert "4 other clients so far, shown from 5." in section and "<table" not in section

    closed_client(app, consultant, questionnaire, "Client 4")
    section = portfolio_section(consultant.get(url).get_data(as_text=True))
    assert "against the median of 5 other organisations the same consultant audited." in section
    assert '<th scope="row">Overall</th><td>100</td><td>0</td><td>0–0</td>' in section  # they all answered worst

    response = consultant.get(f"/engagements/{client}/rounds/1/report.pptx")
    presentation = Presentation(io.BytesIO(response.data))
    from tests.web.test_deck_readable import check_readable

    check_readable(presentation)
    (slide,) = [
        s for s in presentation.slides if s.shapes.title and s.shapes.title.text == "Compared with other clients"
    ]
    table = next(shape.table for shape in slide.shapes if shape.has_table)
    assert [c.text for c in table.rows[len(table.rows) - 1].cells] == ["Overall", "100", "0", "0–0"]


def test_another_consultants_clients_never_count(app, client, consultant, questionnaire):
    from tests.conftest import Browser

    make_consultant(app, "bob@example.com")
    other = Browser(client.application.test_client())
    login(other, "bob@example.com")
    for n in range(5):
        closed_client(app, other, questionnaire, f"Bob's client {n}")
    mine = closed_client(app, consultant, questionnaire, "Globex", "best", close=False)
    page = consultant.get(f"/engagements/{mine}/rounds/1/report?lang=fr").get_data(as_text=True)
    assert "0 autres clients pour l’instant, affiché à partir de 5." in portfolio_section(page)


def test_a_large_rounds_deck_built_in_the_background_has_the_portfolio(app, consultant, questionnaire, monkeypatch):
    from tests.web.test_background_builds import run_worker

    client = closed_client(app, consultant, questionnaire, "Globex", "best", close=False)
    for n in range(5):
        closed_client(app, consultant, questionnaire, f"Client {n}")
    monkeypatch.setitem(app.config, "JOBS_MIN_RESPONSES", 1)
    url = f"/engagements/{client}/rounds/1/report.pptx"
    assert consultant.get(url).status_code == 202
    assert run_worker(app) == 1
    response = consultant.get(url)
    assert response.status_code == 200
    (slide,) = [
        s
        for s in Presentation(io.BytesIO(response.data)).slides
        if s.shapes.title and s.shapes.title.text == "Compared with other clients"
    ]
    table = next(shape.table for shape in slide.shapes if shape.has_table)
    assert [c.text for c in table.rows[len(table.rows) - 1].cells] == ["Overall", "100", "0", "0–0"]
