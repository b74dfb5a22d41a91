"""The aggregated report, its PDF and the exports, on hand-computable rounds."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from survey.extensions import db
from survey.store.models import Engagement, RenderedDocument, Response, RoleGroup
from tests.web.consultant import all_answers, create_engagement, seed_responses

GROUPS = [("Executive committee", "executive"), ("Community management", "staff"), ("Legal", "staff")]


@pytest.fixture()
def hand_set(app, consultant, questionnaire):
    """3 executives answer every question at its best (100), 3 community managers at its worst (0),
    1 legal counsel at its best: each dimension's mean is 400 / 7, the gap between the two groups 100."""
    engagement_id = create_engagement(consultant, "Globex", GROUPS)
    best_executive = all_answers(questionnaire, "executive", "best")
    seed_responses(app, engagement_id, "Executive committee", best_executive, 3, comment="Validation is fast.")
    seed_responses(app, engagement_id, "Community management", all_answers(questionnaire, "staff", "worst"), 3)
    seed_responses(app, engagement_id, "Legal", all_answers(questionnaire, "staff", "best"), 1, comment="Lawyer here")
    return engagement_id


def test_report_shows_means_spread_groups_and_gaps(consultant, hand_set, questionnaire):
    page = consultant.get(f"/engagements/{hand_set}/rounds/1/report").get_data(as_text=True)
    assert "7 submitted responses in round 1." in page
    assert "<svg" in page and "All respondents" in page  # the radar, one series per group shown and everyone
    mean = f"{400 / 7:.1f}"  # 57.1
    assert f"<td><strong>{mean}</strong></td><td>0.0</td>\n      <td>100.0</td><td>49.5</td>" in page
    assert "weak" in page  # standard deviation 49.5 points: no consensus
    assert "Executive committee <span" in page and "Community management <span" in page
    # Every practice is 100 points apart: the three widest stand out, the others are listed below them.
    assert "Perception gap" in page and page.count('<article class="answer-gap">') == 3
    other_gaps = page.split("Other gaps, widest first")[1].split("</table>")[0]
    assert other_gaps.count('<th scope="row">') == len(questionnaire.dimensions) - 3
    assert "Executive committee 100.0, Community management 0.0" in page
    assert "100.0 points apart" in page


def test_a_group_under_three_responses_is_never_shown_alone(consultant, hand_set):
    page = consultant.get(f"/engagements/{hand_set}/rounds/1/report").get_data(as_text=True)
    assert "Fewer responses in: Legal." in page and "count only in" in page
    scores_by_group = page.split("Scores by group")[1].split("</table>")[0]
    assert "Legal" not in scores_by_group and "Other groups" not in scores_by_group
    comments = page.split('id="comments-title"')[1]
    assert "Validation is fast." in comments  # comments, without their group
    assert "Lawyer here" not in page  # a group of one: its comment could name its author
    assert "1 comment from a group with fewer than 3 respondents is withheld" in comments
    assert "Legal" not in comments.split("</section>")[0]


def test_small_groups_together_reaching_three_are_shown_as_other_groups(app, consultant, hand_set, questionnaire):
    consultant.get(f"/engagements/{hand_set}/edit")
    with app.app_context():
        rows = [(g.id, g.name, g.profile) for g in db.session.get(Engagement, hand_set).groups]
    data = {"client_name": "Globex", "language": "en"}
    for index, (group_id, name, profile) in enumerate([*rows, (None, "HR", "staff")]):
        data |= {f"groups-{index}-id": group_id or "", f"groups-{index}-name": name, f"groups-{index}-profile": profile}
    assert consultant.post(f"/engagements/{hand_set}/edit", data).status_code == 302
    seed_responses(app, hand_set, "HR", all_answers(questionnaire, "staff", "worst"), 2)
    page = consultant.get(f"/engagements/{hand_set}/rounds/1/report").get_data(as_text=True)
    assert "Fewer responses in: Legal, HR. They are shown together as “Other groups”." in page
    scores_by_group = page.split("Scores by group")[1].split("</table>")[0]
    assert "Other groups <span" in scores_by_group and f"{100 / 3:.1f}" in scores_by_group


