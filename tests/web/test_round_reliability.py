"""The round report's method: alpha per practice once a closed round has 30 responses."""

from __future__ import annotations

import random

from survey.domain.questionnaire.model import DONT_KNOW
from survey.extensions import db
from survey.store.engagements import close_round
from survey.store.models import Engagement
from tests.web.consultant import create_engagement, seed_responses

GROUPS = [("Executive committee", "executive"), ("Marketing", "staff")]


def varied_answers(questionnaire, profile: str, level: int, rng) -> dict[str, str]:
    """Answers around one level of maturity (0-3), so that a practice's questions move together."""
    answers = {}
    for question_id in questionnaire.applicable_question_ids(profile):
        choices = questionnaire.questions_by_id[question_id].choices
        index = max(0, min(len(choices) - 1, level + rng.choice((-1, 0, 0, 1))))
        answers[question_id] = DONT_KNOW if rng.random() < 0.05 else choices[index].value
    return answers


def test_alpha_per_practice_appears_once_a_closed_round_has_30_responses(app, consultant, questionnaire):
    engagement_id = create_engagement(consultant, "Globex", GROUPS)
    rng = random.Random(3)
    for n in range(29):
        seed_responses(
            app, engagement_id, GROUPS[n % 2][0], varied_answers(questionnaire, GROUPS[n % 2][1], n % 4, rng), 1
        )
    url = f"/engagements/{engagement_id}/rounds/1/report"
    page = consultant.get(url).get_data(as_text=True)
    assert "shown once the round is closed with at least 30 responses (29 so far)" in page

    seed_responses(app, engagement_id, GROUPS[0][0], varied_answers(questionnaire, "executive", 2, rng), 1)
    with app.app_context():
        close_round(db.session.get(Engagement, engagement_id).rounds[0])
        db.session.commit()
    page = consultant.get(url).get_data(as_text=True)
    assert "Cronbach’s alpha, on 30 responses" in page
    first = questionnaire.dimensions[0].title.en
    row = page.split(f'<th scope="row">{first}</th>')[1].split("</tr>")[0]
    assert "0." in row or "1.00" in row  # a figure, not a dash
    french = consultant.get(url + "?lang=fr").get_data(as_text=True)
    assert "Alpha de Cronbach, sur 30 réponses" in french
    row = french.split(f'<th scope="row">{questionnaire.dimensions[0].title.fr}</th>')[1].split("</tr>")[0]
    assert "0," in row or "1,00" in row  # the reader's decimal comma


def test_closing_a_round_adds_its_scores_to_the_benchmark_only_when_the_client_agreed(app, consultant, questionnaire):
    from survey.store.benchmark import contributions_count, read_cell

    engagement_id = create_engagement(consultant, "Globex", GROUPS)
    rng = random.Random(5)
    for n in range(4):
        seed_responses(app, engagement_id, GROUPS[0][0], varied_answers(questionnaire, "executive", n % 4, rng), 1)
    url = f"/engagements/{engagement_id}/rounds/1/close"
    page = consultant.get(url).get_data(as_text=True)
    assert 'name="benchmark" value="agreed"' in page and "checked" not in page.split('name="benchmark"')[1][:40]
    done = consultant.post(url, {"sector": "retail", "size_band": "1-49"}, follow=True)  # box not ticked
    assert done.status_code == 200
    with app.app_context():
        assert contributions_count() == 0

    engagement_id = create_engagement(consultant, "Initech", GROUPS)
    for n in range(4):
        seed_responses(app, engagement_id, GROUPS[0][0], varied_answers(questionnaire, "executive", n % 4, rng), 1)
    url = f"/engagements/{engagement_id}/rounds/1/close"
    consultant.get(url)
    done = consultant.post(url, {"benchmark": "agreed", "sector": "retail", "size_band": "1-49"}, follow=True)
    assert "Withdrawal code, shown only once" in done.get_data(as_text=True)
    with app.app_context():
        assert contributions_count() == 1 and read_cell("retail").count == 1
