"""The languages the product speaks; the first is the default."""

LANGUAGES = ("en", "fr")
DEFAULT_LANGUAGE = LANGUAGES[0]


NARROW_NO_BREAK_SPACE = "\u202f"


def french_typography(text: str) -> str:
    """French sets a narrow no-break space before ":", ";", "?", "!" and inside guillemets, so that the mark
    never starts a line; the questionnaire's French texts are written with ordinary spaces and get it here."""
    for mark in (":", ";", "?", "!", "»"):
        text = text.replace(" " + mark, NARROW_NO_BREAK_SPACE + mark)
    return text.replace("« ", "«" + NARROW_NO_BREAK_SPACE)
