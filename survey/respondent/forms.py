"""WTForms classes built from the questionnaire: parsing, validation and CSRF for survey pages.

The markup is rendered by Jinja macros, not by WTForms widgets (measured: widgets serve a
30-question page at 0.03 of a bare "hello", a Jinja loop at 0.24); the forms only parse and validate.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from babel.support import Translations
from flask import current_app
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, IntegerField, RadioField, SelectField, StringField, TextAreaField
from wtforms.i18n import messages_path
from wtforms.validators import InputRequired, Length, NumberRange, Optional, ValidationError

from survey.documents.fieldwork.invitee_problems import problems_message
from survey.domain.fieldwork.invitees import MAX_CELL, ParsedInvitees, parse_pasted
from survey.domain.questionnaire.answersheet import IMPORTANCE_RANGE, MAX_COMMENT_LENGTH
from survey.domain.questionnaire.model import CANDIDATE, DONT_KNOW, Dimension, Questionnaire

COMMENT_FIELD = "comment"
MAX_ORGANISATION_LENGTH = 200
FULL_VERSION = "full"
QUICK_VERSION = "quick"  # the candidate's 10-minute version: the questionnaire's quick questions only


@functools.cache
def _wtforms_catalog(locale: str) -> Translations:
    """WTForms' own messages ("This field is required.") in one language, the catalog read once per process:
    Flask-WTF reads and parses the file again for every form it builds (a fifth of the landing page's time)."""
    return Translations.load(messages_path(), [locale], domain="wtforms")


class SurveyForm(FlaskForm):
    """The respondent's forms: parsing and validation with WTForms' messages kept in memory.

    CSRF is checked once for every POST by CSRFProtect (survey/extensions.py), before any view runs,
    and templates write its token with csrf_token(); the form's own CSRF field would sign and check a
    second token on every request.
    """

    class Meta:
        csrf = False

        def get_translations(self, form):
            if not current_app.config.get("WTF_I18N_ENABLED", True):
                return super().get_translations(form)
            return _wtforms_catalog(str(get_locale()))  # once per form: each field asks it for its label


class StartForm(SurveyForm):
    """The start button on the landing page: a profile, an optional organisation name and, for candidates,
    the full questionnaire or the 10-minute version."""

    profile = RadioField(choices=[], validators=[InputRequired()])
    organisation = StringField(validators=[Optional(), Length(max=MAX_ORGANISATION_LENGTH)])
    version = RadioField(choices=[FULL_VERSION, QUICK_VERSION], default=FULL_VERSION, validators=[Optional()])

    def validate_version(self, field) -> None:
        if field.data == QUICK_VERSION and self.profile.data != CANDIDATE:
            raise ValidationError(_("The 10-minute version is for candidates only."))


def start_form(questionnaire: Questionnaire) -> StartForm:
    form = StartForm()
    form.profile.choices = list(questionnaire.profile_ids)
    return form


class OneOfChoices:
    """What RadioField's own choice check says ("Not a valid choice."), as a validator after Optional() or
    InputRequired(): a set lookup, where WTForms rebuilt and walked the option list of each field."""

    def __init__(self, values: list[str]) -> None:
        self.values = frozenset(values)

    def __call__(self, form, field) -> None:
        if field.data not in self.values:
            raise ValidationError(field.gettext("Not a valid choice."))


def _answer_field(choices: list[str], required: bool, message=None) -> RadioField:
    """A radio group's field; `required` answers only (Next), or any subset (Back)."""
    presence = InputRequired(message=message) if required else Optional()
    return RadioField(choices=choices, validate_choice=False, validators=[presence, OneOfChoices(choices)])


# Keyed by the shape of the page (ids and choice values), so equal pages share one class.
_form_classes: dict[tuple, type[SurveyForm]] = {}


def dimension_form_class(dimension: Dimension, profile: str, require_all: bool) -> type[SurveyForm]:
    """A form class for one dimension page: a radio field per applicable question, and a comment.

    Built once per (dimension, profile, strictness) and kept: Next requires every answer, Back does not.
    """
    shape = tuple((q.id, tuple(c.value for c in q.choices)) for q in dimension.applicable_questions(profile))
    key = ("dimension", dimension.id, shape, require_all)
    if key not in _form_classes:
        _form_classes[key] = _build_dimension_form_class(dimension, profile, require_all)
    return _form_classes[key]


def _build_dimension_form_class(dimension: Dimension, profile: str, require_all: bool) -> type[SurveyForm]:

    class DimensionForm(SurveyForm):
        pass

    for question in dimension.applicable_questions(profile):
        choices = [choice.value for choice in question.choices] + [DONT_KNOW]
        message = _l("Please choose an answer, or \u201cDon't know\u201d.")
        setattr(DimensionForm, question.id, _answer_field(choices, require_all, message))
    comment = TextAreaField(
        validators=[
            Optional(),
            Length(max=MAX_COMMENT_LENGTH, message=_l("At most %(max)d characters.", max=MAX_COMMENT_LENGTH)),
        ]
    )
    setattr(DimensionForm, COMMENT_FIELD, comment)
    return DimensionForm


def importance_form_class(questionnaire: Questionnaire, require_all: bool) -> type[SurveyForm]:
    """The candidate's "What matters to you" page: a 1-5 rating per dimension."""
    key = ("importance", tuple(d.id for d in questionnaire.dimensions), require_all)
    if key not in _form_classes:
        _form_classes[key] = _build_importance_form_class(questionnaire, require_all)
    return _form_classes[key]


def _build_importance_form_class(questionnaire: Questionnaire, require_all: bool) -> type[SurveyForm]:

    class ImportanceForm(SurveyForm):
        pass

    choices = [str(value) for value in IMPORTANCE_RANGE]
    message = _l("Please rate how much this matters to you.")
    for dimension in questionnaire.dimensions:
        setattr(ImportanceForm, dimension.id, _answer_field(choices, require_all, message))
    return ImportanceForm


@dataclass(frozen=True)
class QuestionChoices:
    """One question as its radio group shows it, in one language."""

    id: str
    text: str
    options: tuple[tuple[str, str], ...]  # (value, label), "Don't know" last


def dimension_questions(dimension: Dimension, profile: str, lang: str) -> tuple[QuestionChoices, ...]:
    """A dimension page's questions with their labels in `lang`, built once per (dimension, profile, language)
    and kept on the app: building the option lists in Jinja was an eighth of the page's view (1.9 -> 1.65 ms).
    The key holds the dimension's question ids: the 10-minute version's page of a dimension asks fewer."""
    cache = current_app.extensions.setdefault("dimension_questions", {})
    key = (dimension.id, tuple(question.id for question in dimension.questions), profile, lang)
    if key not in cache:
        dont_know = (DONT_KNOW, _("Don't know"))
        cache[key] = tuple(
            QuestionChoices(
                question.id,
                question.text_for(profile).get(lang),
                tuple((choice.value, choice.label.get(lang)) for choice in question.choices) + (dont_know,),
            )
            for question in dimension.applicable_questions(profile)
        )
    return cache[key]


def valid_answers(form: FlaskForm, field_names: list[str]) -> dict[str, str]:
    """The answers that passed validation and are one of their field's choices: a rejected or missing
    value is never stored. The choice check is not redundant: Optional() takes a blank-looking value
    such as " " for "no answer" and stops the field's validation before OneOfChoices sees it."""
    return {
        name: form[name].data
        for name in field_names
        if not form[name].errors and form[name].data in _choice_values(form[name])
    }


def _choice_values(field) -> set[str]:
    return {choice[0] if isinstance(choice, tuple) else choice for choice in field.choices}


def field_errors(form: FlaskForm) -> dict[str, str]:
    return {name: errors[0] for name, errors in form.errors.items() if errors}


class AskTeamForm(FlaskForm):
    """ "Ask my team": an optional "Leadership" group, and how many team answers the owner aims for."""

    leadership = BooleanField(_l("Also ask a “Leadership” group (executive questions)"))
    target = IntegerField(
        _l("How many team answers do you aim for? (optional)"),
        validators=[Optional(), NumberRange(min=3, max=10_000)],
    )


class TeamConfirmForm(FlaskForm):
    """A button that changes the team survey (measure again): only CSRF to check."""


PROBLEMS_SHOWN = 50
MAX_TEAM_ADDRESSES_TEXT = 200_000  # characters pasted: a team, not a company-wide list


class TeamInviteesForm(FlaskForm):
    """Personal invitations of a team survey: pasted addresses (one a line, "Name <address>" accepted), for
    one of its groups; parsed by the consultant's rules (domain/fieldwork/invitees.py), all or nothing."""

    group = SelectField(coerce=int, validators=[InputRequired()])
    addresses = TextAreaField(validators=[Length(max=MAX_TEAM_ADDRESSES_TEXT)])

    parsed: ParsedInvitees | None = None
    max_cell = MAX_CELL  # shown by the invitees' fields (templates/consultant/_fieldwork_macros.html)

    def validate_addresses(self, field) -> None:
        self.parsed = parse_pasted(field.data or "")
        if self.parsed.problems:
            raise ValidationError(problems_message(self.parsed.problems))
        if not self.parsed.invitees:
            raise ValidationError(_l("Paste at least one e-mail address."))

    @property
    def problems(self):
        return self.parsed.problems[:PROBLEMS_SHOWN] if self.parsed else []


def team_invitees_form(groups, **values) -> TeamInviteesForm:
    form = TeamInviteesForm(**values)
    form.group.choices = [(group.id, group.name) for group in groups]
    return form
