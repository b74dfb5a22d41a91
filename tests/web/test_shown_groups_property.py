"""The rule, as a property: a group shown on its own in a round's report leaves it only through an erasure
confirmed on a page that named it. Hypothesis generates sequences of what consultants and respondents do
(answers through group links from shared and fresh browsers, invitees added, removed or moved, personal links
started and submitted, erasures by the consultant or the respondent, the round closed), through the pages, on
SQLite and PostgreSQL.

"Other groups" (small groups merged) is not a group: it may disappear when one of its members grows enough to
be shown on its own, as the anonymity rule says."""

from __future__ import annotations

import csv
import io
import itertools
import re

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)

from survey.extensions import db
from survey.store.models import Engagement, Invitation
from survey.store.responses import find_response, save_answers, submit_response
from survey.store.round_data import aggregate_round
from tests.conftest import Browser
from tests.web.consultant import GROUPS, all_answers, create_engagement, invite_links, login, make_consultant
from tests.web.fieldwork import round_page

NAMES = [name for name, _ in GROUPS[:2]]  # two groups: sequences reach the threshold sooner
PROFILES = dict(GROUPS)
SHARED_BROWSERS = 2  # group-link answers from one of these count once; index 2 is a fresh browser each time
CLIENTS = itertools.count(1)


def csv_addresses(consultant: Browser, engagement: int) -> dict[str, str]:
    """Address -> personal link, from the round's invitee download."""
    body = consultant.get(f"/engagements/{engagement}/rounds/1/invitees.csv").get_data(as_text=True)
    return {row["email"]: row["link"] for row in csv.DictReader(io.StringIO(body.lstrip("\ufeff")))}


