"""The questionnaire: questions.yaml as a typed model, its loader and cross-checks, answer sheets, scoring and
the journey's pages.

Imports no other domain sub-package: everything else is built on it.
"""
