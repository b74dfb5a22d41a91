"""Hostile input refused at the door, before a view, a form or the CSRF check reads it: a 4xx, never a 500.

The site's forms take what browsers send: urlencoded or multipart bodies, in UTF-8, without NUL bytes.
Flask-WTF would also read a JSON body as form data, and a number, a list or a NUL byte then reached the
validators (TypeError) and the database (PostgreSQL refuses NUL in text); Werkzeug reads bytes that are
not UTF-8 as replacement characters or leaves their escapes in the text, which would be stored mangled.
The API blueprint reads its JSON itself, with its own bounds (see domain/questionnaire/answersheet.py).
"""

from __future__ import annotations

from urllib.parse import unquote_to_bytes

from flask import Flask, request
from flask_babel import lazy_gettext as _l
from werkzeug.exceptions import BadRequest, UnsupportedMediaType

BODY_METHODS = ("POST", "PUT", "PATCH", "DELETE")
JSON_BLUEPRINTS = ("api",)


class NotUtf8(BadRequest):
    explanation = _l("The form was sent with characters that are not valid UTF-8, so it was not saved.")


class NulByte(BadRequest):
    explanation = _l("The request holds a NUL character, which no browser sends; it was not saved.")


class NotAForm(UnsupportedMediaType):
    explanation = _l("This page takes a form sent by a browser, not another kind of data; nothing was saved.")


def register_request_guards(app: Flask) -> None:
    # A URL value preprocessor: it runs before the blueprints look a token up, and before the CSRF check.
    app.url_value_preprocessor(refuse_hostile_input)


def refuse_hostile_input(endpoint: str | None = None, values: dict | None = None) -> None:
    """NUL bytes in the URL; for the site's forms, a body that is not a browser's form in UTF-8."""
    if "\x00" in request.path or any("\x00" in value for _, value in request.args.items(multi=True)):
        raise NulByte()
    if request.method not in BODY_METHODS or request.url_rule is None or request.blueprint in JSON_BLUEPRINTS:
        return
    if request.mimetype == "application/x-www-form-urlencoded":
        check_urlencoded(request.get_data(cache=True))
    elif request.mimetype == "multipart/form-data":
        check_text_fields(value for _, value in request.form.items(multi=True))
    elif request.mimetype or request.content_length:
        raise NotAForm()


def check_urlencoded(body: bytes) -> None:
    """The body, once its %-escapes are decoded, is UTF-8 without NUL (checked on the raw body: the parsed
    form no longer shows which bytes were invalid). Decoded whole: "&" and "=" are ASCII, so the whole is
    valid UTF-8 exactly when every name and value is."""
    decoded = body if b"%" not in body else unquote_to_bytes(body)
    if b"\x00" in decoded:
        raise NulByte()
    if not decoded.isascii():
        try:
            decoded.decode("utf-8")
        except UnicodeDecodeError:
            raise NotUtf8() from None


def check_text_fields(values) -> None:
    """Multipart text fields, as Werkzeug decoded them: invalid UTF-8 became U+FFFD, which no one types."""
    for value in values:
        if "\x00" in value:
            raise NulByte()
        if "\ufffd" in value:
            raise NotUtf8()
