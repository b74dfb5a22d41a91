"""The comment curation page as a consultant uses it on a large round: one save for many comments, a filter,
practices in the questionnaire's order, pages of at most 100; and "Manage responses" in the order it says."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

import pytest

from survey.extensions import db
from tests.web.consultant import all_answers, create_engagement, seed_responses

GROUPS = [("Direction", "executive"), ("Équipe", "staff"), ("Juridique", "staff")]
CARD = re.compile(r'id="comment-(\d+)".*?<blockquote>([^<]*)</blockquote>', re.S)


@pytest.fixture()
def engagement(app, consultant, questionnaire):
    engagement_id = create_engagement(consultant, "Initech", GROUPS, language="en")
    best = all_answers(questionnaire, "executive", "best")
    staff = all_answers(questionnaire, "staff", "worst")
    for text in ("We decide fast.", "Budgets are thin.", "Nobody listens."):
        seed_responses(app, engagement_id, "Direction", best, 1, comment=text)
    for text in ("Too many approvals.", "We answer late.", "Tools are old."):
        seed_responses(app, engagement_id, "Équipe", staff, 1, comment=text)
    seed_responses(app, engagement_id, "Juridique", staff, 1, comment="As the only lawyer, I object.")
    return engagement_id


def cards(page: str) -> dict[str, int]:
    return {text: int(comment_id) for comment_id, text in CARD.findall(page)}


def test_one_save_includes_and_excludes_many_comments_and_records_each_choice(consultant, engagement):
    base = f"/engagements/{engagement}/rounds/1/comments"
    page = consultant.get(base).get_data(as_text=True)
    assert page.count('type="checkbox" name="include"') == 7
    assert page.split("<h1")[1].count("<form") == 2  # the filter, and one form for every choice
    shown = cards(page)
    assert "Not reviewed yet (7)" in page  # nothing chosen yet
    ticked = [shown["We decide fast."], shown["As the only lawyer, I object."], shown["Tools are old."]]
    data = {"shown": list(shown.values()), "include": ticked, "show": "all", "page": "1"}
    data.update({f"text-{i}": text for text, i in shown.items()})
    data[f"text-{shown['Tools are old.']}"] = "Tools are […]."
    response = consultant.post(f"{base}/choices", data)
    assert response.status_code == 302
    page = consultant.get(base).get_data(as_text=True)
    assert "Your choices are saved for 7 comments." in page
    assert "3 comments in the documents" in page and "Not reviewed yet (0)" in page and "Edited (1)" in page
    excluded = consultant.get(base + "?show=excluded").get_data(as_text=True)
    assert set(cards(excluded)) == {"Budgets are thin.", "Nobody listens.", "Too many approvals.", "We answer late."}
    edited = consultant.get(base + "?show=redacted").get_data(as_text=True)
    assert set(cards(edited)) == {"Tools are old."} and "Tools are […]." in edited


def test_include_every_comment_on_the_page_in_one_press(consultant, engagement):
    base = f"/engagements/{engagement}/rounds/1/comments"
    shown = cards(consultant.get(base).get_data(as_text=True))
    data = {"shown": list(shown.values()), "bulk": "include"}
    consultant.post(f"{base}/choices", data)
    page = consultant.get(base).get_data(as_text=True)
    assert "7 comments in the documents" in page and "Excluded (0)" in page
    consultant.post(f"{base}/choices", {"shown": list(shown.values()), "bulk": "exclude"})
    page = consultant.get(base + "?show=included").get_data(as_text=True)
    assert "0 comments in the documents" in page and not cards(page) and "No comment under this filter." in page


def test_a_choice_for_another_rounds_comment_or_without_csrf_is_not_saved(app, client, consultant, engagement):
    base = f"/engagements/{engagement}/rounds/1/comments"
    shown = cards(consultant.get(base).get_data(as_text=True))
    assert client.post(f"{base}/choices", data={"shown": list(shown.values()), "bulk": "include"}).status_code == 400
    consultant.post(f"{base}/choices", {"shown": [987654], "include": [987654]})
    page = consultant.get(base).get_data(as_text=True)
    assert "Not reviewed yet (7)" in page and "Your choices are saved for 0 comments." in page


def test_to_review_lists_only_comments_never_chosen(consultant, engagement):
    base = f"/engagements/{engagement}/rounds/1/comments"
    shown = cards(consultant.get(base).get_data(as_text=True))
    one = shown["Nobody listens."]
    consultant.post(f"{base}/choices", {"shown": [one], f"text-{one}": "Nobody listens."})
    review = consultant.get(base + "?show=review").get_data(as_text=True)
    assert "Nobody listens." not in cards(review) and len(cards(review)) == 6


def seed_many_comments(app, engagement_id: int, questionnaire, count: int) -> None:
    answers = all_answers(questionnaire, "staff", "worst")
    for index in range(count):
        seed_responses(app, engagement_id, "Équipe", answers, 1, comment=f"Remark number {index:03d}.")


def test_more_than_100_comments_are_cut_into_pages_that_keep_the_filter(app, consultant, engagement, questionnaire):
    seed_many_comments(app, engagement, questionnaire, 100)  # 107 comments in all
    base = f"/engagements/{engagement}/rounds/1/comments"
    first = consultant.get(base).get_data(as_text=True)
    assert len(cards(first)) == 100 and "Lines 1 to 100 of 107, page 1 of 2" in first
    assert 'rel="next"' in first and 'rel="prev"' not in first
    second = consultant.get(base + "?page=2").get_data(as_text=True)
    assert len(cards(second)) == 7 and not set(cards(first)) & set(cards(second))
    assert 'rel="prev"' in second
    review = consultant.get(base + "?show=review&page=2").get_data(as_text=True)
    assert "show=review" in re.search(r'rel="prev" href="([^"]+)"', review).group(1).replace("&amp;", "&")
    # saving the second page records its 7 comments only, and comes back to the same page and filter
    response = consultant.post(
        f"{base}/choices", {"shown": list(cards(second).values()), "bulk": "exclude", "show": "all", "page": "2"}
    )
    assert response.headers["Location"].endswith("comments?show=all&page=2")
    assert "Not reviewed yet (100)" in consultant.get(base).get_data(as_text=True)


def test_manage_responses_lists_the_most_recently_started_first_in_pages_of_100(app, consultant, engagement):
    from survey.store.models import Response

    with app.app_context():  # started times in another order than creation (ids)
        rows = db.session.query(Response).order_by(Response.id).all()
        start = datetime(2026, 11, 2, 9, 0)
        for offset, response in zip([3, 0, 6, 1, 5, 2, 4], rows, strict=True):
            response.created_at = start + timedelta(days=offset)
        db.session.commit()
        expected = [r.id for r in sorted(rows, key=lambda r: r.created_at, reverse=True)]
    page = consultant.get(f"/engagements/{engagement}/rounds/1/responses").get_data(as_text=True)
    assert "7 responses, the most recently started first" in page
    listed = [int(i) for i in re.findall(r"/responses/(\d+)/delete", page)]
    assert listed == expected
    assert "Lines 1 to" not in page  # one page: no pager


def test_manage_responses_over_100_has_pages(app, consultant, engagement, questionnaire):
    seed_many_comments(app, engagement, questionnaire, 95)  # 102 responses
    url = f"/engagements/{engagement}/rounds/1/responses"
    first = consultant.get(url).get_data(as_text=True)
    second = consultant.get(url + "?page=2").get_data(as_text=True)
    ids = re.findall(r"/responses/(\d+)/delete", first), re.findall(r"/responses/(\d+)/delete", second)
    assert (len(ids[0]), len(ids[1])) == (100, 2) and not set(ids[0]) & set(ids[1])
    assert "Lines 101 to 102 of 102, page 2 of 2" in second


def test_a_comment_rewritten_while_the_page_was_read_keeps_no_choice(consultant, engagement):
    base = f"/engagements/{engagement}/rounds/1/comments"
    page = consultant.get(base).get_data(as_text=True)
    shown = cards(page)
    one, other = shown["Nobody listens."], shown["We decide fast."]
    digest = re.search(rf'id="comment-{other}".*?name="seen" value="([0-9a-f]+)"', page, re.S).group(1)
    data = {"shown": [one, other], "seen": ["0" * 32, digest], "bulk": "include"}  # `one` read before a rewrite
    consultant.post(f"{base}/choices", data)
    page = consultant.get(base).get_data(as_text=True)
    assert "Your choice is saved for 1 comment." in page and "1 comment was just rewritten by its author" in page
    review = cards(consultant.get(base + "?show=review").get_data(as_text=True))
    assert "Nobody listens." in review and "We decide fast." not in review
