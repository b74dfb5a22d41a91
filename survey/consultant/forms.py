"""Forms of the consultant's pages: parsing, validation and CSRF; the markup is in the templates."""

from __future__ import annotations

from flask import current_app
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import (
    BooleanField,
    EmailField,
    FieldList,
    FormField,
    HiddenField,
    PasswordField,
    RadioField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.form import Form
from wtforms.validators import DataRequired, EqualTo, InputRequired, Length, Optional, ValidationError

from survey.documents.deck.template import TemplateError, check_template
from survey.documents.logos import MAX_JPEG_SCANS, MAX_PIXELS, LogoError, clean_logo
from survey.domain.fieldwork.curation import MAX_COMMENT_LENGTH
from survey.domain.plain_text import one_line
from survey.domain.questionnaire.languages import LANGUAGES
from survey.store.models import PROFILES_FOR_GROUPS

MAX_GROUPS = 12
BLANK_GROUP_ROWS = 2


def default_groups() -> list[tuple[str, str]]:
    """The role groups a new engagement starts with; the consultant can rename, add and remove."""
    return [
        (str(_l("Executive committee")), "executive"),
        (str(_l("Communication and marketing")), "staff"),
        (str(_l("Community management")), "staff"),
        (str(_l("Legal")), "staff"),
    ]


LOGO_ERRORS = {
    "too_large": _l("The logo is too large: at most %(size)d KB."),
    "not_an_image": _l("The logo must be a PNG or JPEG image."),
    "damaged": _l("This file is not a readable PNG or JPEG image: it is damaged, or not what its name says."),
    "too_many_pixels": _l("The logo has too many pixels: at most %(megapixels)d megapixels."),
    "too_many_scans": _l(
        "This progressive JPEG is drawn in too many passes (at most %(scans)d): save it again as a standard JPEG."
    ),
}
MAX_SHOWN_FILENAME = 80  # characters of an upload's name quoted in an error


class LoginForm(FlaskForm):
    email = EmailField(validators=[InputRequired(), Length(max=254)])
    password = PasswordField(validators=[InputRequired(), Length(max=1024)])


class GroupForm(Form):
    """One row of the role-group editor (no CSRF of its own: the engagement form carries it)."""

    id = HiddenField()
    name = StringField(validators=[Optional(), Length(max=100)], filters=[one_line])
    profile = SelectField(choices=list(PROFILES_FOR_GROUPS), default="staff")

    def group_id(self) -> int | None:
        text = str(self.id.data or "")
        return int(text) if text.isdigit() else None


class LogoUpload:
    """A `logo` upload checked by its content (documents/logos.py): client logos and firm logos alike."""

    checked_logo = None  # (bytes, mime type) of the re-encoded upload, once validate() has accepted it

    def validate_logo(self, field) -> None:
        upload = field.data
        if not upload or not getattr(upload, "filename", ""):
            return
        max_bytes = current_app.config["LOGO_MAX_BYTES"]
        try:
            logo = clean_logo(upload.stream.read(max_bytes + 1), max_bytes)
        except LogoError as error:
            limits = {"size": max_bytes // 1024, "megapixels": MAX_PIXELS // 1_000_000, "scans": MAX_JPEG_SCANS}
            problem = LOGO_ERRORS[error.reason] % limits
            name = upload.filename[:MAX_SHOWN_FILENAME]
            raise ValidationError(_l("%(file)s: %(problem)s", file=name, problem=problem)) from None
        self.checked_logo = (logo.data, logo.mime_type)


class EngagementForm(LogoUpload, FlaskForm):
    client_name = StringField(validators=[DataRequired(), Length(max=200)], filters=[one_line])
    language = RadioField(choices=list(LANGUAGES), validators=[InputRequired()], default=LANGUAGES[0])
    logo = FileField()
    remove_logo = BooleanField()
    groups = FieldList(FormField(GroupForm), min_entries=1, max_entries=MAX_GROUPS + BLANK_GROUP_ROWS)

    def validate_groups(self, field) -> None:
        names = [row.form.name.data.strip().casefold() for row in field if (row.form.name.data or "").strip()]
        if not names:
            raise ValidationError(_l("Give at least one role group."))
        if len(names) > MAX_GROUPS:
            raise ValidationError(_l("At most %(count)d role groups.", count=MAX_GROUPS))
        if len(set(names)) != len(names):
            raise ValidationError(_l("Two role groups have the same name."))

    def group_rows(self) -> list[tuple[int | None, str, str]]:
        return [(row.form.group_id(), (row.form.name.data or "").strip(), row.form.profile.data) for row in self.groups]


def engagement_form(groups: list[tuple[int | None, str, str]] | None = None, **values) -> EngagementForm:
    """The form, with the given group rows (id, name, profile) plus blank rows to add groups."""
    form = EngagementForm(**values)
    if not form.is_submitted():
        rows = groups if groups is not None else [(None, name, profile) for name, profile in default_groups()]
        while len(form.groups):
            form.groups.pop_entry()
        for group_id, name, profile in [*rows, *[(None, "", "staff")] * BLANK_GROUP_ROWS]:
            form.groups.append_entry({"id": group_id or "", "name": name, "profile": profile})
    return form


class PasswordForm(FlaskForm):
    """The current password (whoever borrows a signed-in browser cannot change it) and the new one, twice."""

    current_password = PasswordField(validators=[InputRequired(), Length(max=1024)])
    new_password = PasswordField(validators=[InputRequired(), Length(max=1024)])
    confirm_password = PasswordField(
        validators=[InputRequired(), EqualTo("new_password", message=_l("The two new passwords differ."))]
    )


class ApiTokenForm(FlaskForm):
    label = StringField(validators=[DataRequired(), Length(max=100)])


class ConfirmForm(FlaskForm):
    """A button that changes something: only CSRF to check."""


class OpenRoundForm(ConfirmForm):
    """Opening round n+1: whether round n's invitees are invited again (ticked on the page by default)."""

    carry_invitees = BooleanField()


class FirmForm(LogoUpload, FlaskForm):
    """The consultant's firm, printed on the documents they hand over."""

    firm_name = StringField(validators=[Optional(), Length(max=200)], filters=[one_line])
    logo = FileField()
    remove_logo = BooleanField()


TEMPLATE_ERRORS = {
    "too_large": _l("The template is too large: at most %(size)d MB."),
    "not_pptx": _l(
        "This file is not a PowerPoint presentation (.pptx) that can be read: it is damaged, or not what its name says."
    ),
    "zip_bomb": _l("This file unpacks to far more than its size: it is refused."),
    "macros": _l("This template holds macros or embedded programs (.pptm, ActiveX, OLE): save it as a plain .pptx."),
    "external": _l(
        "This template links to files outside it (pictures or fonts fetched from a server): "
        "embed them, then save it again."
    ),
    "no_title_layout": _l("This template has no slide layout with a title: add a “Title Only” layout to its master."),
}


class DeckTemplateForm(FlaskForm):
    """The firm's PowerPoint template, checked by its content (documents/deck/template.py)."""

    template = FileField()
    remove_template = BooleanField()
    checked_template = None  # (bytes, file name) once validate() has accepted the upload

    def validate_template(self, field) -> None:
        upload = field.data
        if not upload or not getattr(upload, "filename", ""):
            if not self.remove_template.data:
                raise ValidationError(_l("Choose a .pptx file."))
            return
        max_bytes = current_app.config["DECK_TEMPLATE_MAX_BYTES"]
        try:
            checked = check_template(upload.stream.read(max_bytes + 1), max_bytes)
        except TemplateError as error:
            message = TEMPLATE_ERRORS[error.reason] % {"size": max_bytes // (1024 * 1024)}
            raise ValidationError(f"{upload.filename}: {message}") from None
        self.checked_template = (checked.data, upload.filename[-200:])


class CommentChoiceForm(FlaskForm):
    """One comment's fate in the client's documents: included or not, in which words."""

    decision = RadioField(choices=["include", "exclude"], validators=[InputRequired()])
    text = TextAreaField(validators=[Optional(), Length(max=MAX_COMMENT_LENGTH)])
    seen = HiddenField()  # the digest of the words the choice was made on (RoundComment.digest)
