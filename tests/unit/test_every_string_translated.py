"""Every UI string the code and the templates pass to gettext has a French translation in the catalog: a
string reworded in a template but not in messages.po shows English on a French page."""

from __future__ import annotations

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from tests.conftest import ROOT


def extracted_messages() -> dict[str, str]:
    """msgid -> where it is used, as `make messages` extracts them (babel.cfg)."""
    found = {}
    method_map = [
        ("survey/**.py", "python"),
        ("templates/**.html", "jinja2"),
        ("templates/**.txt", "jinja2"),
    ]
    options = {
        "templates/**.html": {"extensions": "jinja2.ext.do"},
        "templates/**.txt": {"extensions": "jinja2.ext.do"},
    }
    for filename, lineno, message, _comments, _context in extract_from_dir(
        str(ROOT),
        method_map=method_map,
        options_map=options,
        keywords={"_": None, "gettext": None, "ngettext": (1, 2), "lazy_gettext": None, "_l": None},
    ):
        msgid = message[0] if isinstance(message, tuple) else message
        if msgid:
            found.setdefault(msgid, f"{filename}:{lineno}")
    return found


def test_every_extracted_string_has_a_french_translation():
    with open(ROOT / "translations" / "fr" / "LC_MESSAGES" / "messages.po", encoding="utf-8") as file:
        catalog = read_po(file)
    missing = [
        f"{where}: {msgid[:80]!r}"
        for msgid, where in extracted_messages().items()
        if not (catalog.get(msgid) and catalog.get(msgid).string and not catalog.get(msgid).fuzzy)
    ]
    assert not missing, f"{len(missing)} strings without French:\n" + "\n".join(missing)
