"""The domain, by what it serves: questionnaire/ (model, scoring), findings/ (a respondent's report),
rounds/ (a consultant's round), fieldwork/, demo/, accounts/.

Pure Python (pydantic, PyYAML, the standard library): it imports nothing from Flask, Werkzeug, Jinja,
SQLAlchemy, WeasyPrint or Plotly, nor from any other layer of `survey`. The unit tests exercise it without an app.
"""
