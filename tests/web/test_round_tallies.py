"""A round's tallies: written with each submit, edit and erase, read by the report instead of every answer.

The reference is aggregate_rows, the one-pass aggregation of every answer row of the round: whatever
happens to a round, its report from tallies must give the same figures.
"""

from __future__ import annotations

import random
import re
import threading

import pytest
from flask_migrate import upgrade
from markupsafe import escape
from sqlalchemy import func, select

from survey import create_app
from survey.domain.questionnaire.model import DONT_KNOW
from survey.domain.rounds.aggregate import aggregate_rows, aggregate_tallies
from survey.extensions import db
from survey.store.accounts import create_consultant
from survey.store.engagements import create_engagement as create_engagement_row
from survey.store.models import Answer, Engagement, Response, RoundScoreValue, RoundTally
from survey.store.responses import create_response, delete_response, save_answers, submit_response
from survey.store.round_data import COMMENTS_PER_DIMENSION, aggregate_round, round_groups, submitted_per_group
from survey.store.tallies import read_round, responses_per_group, submitted_answers
from tests.conftest import BACKENDS, Browser, throwaway_database
from tests.figures import assert_same_figures
from tests.web.consultant import all_answers, create_engagement, seed_responses

GROUPS = [("Executive committee", "executive"), ("Marketing", "staff"), ("Community", "staff"), ("Legal", "staff")]


def streamed_aggregate(questionnaire, round_):
    """The reference: every answer row of the round through the one-pass aggregator."""
    rows = db.session.connection().execute(submitted_answers(round_.id))
    return aggregate_rows(questionnaire, rows, round_groups(round_))


def random_sheet(rng: random.Random, questionnaire, profile: str) -> dict[str, str]:
    """Every applicable question answered, about one in six "don't know" (some sheets all of them)."""
    all_dont_know = rng.random() < 0.05
    return {
        question.id: DONT_KNOW
        if all_dont_know or rng.random() < 0.17
        else rng.choice([choice.value for choice in question.choices])
        for dimension in questionnaire.dimensions
        for question in dimension.applicable_questions(profile)
    }


def assert_tallies_match_the_answers(questionnaire, round_) -> None:
    """The stored tallies, as written (no rebuild), against the aggregation of every answer."""
    tallies = read_round(db.session.connection(), questionnaire, round_.id)
    assert responses_per_group(tallies) == submitted_per_group(round_.id)
    expected = streamed_aggregate(questionnaire, round_)
    assert_same_figures(aggregate_tallies(questionnaire, tallies, round_groups(round_)), expected)
    assert_same_figures(aggregate_round(questionnaire, round_), expected)


