"""Bad input gets a 4xx and a clear message, never a 500 and never mangled data: JSON sent to the HTML
forms, bytes that are not UTF-8, ids no row can have, answer sheets nested or numbered to hurt, methods a
route does not take; and a fuzz run over every route of the site with hostile bodies and content types."""

from __future__ import annotations

import json
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from survey.extensions import db
from survey.store.models import ApiToken, DimensionNote, Engagement, Response
from tests.web.consultant import api_token_for, create_engagement, invite_links, login, make_consultant, respond
from tests.web.journey import start

CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


def csrf_of(browser, page: str = "/") -> str:
    return CSRF.search(browser.get(page).get_data(as_text=True))[1]


def count(app, model) -> int:
    with app.app_context():
        found = db.session.scalar(select(func.count()).select_from(model))
        db.session.remove()
        return found


@pytest.fixture()
def owner(app, browser, questionnaire):
    """A signed-in consultant with an engagement, a submitted invite response and an API token."""
    make_consultant(app, "ada@example.com")
    login(browser, "ada@example.com")
    engagement_id = create_engagement(browser, "Globex")
    invite = invite_links(browser, engagement_id)[(1, "Legal")]
    respond(app, invite, questionnaire, "staff")
    token = api_token_for(app, "ada@example.com")
    return {"engagement_id": engagement_id, "invite": invite, "api_token": token}


JSON_BODIES = [
    {"email": 5, "password": ["a", "b"]},
    {"profile": "staff", "organisation": "A\x00B", "email": "ada@example.com"},
    {"client_name": {"nested": 1}, "language": "en", "label": 12},
    ["a", "list"],
    "a bare string",
]


@pytest.mark.parametrize("body", JSON_BODIES, ids=["numbers-and-lists", "nul-byte", "objects", "list", "string"])
def test_json_sent_to_the_public_forms_is_415(app, browser, body):
    csrf = csrf_of(browser)  # sent as a header, as a script on the site could: the CSRF check passes
    for path in ("/start", "/login"):
        reply = browser.client.post(path, json=body, headers={"X-CSRFToken": csrf})
        assert reply.status_code == 415, (path, reply.status_code)
        assert "not another kind of data" in reply.get_data(as_text=True)
    assert count(app, Response) == 0


@pytest.mark.parametrize("body", JSON_BODIES, ids=["numbers-and-lists", "nul-byte", "objects", "list", "string"])
def test_json_sent_to_the_workspace_forms_is_415(app, browser, owner, body):
    csrf = csrf_of(browser, "/engagements/new")
    engagements, tokens = count(app, Engagement), count(app, ApiToken)
    for path in ("/engagements/new", "/account/tokens", f"/engagements/{owner['engagement_id']}/edit"):
        reply = browser.client.post(path, json=body, headers={"X-CSRFToken": csrf})
        assert reply.status_code == 415, (path, reply.status_code)
    assert (count(app, Engagement), count(app, ApiToken)) == (engagements, tokens)


def test_a_comment_that_is_not_utf8_is_refused_not_stored_mangled(app, browser, questionnaire):
    token = start(browser, "staff")
    csrf = csrf_of(browser, f"/r/{token}/review")
    page = f"/r/{token}/q/{questionnaire.dimensions[0].id}"
    for body in (b"comment=Caf%E9+cr%E8me&action=back", b"comment=Caf\xe9&action=back"):
        reply = browser.client.post(
            page, data=body + b"&csrf_token=" + csrf.encode(), content_type="application/x-www-form-urlencoded"
        )
        assert reply.status_code == 400 and "not valid UTF-8" in reply.get_data(as_text=True)
    assert count(app, DimensionNote) == 0
    good = browser.client.post(page, data={"comment": "Café crème", "action": "back", "csrf_token": csrf})
    assert good.status_code == 302
    with app.app_context():
        assert db.session.scalar(select(DimensionNote.comment)) == "Café crème"


def test_a_multipart_field_that_is_not_utf8_is_refused(app, browser, owner):
    csrf = csrf_of(browser, "/engagements/new")
    boundary = "----x"
    body = (
        (
            f'--{boundary}\r\nContent-Disposition: form-data; name="csrf_token"\r\n\r\n{csrf}\r\n'
            f'--{boundary}\r\nContent-Disposition: form-data; name="client_name"\r\n\r\n'
        ).encode()
        + b"Soci\xe9t\xe9\r\n"
        + f"--{boundary}--\r\n".encode()
    )
    reply = browser.client.post("/engagements/new", data=body, content_type=f"multipart/form-data; boundary={boundary}")
    assert reply.status_code == 400 and "not valid UTF-8" in reply.get_data(as_text=True)
    assert count(app, Engagement) == 1


HUGE_IDS = ["2147483648", "99999999999999999999", "9" * 5000]


@pytest.mark.parametrize("huge", HUGE_IDS, ids=["2^31", "20-digits", "5000-digits"])
def test_ids_out_of_range_are_404_on_every_route(app, browser, owner, huge):
    csrf = csrf_of(browser, "/account/tokens")
    headers = {"X-CSRFToken": csrf, "Authorization": f"Bearer {owner['api_token']}"}
    routes = [rule for rule in app.url_map.iter_rules() if "<int:" in rule.rule]
    assert len(routes) >= 18 and any(rule.endpoint == "consultant.revoke_token" for rule in routes)
    for rule in routes:
        url = re.sub(r"<int:[a-z_]+>", huge, rule.rule)
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            reply = browser.client.open(url, method=method, headers=headers, data={"csrf_token": csrf})
            assert reply.status_code == 404, (method, rule.rule, reply.status_code)
    assert count(app, ApiToken) == 1


