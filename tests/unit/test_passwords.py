"""Passwords a consultant may choose: long, not guessable, not their e-mail; each refusal says why in a line."""

from __future__ import annotations

import pytest

from survey.domain.accounts.passwords import password_problem

EMAIL = "ada.lovelace@example.org"


@pytest.mark.parametrize(
    ("password", "reason", "says"),
    [
        ("aaaaaaaaaaaa", "guessable", "too easy to guess"),
        ("password1234", "guessable", "very common password"),
        ("qwertyuiop12", "guessable", "too easy to guess"),
        (EMAIL, "contains_email", "e-mail"),
        ("ADA.Lovelace@Example.org!", "contains_email", "e-mail"),
        ("short", "length", "12 to 1024 characters"),
    ],
)
def test_weak_passwords_are_refused_with_a_one_line_reason(password, reason, says):
    problem = password_problem(password, EMAIL)
    assert problem is not None and problem.reason == reason
    assert says in problem.message and "\n" not in problem.message


@pytest.mark.parametrize("password", ["correct horse battery staple", "lantern fjord quietly 1987 orbit"])
def test_strong_passwords_pass(password):
    assert password_problem(password, EMAIL) is None
