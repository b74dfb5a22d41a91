"""A survey page's radio groups are rendered once per (question, language, answer) and kept:
what a page shows must still follow the stored answers, the errors and the language."""

from __future__ import annotations

import html
import re

from tests.web.journey import start


def checked_values(page: str) -> dict[str, str]:
    return dict(re.findall(r'name="([a-z_0-9]+)" value="([a-z_0-9]+)" checked', page))


def test_a_page_shows_what_is_stored_each_time_it_is_shown(browser, questionnaire):
    token = start(browser, "staff")
    url = f"/r/{token}/q/budget"
    first, second = questionnaire.dimension("budget").applicable_questions("staff")[:2]
    assert checked_values(browser.get(url).get_data(as_text=True)) == {}
    browser.post(url, {first.id: first.choices[0].value, "action": "back"})
    assert checked_values(browser.get(url).get_data(as_text=True)) == {first.id: first.choices[0].value}
    browser.post(url, {first.id: "dont_know", second.id: second.choices[1].value, "action": "back"})
    shown = checked_values(browser.get(url).get_data(as_text=True))
    assert shown == {first.id: "dont_know", second.id: second.choices[1].value}


def test_posted_values_that_are_not_choices_are_shown_with_their_error_and_not_kept(app, browser, questionnaire):
    token = start(browser, "staff")
    url = f"/r/{token}/q/budget"
    question = questionnaire.dimension("budget").applicable_questions("staff")[0]
    browser.get(url)
    response = browser.post(url, {question.id: "not_a_choice", "action": "next"})
    assert response.status_code == 422
    assert f'id="err-{question.id}"' in response.get_data(as_text=True)
    assert all(answer != "not_a_choice" for _, answer in app.extensions["radio_groups"])


def test_the_same_answer_is_shown_in_the_page_language(browser, questionnaire):
    token = start(browser, "staff")
    url = f"/r/{token}/q/budget"
    question = questionnaire.dimension("budget").applicable_questions("staff")[0]
    browser.get(url)
    browser.post(url, {question.id: question.choices[0].value, "action": "back"})
    for lang in ("fr", "en", "fr"):
        page = html.unescape(browser.get(f"{url}?lang={lang}").get_data(as_text=True))
        assert question.text_for("staff").get(lang) in page
        assert question.choices[0].label.get(lang) in page
        assert checked_values(page) == {question.id: question.choices[0].value}


def test_respondents_sharing_a_page_each_get_their_own_tokens(app, questionnaire):
    """The page is rendered once for everyone who sees it alike: each still gets their own private link
    and a CSRF token that works in their own session, never another respondent's."""
    from tests.conftest import Browser

    alice, bob = Browser(app.test_client()), Browser(app.test_client())
    alice_token, bob_token = start(alice, "staff"), start(bob, "staff")
    question = questionnaire.dimension("budget").applicable_questions("staff")[0]
    alice_page = alice.get(f"/r/{alice_token}/q/budget").get_data(as_text=True)
    bob_page = bob.get(f"/r/{bob_token}/q/budget").get_data(as_text=True)
    assert alice_token in alice_page and bob_token in bob_page
    assert alice_token not in bob_page and bob_token not in alice_page
    assert "hole-" not in bob_page
    assert re.sub(r"[\w-]{22,}", "", html.unescape(alice_page)) == re.sub(r"[\w-]{22,}", "", html.unescape(bob_page))
    saved = bob.post(f"/r/{bob_token}/q/budget", {question.id: question.choices[0].value, "action": "back"})
    assert saved.status_code == 302  # Bob's CSRF token is his own
    assert checked_values(bob.get(f"/r/{bob_token}/q/budget").get_data(as_text=True)) == {
        question.id: question.choices[0].value
    }
    assert checked_values(alice.get(f"/r/{alice_token}/q/budget").get_data(as_text=True)) == {}


def test_a_message_for_one_respondent_is_shown_to_them_only(browser, questionnaire):
    token = start(browser, "staff")
    first = questionnaire.dimensions[0].id
    browser.get(f"/r/{token}/q/{first}")
    browser.get(f"/r/{token}/review")
    submitted = browser.post(f"/r/{token}/submit", follow=True).get_data(as_text=True)
    assert "still unanswered" in submitted  # an incomplete submit leads back to the page with a message
    again = browser.get(f"/r/{token}/q/{first}").get_data(as_text=True)
    assert "still unanswered" not in again
