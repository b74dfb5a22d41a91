"""Ask my team, end to end in a real Chromium: the executive creates the team survey from their report, four
team members answer from fresh browsers through the team link, the team page shows the gaps; then a second
round shows the progress. In both languages."""

from __future__ import annotations

import pytest

from survey.domain.questionnaire.journey import steps_for
from survey.extensions import db, get_questionnaire
from survey.store.models import Engagement
from tests.e2e.live import seed_response
from tests.e2e.pages import answer_survey_by_clicking, submit_and_wait

pytestmark = pytest.mark.e2e

TEAM_MEMBERS = 4
TEXTS = {
    "en": {
        "gaps": "Where you and your team see it differently",
        "count": "4 of 6 team answers.",
        "progress": "Progress since round 1",
    },
    "fr": {
        "gaps": "Là où votre équipe et vous voyez les choses autrement",
        "count": "4 réponses de l’équipe sur 6.",
        "progress": "Progrès depuis la vague 1",
    },
}


def team_member_answers(chromium, questionnaire, link: str, executive: str, lang: str) -> None:
    """A fresh browser (no cookie of anyone's) opens the team link, answers every page by clicking, submits."""
    context = chromium.new_context()
    try:
        member = context.new_page()
        member.set_default_timeout(15_000)
        member.goto(f"{link}?lang={lang}")
        assert "Acme" in member.content() and executive not in member.content()
        submit_and_wait(member, "form[action*='/i/'] button[type=submit]")
        answer_survey_by_clicking(member, steps_for(questionnaire, "staff"))
        submit_and_wait(member, "form[action$='/submit'] button[type=submit]")
        # The member lands on their own report, which never leads to the executive's.
        assert "/r/" in member.url and executive not in member.url and executive not in member.content()
    finally:
        context.close()


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_an_executive_asks_their_team_and_sees_the_gaps(chromium, page, server, lang):
    with server.app.app_context():
        questionnaire = get_questionnaire()
    executive = seed_response(server.app, "executive", lang, organisation="Acme", submitted=True)
    page.goto(f"{server.url}/r/{executive}/report")
    page.fill("#ask-team-target", "6")
    submit_and_wait(page, "section.ask-team button[type=submit]")
    assert page.url.endswith(f"/r/{executive}/team")
    link = page.locator("input.team-link").first.input_value()
    assert "/i/" in link and executive not in link

    for _ in range(TEAM_MEMBERS):
        team_member_answers(chromium, questionnaire, link, executive, lang)

    page.reload()
    text = page.locator("body").inner_text()
    assert TEXTS[lang]["count"] in text
    assert TEXTS[lang]["gaps"] in text
    assert page.locator("article.answer-gap").count() >= 1
    assert page.locator("figure.team-radar svg").count() == 1

    # Measure again: round 2, through a new link; its answers show the progress.
    submit_and_wait(page, "form[action$='/team/again'] button[type=submit]")
    assert page.locator("input.team-link").first.input_value() != link
    with server.app.app_context():
        engagement = (
            db.session.query(Engagement)
            .filter(Engagement.owner_response_id.is_not(None))
            .order_by(Engagement.id.desc())
            .first()
        )
        round_id, group_id = engagement.current_round.id, engagement.groups[0].id
    for _ in range(3):
        seed_response(server.app, "staff", lang, submitted=True, round_id=round_id, group_id=group_id)
    page.reload()
    assert TEXTS[lang]["progress"] in page.locator("body").inner_text()
