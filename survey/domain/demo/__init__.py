"""The demo engagement's content and seeded, varied respondents."""
