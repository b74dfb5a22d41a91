"""Shared fixtures: the questionnaires, an app on a throw-away database, a client."""

from __future__ import annotations

from pathlib import Path

import pytest

from survey.questionnaire import load_questionnaire

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
MINI_PATH = FIXTURES / "mini.yaml"
REAL_PATH = ROOT / "questions.yaml"


@pytest.fixture(scope="session")
def mini():
    """A small questionnaire whose numbers are easy to check by hand."""
    return load_questionnaire(MINI_PATH)


@pytest.fixture(scope="session")
def questionnaire():
    """The questionnaire the product ships."""
    return load_questionnaire(REAL_PATH)
