"""Compiled translation catalogs (.mo) made at start-up when missing or older than their .po.

The .mo files are build products, ignored by git: deployed from a checkout with pip, `flask db upgrade`
and gunicorn, a site without them would serve English buttons around French questions, silently. So
the app compiles them itself, with Babel's own reader and writer (what `pybabel compile --use-fuzzy`
does), and refuses to start with one line when it cannot write them.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po


def stale_catalogs(translations: Path) -> list[Path]:
    """The .po files whose .mo is missing or older."""
    stale = []
    for po_path in sorted(translations.glob("*/LC_MESSAGES/*.po")):
        mo_path = po_path.with_suffix(".mo")
        if not mo_path.exists() or mo_path.stat().st_mtime_ns < po_path.stat().st_mtime_ns:
            stale.append(po_path)
    return stale


def compile_catalog(po_path: Path) -> None:
    """Write the .mo next to the .po, atomically: another worker starting at once reads either one whole."""
    with po_path.open("rb") as source:
        catalog = read_po(source, locale=po_path.parent.parent.name)
    handle, temporary = tempfile.mkstemp(dir=po_path.parent, suffix=".mo.tmp")
    try:
        with os.fdopen(handle, "wb") as target:
            write_mo(target, catalog, use_fuzzy=True)
        os.replace(temporary, po_path.with_suffix(".mo"))
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def ensure_compiled_catalogs(translations: str | Path) -> None:
    """Compile what is stale; a catalog that cannot be written stops the app with one line naming it."""
    for po_path in stale_catalogs(Path(translations)):
        try:
            compile_catalog(po_path)
        except OSError as error:
            raise SystemExit(
                f"Cannot compile the translations {po_path} ({error.strerror}): run "
                f"`pybabel compile --use-fuzzy -d {translations}` where the app may write, then start again"
            ) from None