def round_machine(app, consultant, questionnaire):
    class ShownGroupsStay(RuleBasedStateMachine):
        def __init__(self):
            super().__init__()
            self.client = next(CLIENTS)
            self.engagement = create_engagement(consultant, f"Client {self.client}")
            self.links = {name: token for (number, name), token in invite_links(consultant, self.engagement).items()}
            self.browsers = [Browser(app.test_client()) for _ in range(SHARED_BROWSERS)]
            self.in_progress: list[str] = []  # private tokens of responses not submitted
            self.submitted: list[str] = []  # private tokens of submitted responses (group link or personal)
            self.invitees: dict[str, dict] = {}  # address -> {"path", "token"}
            self.addresses = itertools.count(1)
            self.shown: set[str] = set()
            self.named_by_erasure: set[str] = set()  # the groups the last confirmed erasure page named
            self.closed = False

        @initialize(people=st.tuples(st.integers(0, 4), st.integers(0, 4)))
        def a_start_through_group_links(self, people):
            """Most sequences start with groups shown: a few people answered through each group link."""
            for group, count in zip(NAMES, people, strict=True):
                for _ in range(count):
                    self.start_through_link(Browser(app.test_client()), group, submit=True)

        # What respondents do
        def start_through_link(self, respondent: Browser, group: str, submit: bool) -> bool:
            """Start (and answer) a response through the group link; False when the link takes none."""
            page = respondent.get(f"/i/{self.links[group]}")
            if page.status_code == 410:  # a closed round, or a group with invitations
                assert self.closed or "personal" in page.get_data(as_text=True)
                return False
            started = respondent.post(f"/i/{self.links[group]}")
            assert started.status_code == 302
            self.answer(re.search(r"/r/([^/]+)/", started.headers["Location"]).group(1), PROFILES[group], submit)
            return True

        def answer(self, token: str, profile: str, submit: bool) -> None:
            with app.app_context():
                save_answers(find_response(token), all_answers(questionnaire, profile, "worst"))
                if submit:
                    submit_response(questionnaire, find_response(token))
            (self.submitted if submit else self.in_progress).append(token)

        @rule(
            group=st.sampled_from(NAMES),
            browsers=st.lists(st.sampled_from([0, 1, 2, 2, 2]), min_size=1, max_size=4),
            submit=st.sampled_from([True, True, False]),
        )
        def answers_through_group_link(self, group, browsers, submit):
            """A few people answer through the group link, from shared browsers or each from their own."""
            for browser in browsers:
                respondent = self.browsers[browser] if browser < SHARED_BROWSERS else Browser(app.test_client())
                if not self.start_through_link(respondent, group, submit):
                    return

        @precondition(lambda self: self.in_progress)
        @rule(data=st.data())
        def submit_one_in_progress(self, data):
            token = data.draw(st.sampled_from(self.in_progress))
            with app.app_context():
                response = find_response(token)
                if response is None:
                    self.in_progress.remove(token)
                    return
                submit_response(questionnaire, response)
                done = find_response(token).submitted_at is not None
            if done:
                self.in_progress.remove(token)
                self.submitted.append(token)

        @precondition(lambda self: self.invitees)
        @rule(data=st.data(), submit=st.booleans())
        def invitee_answers(self, data, submit):
            address = data.draw(st.sampled_from(sorted(self.invitees)))
            invitee, path = Browser(app.test_client()), self.invitees[address]["path"]
            if invitee.get(path).status_code != 200:
                return
            started = invitee.post(path)
            if started.status_code != 302:  # already submitted (a thank-you page), or closed
                return
            token = re.search(r"/r/([^/]+)/", started.headers["Location"]).group(1)
            self.in_progress = [t for t in self.in_progress if t != self.invitees[address].get("token")]
            self.invitees[address]["token"] = token  # a resumed response comes with a fresh private link
            self.answer(token, "staff" if address.endswith("@staff.test") else "executive", submit)

        # What the consultant does
        @precondition(lambda self: not self.closed)
        @rule(group=st.sampled_from(NAMES), count=st.integers(1, 3))
        def add_invitees(self, group, count):
            kind = "staff" if PROFILES[group] == "staff" else "exec"
            addresses = [f"p{next(self.addresses)}-{self.client}@{kind}.test" for _ in range(count)]
            consultant.get(round_page(self.engagement))
            with app.app_context():
                group_id = next(g.id for g in db.session.get(Engagement, self.engagement).groups if g.name == group)
            data = {"group": str(group_id), "addresses": "\n".join(addresses)}
            answer = consultant.post(f"{round_page(self.engagement)}/invitees", data)
            if answer.status_code == 200:  # asks first: the group link has answers
                page = answer.get_data(as_text=True)
                assert "keep counting toward the anonymity threshold" in page or "keeps counting" in page
                answer = consultant.post(f"{round_page(self.engagement)}/invitees", {**data, "confirmed": "1"})
            assert answer.status_code == 302
            self.read_personal_links()

        def read_personal_links(self):
            for address, link in csv_addresses(consultant, self.engagement).items():
                self.invitees.setdefault(address, {"path": "/p/" + link.split("/p/")[1]})

        @precondition(lambda self: self.invitees and not self.closed)
        @rule(data=st.data())
        def consultant_removes_an_invitee(self, data):
            """Through the page that asks first; one who has submitted stays (the page refuses)."""
            address = data.draw(st.sampled_from(sorted(self.invitees)))
            with app.app_context():
                invitation = db.session.query(Invitation).filter_by(address=address).one()
                url = f"/engagements/{self.engagement}/rounds/1/invitees/{invitation.id}/remove"
            if consultant.get(url).status_code == 302:  # the page refuses one who has submitted: nothing to confirm
                return
            assert consultant.post(url).status_code == 302
            if csv_addresses(consultant, self.engagement).get(address) is None:
                token = self.invitees.pop(address).get("token")
                self.in_progress = [t for t in self.in_progress if t != token]

        @precondition(lambda self: self.invitees and not self.closed)
        @rule(data=st.data(), group=st.sampled_from(NAMES))
        def consultant_moves_an_invitee(self, data, group):
            address = data.draw(st.sampled_from(sorted(self.invitees)))
            with app.app_context():
                invitation = db.session.query(Invitation).filter_by(address=address).one()
                url = f"/engagements/{self.engagement}/rounds/1/invitees/{invitation.id}"
                target = next(g.id for g in db.session.get(Engagement, self.engagement).groups if g.name == group)
            consultant.get(url)
            consultant.post(url + "/move", {"group": str(target)})  # refused (400) to a group that must ask first

        @precondition(lambda self: self.submitted)
        @rule(data=st.data())
        def consultant_erases_a_response(self, data):
            token = data.draw(st.sampled_from(self.submitted))
            with app.app_context():
                response = find_response(token)
                response_id = response.id if response else None
            self.submitted.remove(token)
            if response_id is None:
                return
            url = f"/engagements/{self.engagement}/responses/{response_id}/delete"
            page = consultant.get(url).get_data(as_text=True)
            assert consultant.post(url).status_code == 302
            self.named_by_erasure = {name for name in NAMES if f"“{name}”" in page}

        @precondition(lambda self: self.submitted or self.in_progress)
        @rule(data=st.data())
        def respondent_erases_their_response(self, data):
            token = data.draw(st.sampled_from(self.submitted + self.in_progress))
            (self.submitted if token in self.submitted else self.in_progress).remove(token)
            respondent = Browser(app.test_client())
            page = respondent.get(f"/r/{token}/delete")
            if page.status_code != 200:  # a closed round: nothing can be erased by the respondent
                return
            assert respondent.post(f"/r/{token}/delete").status_code == 302
            self.named_by_erasure = {name for name in NAMES if f"“{name}”" in page.get_data(as_text=True)}

        @precondition(lambda self: not self.closed and len(self.submitted) >= 4)  # late in a sequence
        @rule()
        def close_the_round(self):
            url = f"/engagements/{self.engagement}/rounds/1/close"
            consultant.get(url)
            assert consultant.post(url).status_code == 302
            self.closed = True

        @invariant()
        def a_shown_group_leaves_only_through_an_erasure_that_named_it(self):
            with app.app_context():
                engagement = db.session.get(Engagement, self.engagement)
                report = aggregate_round(questionnaire, engagement.rounds[0])
                shown = {group.label for group in report.groups if group.label is not None}
            left = self.shown - shown
            assert left <= self.named_by_erasure, f"{sorted(left)} left the report unannounced"
            self.shown, self.named_by_erasure = shown, set()

    return ShownGroupsStay


def test_a_shown_group_leaves_the_report_only_through_an_erasure_that_named_it(app, browser, questionnaire):
    make_consultant(app, "ada@consulting.test")
    login(browser, "ada@consulting.test")
    run_state_machine_as_test(
        round_machine(app, browser, questionnaire),
        settings=settings(
            max_examples=8,
            stateful_step_count=10,
            deadline=None,
            database=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
        ),
    )
