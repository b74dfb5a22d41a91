"""Engagements: creation with role groups and logo, invite links, rounds, editing, erasure."""

from __future__ import annotations

import io
import re

import pytest
from PIL import Image

from survey.extensions import db
from survey.store.models import Answer, DimensionNote, Engagement, Invite, RoleGroup, Round
from survey.store.models import Response as StoredResponse
from survey.store.tokens import token_digest
from tests.conftest import Browser
from tests.unit import test_logos as unit_logos
from tests.web.consultant import (
    GROUPS,
    all_answers,
    create_engagement,
    invite_links,
    respond,
    seed_responses,
)


def image_bytes(kind: str, size=(120, 40)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (31, 78, 121)).save(buffer, kind)
    return buffer.getvalue()


def test_new_engagement_form_offers_the_default_groups(consultant):
    page = consultant.get("/engagements/new").get_data(as_text=True)
    for name in ("Executive committee", "Communication and marketing", "Community management", "Legal"):
        assert f'value="{name}"' in page
    assert '<fieldset class="question' in page and "<legend>Language of the survey and the report</legend>" in page
    assert 'for="groups-0-name"' in page and 'for="groups-0-profile"' in page


def test_create_engagement_with_round_one_and_an_invite_per_group(app, consultant):
    engagement_id = create_engagement(consultant, "ACME & Co")
    with app.app_context():
        engagement = db.session.get(Engagement, engagement_id)
        assert engagement.client_name == "ACME & Co" and engagement.language == "en"
        assert [(g.name, g.profile) for g in engagement.groups] == GROUPS
        assert [r.number for r in engagement.rounds] == [1]
        assert len(engagement.rounds[0].invites) == 3
    links = invite_links(consultant, engagement_id)
    assert set(links) == {(1, name) for name, _ in GROUPS}
    assert all(len(token) >= 32 for token in links.values())
    assert "ACME &amp; Co" in consultant.get("/engagements").get_data(as_text=True)


def test_an_invite_starts_an_anonymous_response_in_its_group_and_round(app, consultant, questionnaire):
    engagement_id = create_engagement(consultant, language="fr")
    token = invite_links(consultant, engagement_id)[(1, "Community management")]
    fresh = app.test_client()
    welcome = fresh.get(f"/i/{token}")
    assert welcome.status_code == 200 and '<html lang="fr">' in welcome.get_data(as_text=True)
    with app.app_context():
        assert db.session.query(StoredResponse).count() == 0  # opening the link creates nothing
    private = respond(app, token, questionnaire, "staff")
    with app.app_context():
        response = db.session.query(StoredResponse).filter_by(token_hash=token_digest(private)).one()
        group = db.session.get(RoleGroup, response.group_id)
        assert group.name == "Community management" and response.profile == "staff"
        assert db.session.get(Round, response.round_id).number == 1
        assert response.submitted_at is not None and response.language == "fr"
    page = consultant.get(f"/engagements/{engagement_id}").get_data(as_text=True)
    row = re.search(r"Community management<br>.*?</tr>", page, re.S).group(0)
    assert '"started">1<' in row and '"submitted">1 ' in row


def test_unknown_invite_is_a_404(client):
    assert client.get("/i/not-a-real-token").status_code == 404


def test_closed_round_invite_says_so_with_410(app, consultant):
    engagement_id = create_engagement(consultant)
    token = invite_links(consultant, engagement_id)[(1, "Legal")]
    late = Browser(app.test_client())
    late.get(f"/i/{token}")  # the welcome page was open before the round closed
    assert consultant.post(f"/engagements/{engagement_id}/rounds/1/close").status_code == 302
    assert late.post(f"/i/{token}").status_code == 410
    closed = app.test_client().get(f"/i/{token}")
    assert closed.status_code == 410 and "This survey is closed" in closed.get_data(as_text=True)
    with app.app_context():
        assert db.session.query(StoredResponse).count() == 0


def test_opening_round_two_closes_round_one_with_new_links(app, consultant):
    engagement_id = create_engagement(consultant)
    first = invite_links(consultant, engagement_id)
    assert consultant.post(f"/engagements/{engagement_id}/rounds").status_code == 302
    links = invite_links(consultant, engagement_id)
    assert {number for number, _ in links} == {2}  # closed rounds show no link
    assert set(links.values()).isdisjoint(first.values())
    assert app.test_client().get(f"/i/{first[(1, 'Legal')]}").status_code == 410
    assert app.test_client().get(f"/i/{links[(2, 'Legal')]}").status_code == 200
    consultant.post(f"/engagements/{engagement_id}/rounds")
    with app.app_context():
        rounds = db.session.get(Engagement, engagement_id).rounds
        assert [(r.number, r.is_closed) for r in rounds] == [(1, True), (2, True), (3, False)]