@pytest.mark.parametrize(
    "body,words",
    [
        (b"[" * 100_000, "nested more than 10 levels"),
        (
            b'{"profile": "staff", "answers": {"a": {"b": {"c": {"d": {"e": {"f": {"g": {"h": {"i": {}}}}}}}}}}}',
            "nested",
        ),
        (b'{"profile": ' + b"9" * 5000 + b"}", "longer than 30 characters"),
        (b'{"profile": "candidate", "importance": {"voice": 1' + b"0" * 5000 + b"}}", "longer than 30 characters"),
        (b'{"profile": "staff", "answers": {}, "organisation": 1.' + b"5" * 5000 + b"}", "longer than 30 characters"),
    ],
    ids=["100000-deep", "11-deep", "5000-digit-profile", "5000-digit-rating", "5000-digit-float"],
)
def test_score_refuses_deep_or_huge_json_with_400(client, body, words):
    reply = client.post("/api/v1/score", data=body, content_type="application/json")
    assert reply.status_code == 400 and words in reply.json["error"]


def test_a_method_a_route_does_not_take_gets_405_with_allow(client):
    api = client.open("/api/v1/score", method="TRACE")
    assert api.status_code == 405 and "error" in api.json
    assert {method.strip() for method in api.headers["Allow"].split(",")} >= {"POST", "OPTIONS"}
    page = client.put("/")
    assert page.status_code == 405 and "GET" in page.headers["Allow"] and page.mimetype == "text/html"


# ---- a fuzz run over every route ----------------------------------------------------------------------------

FUZZ = settings(
    max_examples=120,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)
# Confirm-only forms that would end the fuzz run's session or erase its data: sent without a CSRF token,
# so they go through the same guards and stop at the CSRF check.
DESTRUCTIVE = {"consultant.logout", "consultant.delete_engagement_page", "consultant.delete_response_page"}
DESTRUCTIVE |= {"respondent.delete", "consultant.revoke_token"}
CONTENT_TYPES = [
    "application/x-www-form-urlencoded",
    "application/x-www-form-urlencoded; charset=latin-1",
    "multipart/form-data",
    "multipart/form-data; boundary=x",
    "application/json",
    "application/json; charset=utf-16",
    "text/plain",
    "application/xml",
    "",
]
hostile_text = st.one_of(
    st.text(max_size=30),
    st.sampled_from(["\x00", "A\x00B", "\ufffd", "%FF%FE", "\r\n", "<script>", "../../", "1e999", "-1", "dont_know"]),
    st.integers(min_value=1000, max_value=5000).map(lambda n: "9" * n),
)
json_values = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), hostile_text),
    lambda children: st.one_of(st.lists(children, max_size=4), st.dictionaries(hostile_text, children, max_size=4)),
    max_leaves=20,
)
FIELD_NAMES = ["email", "password", "profile", "organisation", "client_name", "language", "label", "comment"]
FIELD_NAMES += ["action", "groups-0-name", "groups-0-profile", "groups-0-id", "remove_logo", "csrf_token"]
form_fields = st.dictionaries(st.one_of(st.sampled_from(FIELD_NAMES), hostile_text), hostile_text, max_size=6)
bodies = st.one_of(
    st.binary(max_size=400),
    json_values.map(lambda value: json.dumps(value).encode()),
    form_fields.map(lambda fields: "&".join(f"{k}={v}" for k, v in fields.items()).encode("utf-8", "surrogatepass")),
    st.sampled_from([b"[" * 50_000, b"comment=%FF&action=back", b"email=\xff\xfe", b"a=%00", b'{"email": 5}']),
)


def route_url(rule, owner: dict, respondent_token: str, dimension_id: str) -> str:
    """The rule with real values: the owner's engagement, round 1, the response, the invite."""
    values = {
        "engagement_id": owner["engagement_id"],
        "number": 1,
        "token_id": 1,
        "response_id": 1,
        "comment_id": 1,
        "invitation_id": 1,
        "dimension_id": dimension_id,
        "token": owner["invite"] if rule.rule.startswith("/i/") else respondent_token,
        "filename": "css/app.css",
        "asset_version": "x",
    }
    return re.sub(r"<(?:[a-z]+:)?([a-z_]+)>", lambda match: str(values[match.group(1)]), rule.rule)


def test_every_route_survives_hostile_bodies_and_content_types(app, browser, owner, questionnaire):
    csrf = csrf_of(browser, "/engagements/new")
    respondent_token = start(browser, "staff")
    browser.get(f"/r/{respondent_token}/review")
    routes = [
        (rule, method)
        for rule in app.url_map.iter_rules()
        if rule.endpoint not in ("static", "assets.plotly_js") and not rule.rule.endswith(".pdf")
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"})
    ]
    assert sum(method == "POST" for _, method in routes) >= 17

    @FUZZ
    @given(
        route=st.sampled_from(routes),
        content_type=st.sampled_from(CONTENT_TYPES),
        body=bodies,
        accept=st.sampled_from(["text/html", "application/json", "*/*"]),
    )
    def send(route, content_type, body, accept):
        rule, method = route
        headers = {"Authorization": f"Bearer {owner['api_token']}", "Accept": accept}
        if rule.endpoint not in DESTRUCTIVE:
            headers["X-CSRFToken"] = csrf
        url = route_url(rule, owner, respondent_token, questionnaire.dimensions[0].id)
        reply = browser.client.open(url, method=method, data=body, content_type=content_type, headers=headers)
        assert reply.status_code < 500, (method, url, content_type, body[:200], reply.get_data(as_text=True)[:300])

    send()
