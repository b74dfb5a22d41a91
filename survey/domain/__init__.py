"""The domain: the questionnaire model, answer sheets, scoring, findings, aggregation and the journey's steps.

Pure Python (pydantic, PyYAML, the standard library): it imports nothing from Flask, Werkzeug, Jinja,
SQLAlchemy, WeasyPrint or Plotly, nor from any other layer of `survey`. The unit tests exercise it without an app.
"""