@pytest.mark.parametrize("seed", range(6))
def test_random_rounds_with_edits_and_erasures_give_the_streamed_figures(app, questionnaire, seed):
    rng = random.Random(seed)
    with app.app_context():
        consultant = create_consultant(f"random{seed}@example.com", "a long enough password")
        engagement = create_engagement_row(consultant.id, "Random", "en", GROUPS[: rng.randint(1, 4)], None)
        round_ = engagement.rounds[0]
        responses = []
        for _ in range(rng.randint(2, 30)):
            group = rng.choice(engagement.groups)
            response = create_response(questionnaire, group.profile, "x", "en", round_id=round_.id, group_id=group.id)
            save_answers(response, random_sheet(rng, questionnaire, group.profile), questionnaire=questionnaire)
            if rng.random() < 0.85:
                submit_response(questionnaire, response)
            responses.append(response)
        for response in rng.sample(responses, k=len(responses) // 3):  # edits after submit, some twice
            for _ in range(rng.randint(1, 2)):
                changed = dict(rng.sample(sorted(random_sheet(rng, questionnaire, response.profile).items()), k=5))
                save_answers(response, changed, questionnaire=questionnaire)
        for response in rng.sample(responses, k=len(responses) // 5):
            delete_response(response, questionnaire)
        for response in responses:  # submitting twice changes nothing
            if db.session.get(Response, response.id) is not None and rng.random() < 0.3:
                submit_response(questionnaire, response)
        assert_tallies_match_the_answers(questionnaire, round_)


def test_two_submits_in_one_group_at_once_both_count(app, questionnaire):
    with app.app_context():
        consultant = create_consultant("race@example.com", "a long enough password")
        engagement = create_engagement_row(consultant.id, "Race", "en", GROUPS[1:2], None)
        engagement_id, round_id, group_id = engagement.id, engagement.rounds[0].id, engagement.groups[0].id
        ids, rng = [], random.Random(3)
        for _ in range(8):  # answers stored in different orders: their tallies must still be locked in one order
            response = create_response(questionnaire, "staff", "x", "en", round_id=round_id, group_id=group_id)
            sheet = list(random_sheet(rng, questionnaire, "staff").items())
            rng.shuffle(sheet)
            save_answers(response, dict(sheet), questionnaire=questionnaire)
            ids.append(response.id)
    barrier = threading.Barrier(len(ids))
    failures = []

    def submit(response_id: int) -> None:
        try:
            with app.app_context():
                response = db.session.get(Response, response_id)
                barrier.wait()
                submit_response(questionnaire, response)
                db.session.remove()
        except Exception as error:  # noqa: BLE001 - reported below
            failures.append(error)

    threads = [threading.Thread(target=submit, args=(response_id,)) for response_id in ids]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not failures
    with app.app_context():
        assert_tallies_match_the_answers(questionnaire, db.session.get(Engagement, engagement_id).rounds[0])
        assert responses_per_group(read_round(db.session.connection(), questionnaire, round_id)) == {group_id: 8}


def spread_row(page: str, title: str) -> list[str]:
    """Mean, min, max and standard deviation of one practice in the report's "all respondents" table."""
    table = page.split('class="score-table scores-spread"')[1].split("</table>")[0]
    row = table.split(f'<th scope="row">{title}</th>')[1].split("</tr>")[0]
    return re.findall(r"<td>(?:<strong>)?([^<]*)", row)[:4]


def test_a_consultant_sees_an_edit_after_submit_and_an_erasure_in_the_report(app, consultant, questionnaire):
    engagement_id = create_engagement(consultant, "Globex", GROUPS[:1])
    seeded = seed_responses(
        app, engagement_id, "Executive committee", all_answers(questionnaire, "executive", "best"), 4
    )
    report = f"/engagements/{engagement_id}/rounds/1/report"
    dimension = questionnaire.dimensions[0]
    title = str(escape(dimension.title.en))
    assert spread_row(consultant.get(report).get_data(as_text=True), title) == ["100.0", "100.0", "100.0", "0.0"]

    response_id, token = seeded[0]
    respondent = Browser(app.test_client())
    respondent.get(f"/r/{token}/q/{dimension.id}")
    worst = all_answers(questionnaire, "executive", "worst")
    page = f"/r/{token}/q/{dimension.id}"
    form = {q.id: worst[q.id] for q in dimension.applicable_questions("executive")}
    assert respondent.post(page, data={**form, "action": "next"}).status_code == 302  # edited after submit
    assert spread_row(consultant.get(report).get_data(as_text=True), title) == ["75.0", "0.0", "100.0", "43.3"]

    consultant.get(f"/engagements/{engagement_id}/responses/{response_id}/delete")
    assert consultant.post(f"/engagements/{engagement_id}/responses/{response_id}/delete").status_code == 302
    assert spread_row(consultant.get(report).get_data(as_text=True), title) == ["100.0", "100.0", "100.0", "0.0"]
    with app.app_context():
        values = db.session.scalars(select(RoundScoreValue.value).where(RoundScoreValue.count <= 0)).all()
        assert values == []  # the erased score is gone from the histogram, so it is no longer the minimum
        round_ = db.session.get(Engagement, engagement_id).rounds[0]
        assert_tallies_match_the_answers(questionnaire, round_)


def test_deleting_an_engagement_erases_its_tallies_only(app, consultant, questionnaire):
    keep = create_engagement(consultant, "Other client", GROUPS[:1])
    seed_responses(app, keep, "Executive committee", all_answers(questionnaire, "executive", "worst"), 3)
    engagement_id = create_engagement(consultant, "Globex", GROUPS[:1])
    seed_responses(app, engagement_id, "Executive committee", all_answers(questionnaire, "executive", "best"), 3)
    with app.app_context():
        kept_round = db.session.get(Engagement, keep).rounds[0].id
        kept = select(func.count()).select_from(RoundTally).where(RoundTally.round_id == kept_round)
        before = db.session.scalar(kept)
    consultant.get(f"/engagements/{engagement_id}/delete")
    assert consultant.post(f"/engagements/{engagement_id}/delete").status_code == 302
    with app.app_context():
        assert {round_id for (round_id,) in db.session.execute(select(RoundTally.round_id).distinct())} == {kept_round}
        assert {round_id for (round_id,) in db.session.execute(select(RoundScoreValue.round_id).distinct())} == {
            kept_round
        }
        assert db.session.scalar(select(func.count()).select_from(RoundTally)) == before
    page = consultant.get(f"/engagements/{keep}/rounds/1/report").get_data(as_text=True)
    assert spread_row(page, str(escape(questionnaire.dimensions[0].title.en))) == ["0.0", "0.0", "0.0", "0.0"]


def test_tallies_of_another_questionnaire_version_are_rebuilt_from_the_answers(app, questionnaire):
    with app.app_context():
        consultant = create_consultant("version@example.com", "a long enough password")
        engagement = create_engagement_row(consultant.id, "Versions", "en", GROUPS[:1], None)
        round_, group_id = engagement.rounds[0], engagement.groups[0].id
        for _ in range(3):
            response = create_response(questionnaire, "executive", "x", "en", round_id=round_.id, group_id=group_id)
            save_answers(response, all_answers(questionnaire, "executive", "best"), questionnaire=questionnaire)
            submit_response(questionnaire, response)
        db.session.execute(RoundTally.__table__.update().values(scoring="social_readiness@0.9"))
        db.session.commit()
        assert_same_figures(aggregate_round(questionnaire, round_), streamed_aggregate(questionnaire, round_))
        assert_tallies_match_the_answers(questionnaire, round_)


@pytest.mark.parametrize("backend", BACKENDS)
def test_upgrading_a_database_with_submitted_responses_backfills_their_tallies(backend, tmp_path_factory):
    with throwaway_database(backend, tmp_path_factory) as url:
        app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": url, "RATELIMIT_ENABLED": False})
        questionnaire = app.extensions["questionnaire"]
        rng = random.Random(7)
        with app.app_context():
            upgrade(revision="0002")
            round_id = seed_before_tallies(questionnaire, rng)
            upgrade()
            round_ = db.session.get(Engagement, 1).rounds[0]
            assert round_.id == round_id
            tallies = read_round(db.session.connection(), questionnaire, round_id)
            assert sum(responses_per_group(tallies).values()) == 12  # written by the migration, not by the page
            assert_tallies_match_the_answers(questionnaire, round_)
            db.session.remove()
            db.engine.dispose()


def seed_before_tallies(questionnaire, rng: random.Random) -> int:
    """An engagement with 12 submitted and 2 unsubmitted responses, stored with the 0002 schema (plain SQL)."""
    from sqlalchemy import text

    connection = db.session.connection()
    connection.execute(
        text("INSERT INTO consultants (id, email, password_hash, created_at) VALUES (1, 'a@b.c', 'x', :now)"),
        {"now": "2026-01-01 00:00:00"},
    )
    connection.execute(
        text(
            "INSERT INTO engagements (id, owner_id, client_name, language, created_at) "
            "VALUES (1, 1, 'Old', 'en', '2026-01-01 00:00:00')"
        )
    )
    connection.execute(
        text("INSERT INTO rounds (id, engagement_id, number, opened_at) VALUES (1, 1, 1, :t)"),
        {"t": "2026-01-01 00:00:00"},
    )
    for index, (name, profile) in enumerate(GROUPS[:2]):
        connection.execute(
            text("INSERT INTO role_groups (id, engagement_id, name, profile, position) VALUES (:id, 1, :n, :p, :i)"),
            {"id": index + 1, "n": name, "p": profile, "i": index},
        )
    for index in range(14):
        group_id, profile = (1, "executive") if index % 3 == 0 else (2, "staff")
        connection.execute(
            text(
                "INSERT INTO responses (id, token, profile, language, questionnaire_id, questionnaire_version, "
                "created_at, updated_at, submitted_at, round_id, group_id) VALUES (:id, :token, :profile, 'en', "
                "'q', '1', :t, :t, :submitted, 1, :group_id)"
            ),
            {
                "id": index + 1,
                "token": f"old-{index}",
                "profile": profile,
                "t": "2026-01-01 00:00:00",
                "submitted": None if index >= 12 else "2026-01-02 00:00:00",
                "group_id": group_id,
            },
        )
        for question_id, value in random_sheet(rng, questionnaire, profile).items():
            connection.execute(
                Answer.__table__.insert().values(response_id=index + 1, question_id=question_id, value=value)
            )
    db.session.commit()
    return 1


def test_a_large_round_shows_the_latest_comments_of_each_practice_and_how_many_more(app, consultant, questionnaire):
    engagement_id = create_engagement(consultant, "Globex", GROUPS[:1])
    best = all_answers(questionnaire, "executive", "best")
    for index in range(COMMENTS_PER_DIMENSION + 5):
        seed_responses(app, engagement_id, "Executive committee", best, 1, comment=f"Remark number {index:02d}")
    page = consultant.get(f"/engagements/{engagement_id}/rounds/1/report").get_data(as_text=True)
    comments = page.split('id="comments-title"')[1].split("</section>")[0]
    shown = re.findall(r"<li>Remark number (\d+)</li>", comments)
    assert sorted(shown) == [f"{index:02d}" for index in range(5, COMMENTS_PER_DIMENSION + 5)]  # the latest
    assert "And 5 more comments, not shown." in comments
