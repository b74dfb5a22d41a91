"""What makes a consultant's password acceptable: long enough, hard to guess, not their e-mail.

The strength is zxcvbn's estimate (Dropbox's estimator: dictionaries, keyboard patterns, repeats,
dates, l33t), which refuses `aaaaaaaaaaaa` and `password1234` that a length rule lets through. A
score of 3 ("safely unguessable: moderate protection from an offline attack") is the floor; the
e-mail is given to the estimator too, and refused outright when the password contains it.
"""

from __future__ import annotations

from dataclasses import dataclass

from zxcvbn import zxcvbn

MIN_PASSWORD_LENGTH = 12
MAX_PASSWORD_LENGTH = 1024  # scrypt of a huge password would tie up the server
MIN_STRENGTH = 3  # zxcvbn's scale: 0 (too guessable) to 4 (very unguessable)
ESTIMATED_CHARACTERS = 100  # zxcvbn's time grows with the length; the first 100 characters tell enough


@dataclass(frozen=True)
class PasswordProblem:
    """Why a password is refused: `reason` for code and translations, `message` a line for the CLI."""

    reason: str  # "length", "contains_email" or "guessable"
    message: str


def password_problem(password: str, email: str) -> PasswordProblem | None:
    """None when `password` is acceptable for the account `email`, else the first reason it is not."""
    if not MIN_PASSWORD_LENGTH <= len(password) <= MAX_PASSWORD_LENGTH:
        return PasswordProblem(
            "length", f"the password must have {MIN_PASSWORD_LENGTH} to {MAX_PASSWORD_LENGTH} characters"
        )
    email = email.strip().casefold()
    if email and email in password.casefold():
        return PasswordProblem("contains_email", "the password must not contain the account's e-mail address")
    estimate = zxcvbn(password[:ESTIMATED_CHARACTERS], user_inputs=[email, *email.replace("@", ".").split(".")])
    if estimate["score"] < MIN_STRENGTH:
        feedback = estimate["feedback"]
        hint = feedback["warning"] or next(iter(feedback["suggestions"]), "") or "Add a few uncommon words."
        return PasswordProblem("guessable", f"the password is too easy to guess ({hint[0].lower()}{hint[1:-1]})")
    return None