def edit_form(groups, **fields):
    data = {"client_name": "ACME", "language": "en", **fields}
    for index, (group_id, name, profile) in enumerate(groups):
        data |= {f"groups-{index}-id": group_id or "", f"groups-{index}-name": name, f"groups-{index}-profile": profile}
    return data


def test_edit_groups_rename_add_remove_but_a_group_with_responses_keeps_its_profile(app, consultant, questionnaire):
    engagement_id = create_engagement(consultant)
    seed_responses(app, engagement_id, "Legal", all_answers(questionnaire, "staff", "best"), 1)
    with app.app_context():
        ids = {g.name: g.id for g in db.session.get(Engagement, engagement_id).groups}
    url = f"/engagements/{engagement_id}/edit"
    consultant.get(url)
    refused = consultant.post(url, edit_form([(ids["Legal"], "Legal", "executive")]))
    assert refused.status_code == 422 and "keeps its profile" in refused.get_data(as_text=True)
    consultant.get(url)
    removing = consultant.post(url, edit_form([(ids["Legal"], "", "staff"), (None, "HR", "staff")]))
    assert removing.status_code == 422
    consultant.get(url)
    rows = [
        (ids["Executive committee"], "Board", "executive"),
        (ids["Community management"], "", "staff"),
        (ids["Legal"], "Legal and compliance", "staff"),
        (None, "Customer service", "staff"),
    ]
    assert consultant.post(url, edit_form(rows, client_name="ACME Group")).status_code == 302
    with app.app_context():
        engagement = db.session.get(Engagement, engagement_id)
        assert engagement.client_name == "ACME Group"
        assert [(g.name, g.profile) for g in engagement.groups] == [
            ("Board", "executive"),
            ("Legal and compliance", "staff"),
            ("Customer service", "staff"),
        ]
        assert len(engagement.rounds[0].invites) == 3  # the new group got a link, the removed one lost its own


def test_duplicate_or_missing_group_names_are_refused(consultant):
    consultant.get("/engagements/new")
    duplicate = consultant.post("/engagements/new", edit_form([(None, "Legal", "staff"), (None, "legal ", "staff")]))
    assert duplicate.status_code == 422 and "same name" in duplicate.get_data(as_text=True)
    none = consultant.post("/engagements/new", edit_form([(None, "", "staff")]))
    assert none.status_code == 422 and "at least one role group" in none.get_data(as_text=True)


def served_image(consultant, engagement_id: int) -> Image.Image:
    served = consultant.get(f"/engagements/{engagement_id}/logo")
    assert served.status_code == 200 and served.headers["X-Content-Type-Options"] == "nosniff"
    image = Image.open(io.BytesIO(served.data))
    assert served.mimetype == Image.MIME[image.format]
    return image


@pytest.mark.parametrize("kind", ["PNG", "JPEG"])
def test_a_png_or_jpeg_logo_is_kept_re_encoded_and_served_safely(app, consultant, kind):
    logo = image_bytes(kind) + b"<script>alert(1)</script>"
    engagement_id = create_engagement(consultant, logo=(io.BytesIO(logo), "logo.bin"))
    image = served_image(consultant, engagement_id)
    assert image.format == kind and image.size == (120, 40)
    with app.app_context():
        stored = db.session.get(Engagement, engagement_id).logo
    assert stored != logo and b"<script>" not in stored


def test_a_photo_as_logo_is_turned_upright_shrunk_and_stripped(app, consultant):
    exif = Image.Exif()
    exif[0x0112] = 6  # orientation: turn 90 degrees clockwise to display
    exif[0x010E] = "Taken at 48.8566 N, 2.3522 E"
    buffer = io.BytesIO()
    Image.new("RGB", (2400, 600), (31, 78, 121)).save(buffer, "JPEG", exif=exif.tobytes())
    engagement_id = create_engagement(consultant, logo=(io.BytesIO(buffer.getvalue()), "photo.jpg"))
    image = served_image(consultant, engagement_id)
    assert image.size == (200, 800) and not image.getexif()


def hostile_jpeg() -> bytes:
    """The attack session's upload: 16x16 pixels, an EXIF orientation, and first a forged frame header
    of 12000 x 12000 pixels that made every PDF render decode 144 megapixels."""
    return unit_logos.hostile_jpeg(big_frame_first=True)


