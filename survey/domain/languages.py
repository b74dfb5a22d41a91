"""The languages the product speaks; the first is the default."""

LANGUAGES = ("en", "fr")
DEFAULT_LANGUAGE = LANGUAGES[0]