def test_fewer_than_three_respondents_show_participation_only(app, consultant, questionnaire):
    engagement_id = create_engagement(consultant, "Initech", GROUPS)
    seed_responses(app, engagement_id, "Legal", all_answers(questionnaire, "staff", "best"), 2, comment="Secret")
    page = consultant.get(f"/engagements/{engagement_id}/rounds/1/report").get_data(as_text=True)
    assert "Results appear from 3 submitted responses" in page
    assert "<svg" not in page and "Secret" not in page and "Scores by group" not in page
    assert "Participation per group" in page


def test_progress_compares_round_two_with_round_one(app, consultant, questionnaire):
    engagement_id = create_engagement(consultant, "Hooli", GROUPS)
    seed_responses(app, engagement_id, "Community management", all_answers(questionnaire, "staff", "worst"), 3)
    consultant.get(f"/engagements/{engagement_id}")
    consultant.post(f"/engagements/{engagement_id}/rounds")
    seed_responses(app, engagement_id, "Community management", all_answers(questionnaire, "staff", "best"), 3, number=2)
    page = consultant.get(f"/engagements/{engagement_id}/rounds/2/report").get_data(as_text=True)
    assert "Progress since round 1" in page and "Overall score by group, round 1 and round 2" in page
    assert '<td>0.0</td><td>100.0</td>\n      <td class="up">+100.0</td>' in page
    assert page.count("<svg") == 2  # the groups' radar, and the rounds' radar