@pytest.mark.parametrize(
    "content,name,message",
    [
        (hostile_jpeg(), "logo.jpg", "damaged"),
        (unit_logos.encoded("PNG", (12000, 12000), mode="1"), "bomb.png", "at most 8 megapixels"),
        (b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', "logo.png", "PNG or JPEG"),
        (image_bytes("PNG")[:-20], "logo.png", "damaged"),
        (image_bytes("PNG", (3000, 3000)) + b"\0" * 600_000, "big.png", "too large"),
    ],
    ids=["forged-jpeg-frame", "decompression-bomb", "svg-named-png", "truncated", "huge"],
)
def test_bad_logos_are_refused_with_a_message(app, consultant, content, name, message):
    consultant.get("/engagements/new")
    data = edit_form([(None, "Legal", "staff")]) | {"logo": (io.BytesIO(content), name)}
    response = consultant.post("/engagements/new", data, content_type="multipart/form-data")
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.query(Engagement).count() == 0


@pytest.mark.parametrize("form", ["client", "firm"])
def test_a_progressive_jpeg_of_thousands_of_scans_is_refused_naming_the_file(app, consultant, form):
    data = unit_logos.many_scans_jpeg()  # half a minute of CPU to decode, before this check
    upload = {"logo": (io.BytesIO(data), "passes.jpg")}
    if form == "client":
        consultant.get("/engagements/new")
        response = consultant.post("/engagements/new", edit_form([(None, "Legal", "staff")]) | upload)
    else:
        consultant.get("/account/firm")
        response = consultant.post("/account/firm", {"firm_name": "Conseil", **upload})
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "passes.jpg: This progressive JPEG is drawn in too many passes (at most 40)" in page
    with app.app_context():
        assert db.session.query(Engagement).count() == 0
    assert consultant.get("/account/firm/logo").status_code == 404


def test_a_body_over_the_upload_limit_gets_the_413_page(consultant):
    consultant.get("/engagements/new")
    data = edit_form([(None, "Legal", "staff")]) | {"logo": (io.BytesIO(b"\x89PNG" + b"0" * 1_100_000), "x.png")}
    response = consultant.post("/engagements/new", data, content_type="multipart/form-data")
    assert response.status_code == 413 and "Too much data" in response.get_data(as_text=True)


def test_replace_and_remove_the_logo(app, consultant):
    engagement_id = create_engagement(consultant, logo=(io.BytesIO(image_bytes("PNG")), "a.png"))
    with app.app_context():
        group_ids = [(g.id, g.name, g.profile) for g in db.session.get(Engagement, engagement_id).groups]
    url = f"/engagements/{engagement_id}/edit"
    consultant.get(url)
    jpeg = image_bytes("JPEG")
    data = edit_form(group_ids) | {"logo": (io.BytesIO(jpeg), "b.jpg")}
    assert consultant.post(url, data, content_type="multipart/form-data").status_code == 302
    assert served_image(consultant, engagement_id).format == "JPEG"
    consultant.get(url)
    assert consultant.post(url, edit_form(group_ids, remove_logo="y")).status_code == 302
    assert consultant.get(f"/engagements/{engagement_id}/logo").status_code == 404


def test_delete_a_response_after_confirming(app, consultant, questionnaire):
    engagement_id = create_engagement(consultant)
    seed_responses(app, engagement_id, "Legal", all_answers(questionnaire, "staff", "best"), 2, comment="Slow.")
    page = consultant.get(f"/engagements/{engagement_id}/rounds/1/responses").get_data(as_text=True)
    with app.app_context():
        response_id = db.session.query(StoredResponse.id).order_by(StoredResponse.id).first()[0]
    url = f"/engagements/{engagement_id}/responses/{response_id}/delete"
    assert url in page
    assert "Erase this response?" in consultant.get(url).get_data(as_text=True)
    assert consultant.post(url).status_code == 302
    with app.app_context():
        assert db.session.query(StoredResponse).count() == 1
        assert db.session.query(Answer).filter_by(response_id=response_id).count() == 0
        assert db.session.query(DimensionNote).filter_by(response_id=response_id).count() == 0


def test_delete_an_engagement_erases_everything_it_holds(app, consultant, questionnaire):
    keep = create_engagement(consultant, "Other client")
    seed_responses(app, keep, "Legal", all_answers(questionnaire, "staff", "worst"), 1)
    engagement_id = create_engagement(consultant)
    seed_responses(app, engagement_id, "Legal", all_answers(questionnaire, "staff", "best"), 3, comment="Hi")
    consultant.get(f"/engagements/{engagement_id}")
    assert consultant.post(f"/engagements/{engagement_id}/rounds").status_code == 302
    seed_responses(app, engagement_id, "Legal", all_answers(questionnaire, "staff", "best"), 1, number=2)
    confirm = consultant.get(f"/engagements/{engagement_id}/delete")
    assert "cannot be undone" in confirm.get_data(as_text=True)
    assert consultant.post(f"/engagements/{engagement_id}/delete").status_code == 302
    with app.app_context():
        assert [e.id for e in db.session.query(Engagement)] == [keep]
        assert db.session.query(Round).count() == 1 and db.session.query(Invite).count() == 3
        assert db.session.query(RoleGroup).count() == 3
        assert db.session.query(StoredResponse).count() == 1
        assert db.session.query(Answer).count() == len(all_answers(questionnaire, "staff", "worst"))
        assert db.session.query(DimensionNote).count() == 0
    assert consultant.get(f"/engagements/{engagement_id}").status_code == 404
