"""A round's deadline and scheduled reminder as a form: the consultant's round page and the team page of an
executive's team survey ask them alike (kept here, below both blueprints, as invitee_problems.py is)."""

from __future__ import annotations

from datetime import datetime, time
from typing import TypeVar

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, SelectField
from wtforms.validators import Optional, ValidationError

from survey.store.models import Round, utcnow

REMINDER_CHOICES = (1, 2, 3, 5, 7)  # days before the deadline


class RoundScheduleForm(FlaskForm):
    deadline = DateField(validators=[Optional()])
    reminder_days_before = SelectField(validators=[Optional()])

    def validate_deadline(self, field) -> None:
        if field.data and field.data < utcnow().date() and field.data != field.object_data:
            raise ValidationError(_l("The deadline cannot be in the past."))

    def deadline_moment(self) -> datetime | None:
        """The round closes at the end of the deadline's day (UTC)."""
        return datetime.combine(self.deadline.data, time(23, 59, 59)) if self.deadline.data else None

    def reminder_days(self) -> int | None:
        value = self.reminder_days_before.data
        return int(value) if value and value.isdigit() else None


Form = TypeVar("Form", bound=RoundScheduleForm)


def round_schedule_form(form_class: type[Form], round_: Round, **values) -> Form:
    """The form (`form_class`, RoundScheduleForm or a subclass), filled with the round's schedule unless posted;
    an unchanged deadline may stay in the past (a closed round's)."""
    deadline = round_.deadline.date() if round_.deadline else None
    form = form_class(deadline=deadline, reminder_days_before=str(round_.reminder_days_before or ""), **values)
    form.deadline.object_data = deadline
    form.reminder_days_before.choices = [("", _l("No scheduled reminder"))] + [
        (str(days), _l("%(days)d days before the deadline", days=days) if days > 1 else _l("The day before"))
        for days in REMINDER_CHOICES
    ]
    return form
