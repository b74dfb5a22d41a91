"""Forms of the round page: invitees (pasted or a CSV file), fieldwork settings (deadline, reminder,
targets per group, the sender's name). Parsing and validation here; the markup in the templates."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import HiddenField, IntegerField, SelectField, StringField, TextAreaField
from wtforms.validators import InputRequired, Length, NumberRange, Optional, ValidationError

from survey.documents.fieldwork.invitee_problems import problems_message
from survey.documents.fieldwork.round_schedule import RoundScheduleForm, round_schedule_form
from survey.domain.fieldwork.invitees import MAX_CELL, ParsedInvitees, decode_file, parse_csv, parse_pasted
from survey.domain.plain_text import one_line
from survey.store.models import Engagement

MAX_INVITEE_TEXT = 2_000_000  # characters pasted
MAX_INVITEE_FILE = 4_000_000  # bytes of a file (UTF-16 takes two a character); MAX_CONTENT_LENGTH may cap lower
PROBLEMS_SHOWN = 50
MAX_TARGET = 10_000
MAX_HEADCOUNT = 1_000_000


class InviteesForm(FlaskForm):
    group = SelectField(coerce=int, validators=[InputRequired()])
    addresses = TextAreaField(validators=[Length(max=MAX_INVITEE_TEXT)])  # no Optional(): a file may come instead
    upload = FileField()
    confirmed = HiddenField()  # "1" once the page that asks before a group link closes was read

    parsed: ParsedInvitees | None = None
    max_cell = MAX_CELL

    def validate_addresses(self, field) -> None:
        """Parse the file if one was chosen, else the pasted text; every wrong line is listed (see problems)."""
        upload = self.upload.data
        if upload and getattr(upload, "filename", ""):
            data = upload.stream.read(MAX_INVITEE_FILE + 1)
            if len(data) > MAX_INVITEE_FILE:
                raise ValidationError(
                    _l("The file is too large: at most %(size)d MB.", size=MAX_INVITEE_FILE // 1_000_000)
                )
            self.parsed = parse_csv(decode_file(data))
        else:
            self.parsed = parse_pasted(field.data or "")
        if self.parsed.problems:
            raise ValidationError(problems_message(self.parsed.problems))
        if not self.parsed.invitees:
            raise ValidationError(_l("Paste at least one e-mail address, or choose a CSV file."))

    @property
    def problems(self):
        return self.parsed.problems[:PROBLEMS_SHOWN] if self.parsed else []


def invitees_form(engagement: Engagement, **values) -> InviteesForm:
    form = InviteesForm(**values)
    form.group.choices = [(group.id, group.name) for group in engagement.groups]
    return form


class SettingsForm(RoundScheduleForm):
    sender_name = StringField(validators=[Optional(), Length(max=200)], filters=[one_line])

    def targets(self, engagement: Engagement) -> dict[int, int]:
        return {group.id: self[f"target_{group.id}"].data for group in engagement.groups}

    def headcounts(self, engagement: Engagement) -> dict[int, int | None]:
        return {group.id: self[f"headcount_{group.id}"].data for group in engagement.groups}


def settings_form(
    engagement: Engagement, round_, targets: dict[int, int], headcounts: dict[int, int] | None = None
) -> SettingsForm:
    """The settings form with one target field per group (forms from data: a subclass per engagement)."""

    class EngagementSettingsForm(SettingsForm):
        pass

    for group in engagement.groups:
        validators = [InputRequired(), NumberRange(min=1, max=MAX_TARGET)]
        field = IntegerField(validators=validators, default=targets[group.id])
        setattr(EngagementSettingsForm, f"target_{group.id}", field)
        headcount = IntegerField(
            validators=[Optional(), NumberRange(min=1, max=MAX_HEADCOUNT)], default=(headcounts or {}).get(group.id)
        )
        setattr(EngagementSettingsForm, f"headcount_{group.id}", headcount)
    return round_schedule_form(EngagementSettingsForm, round_, sender_name=engagement.sender_name or "")