def test_pdf_carries_the_client_logo_and_the_same_content(app, consultant, hand_set):
    from tests.web.test_consultant_engagements import image_bytes

    with app.app_context():
        engagement = db.session.get(Engagement, hand_set)
        engagement.logo, engagement.logo_mime = image_bytes("PNG"), "image/png"
        engagement.client_name = "Globex <script>alert(1)</script>"
        db.session.commit()
    response = consultant.get(f"/engagements/{hand_set}/rounds/1/report.pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    reader = PdfReader(io.BytesIO(response.data))
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "Globex <script>alert(1)</script>" in text  # printed as text, never run
    for words in ("Perception gaps", "Participation", "Validation is fast.", "Fewer responses in: Legal"):
        assert words in text
    assert "Lawyer here" not in text  # a comment of a group under the threshold, not chosen for the client
    assert "Confidential — Globex <script>alert(1)</script>" in text  # the running footer
    images = [image for page in reader.pages for image in page.images]
    assert any(image.image.size == (120, 40) for image in images)


def round_pdfs(app) -> list[dict]:
    """The round PDFs kept in the shared cache (their meta: language and round)."""
    with app.app_context():
        rows = db.session.scalars(select(RenderedDocument).where(RenderedDocument.response_id.is_(None))).all()
        return [row.meta for row in rows]


def test_round_pdfs_are_rendered_once_per_data_language_and_logo(app, consultant, hand_set, questionnaire, monkeypatch):
    from survey.documents.pdf import cache as document_cache
    from tests.web.test_consultant_engagements import image_bytes

    renders = []
    real_render = document_cache.render_pdf
    monkeypatch.setattr(document_cache, "render_pdf", lambda *args: renders.append(1) or real_render(*args))
    url = f"/engagements/{hand_set}/rounds/1/report.pdf"
    first = consultant.get(url)
    assert consultant.get(url).data == first.data and len(renders) == 1  # the second download is the stored PDF
    with app.app_context():  # the PDF speaks the engagement's language (not the browser's): French is a new PDF
        db.session.get(Engagement, hand_set).language = "fr"
        db.session.commit()
    assert consultant.get(url + "?lang=en").status_code == 200 and len(renders) == 2
    with app.app_context():
        engagement = db.session.get(Engagement, hand_set)
        engagement.logo, engagement.logo_mime = image_bytes("PNG"), "image/png"
        db.session.commit()
    with_logo = consultant.get(url)
    assert with_logo.data != first.data and len(renders) == 3  # a new logo: a new PDF
    # Two more lawyers: legal reaches 3 people, so its comments are shown
    seed_responses(app, hand_set, "Legal", all_answers(questionnaire, "staff", "worst"), 2, comment="Second lawyer")
    assert "Second lawyer" in pdf_text(consultant.get(url).data) and len(renders) == 4
    assert [meta["lang"] for meta in round_pdfs(app)] == ["fr"]  # the round's older PDFs are gone


def test_erasing_a_response_or_the_engagement_erases_the_round_pdfs(app, consultant, hand_set):
    consultant.get(f"/engagements/{hand_set}/rounds/1/report.pdf")
    with app.app_context():
        legal = select(RoleGroup.id).where(RoleGroup.engagement_id == hand_set, RoleGroup.name == "Legal")
        lawyer = db.session.scalars(select(Response.id).where(Response.group_id.in_(legal))).one()
    page = f"/engagements/{hand_set}/responses/{lawyer}/delete"
    consultant.get(page)
    assert consultant.post(page).status_code == 302
    assert round_pdfs(app) == []
    assert "Lawyer here" not in pdf_text(consultant.get(f"/engagements/{hand_set}/rounds/1/report.pdf").data)
    assert len(round_pdfs(app)) == 1
    consultant.get(f"/engagements/{hand_set}/delete")
    assert consultant.post(f"/engagements/{hand_set}/delete").status_code == 302
    assert round_pdfs(app) == []


def pdf_text(data: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_csv_has_a_bom_and_one_row_per_submitted_response(app, consultant, hand_set, questionnaire):
    response = consultant.get(f"/engagements/{hand_set}/rounds/1/responses.csv")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    assert response.data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(response.data.decode("utf-8-sig"))))
    question_ids = list(questionnaire.questions_by_id)
    scores = [f"score_{d.id}" for d in questionnaire.dimensions] + ["score_overall"]
    assert rows[0] == ["group", "profile", "submitted_on", *question_ids, *scores]
    assert len(rows) == 1 + 6  # the lone legal counsel's row never leaves (see test_exports_anonymity)
    groups = sorted(row[0] for row in rows[1:])
    assert groups == ["Community management"] * 3 + ["Executive committee"] * 3
    executive = next(row for row in rows[1:] if row[0] == "Executive committee")
    expected = all_answers(questionnaire, "executive", "best")
    answers = executive[3 : 3 + len(question_ids)]
    assert dict(zip(question_ids, answers, strict=True)) == {q: expected.get(q, "") for q in question_ids}
    assert executive[1] == "executive" and re.fullmatch(r"\d{4}-\d{2}-\d{2}", executive[2])
    assert executive[-1] == "100.0"


def test_json_export_leaves_a_lone_small_group_out(consultant, hand_set):
    response = consultant.get(f"/engagements/{hand_set}/rounds/1/responses.json")
    data = json.loads(response.data)
    assert data["round"] == 1 and len(data["responses"]) == 6
    assert all(r["group"] for r in data["responses"])


def test_csv_cells_are_never_formulas(app, consultant, questionnaire):
    engagement_id = create_engagement(consultant, "X", [("=HYPERLINK(1)", "staff")])
    seed_responses(app, engagement_id, "=HYPERLINK(1)", all_answers(questionnaire, "staff", "best"), 3)
    body = consultant.get(f"/engagements/{engagement_id}/rounds/1/responses.csv").data.decode("utf-8-sig")
    assert "\r\n'=HYPERLINK(1),staff," in body


def test_report_and_pdf_speak_french(consultant, hand_set):
    page = consultant.get(f"/engagements/{hand_set}/rounds/1/report?lang=fr").get_data(as_text=True)
    assert '<html lang="fr">' in page
    for words in ("Écarts de perception", "Tous les répondants", "Moins de réponses dans\u202f: Legal.", "Écart type"):
        assert words in page
