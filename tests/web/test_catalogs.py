"""A deployment from a checkout has no compiled catalogs (*.mo are ignored by git): the app compiles them
at start-up, so French visitors never get English buttons around French questions."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from survey.web.i18n import catalogs
from survey.web.i18n.catalogs import ensure_compiled_catalogs, stale_catalogs
from tests.conftest import ROOT


@pytest.fixture()
def checkout_catalogs(tmp_path):
    """The translations folder as a fresh clone has it: .po files, no .mo."""
    target = tmp_path / "translations"
    shutil.copytree(ROOT / "translations", target, ignore=shutil.ignore_patterns("*.mo"))
    assert not list(target.rglob("*.mo"))
    return target


def test_an_app_started_without_compiled_catalogs_speaks_french(tmp_path, checkout_catalogs):
    # In a process of its own: Flask-Babel keeps loaded catalogs per process, whatever the app.
    script = (
        "from survey import create_app\n"
        "app = create_app({'TESTING': True, 'SQLALCHEMY_DATABASE_URI': 'sqlite://',"
        f" 'BABEL_TRANSLATION_DIRECTORIES': {str(checkout_catalogs)!r}}})\n"
        "print(app.test_client().get('/?lang=fr').get_data(as_text=True))\n"
    )
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True)
    assert "Commencer en tant que" in result.stdout and "Start as" not in result.stdout
    assert (checkout_catalogs / "fr" / "LC_MESSAGES" / "messages.mo").exists()


def test_a_catalog_edited_after_compiling_is_compiled_again(tmp_path, checkout_catalogs):
    ensure_compiled_catalogs(checkout_catalogs)
    po = checkout_catalogs / "fr" / "LC_MESSAGES" / "messages.po"
    mo = po.with_suffix(".mo")
    po.write_text(
        po.read_text().replace('msgstr "Commencer en tant que %(profile)s"', 'msgstr "Démarrer : %(profile)s"')
    )
    os.utime(mo, ns=(po.stat().st_mtime_ns - 10**9,) * 2)
    assert stale_catalogs(checkout_catalogs) == [po]
    ensure_compiled_catalogs(checkout_catalogs)
    assert stale_catalogs(checkout_catalogs) == [] and "Démarrer : %(profile)s".encode() in mo.read_bytes()


def test_a_catalog_that_cannot_be_written_stops_the_app_with_one_line(checkout_catalogs, monkeypatch):
    def read_only(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(catalogs.tempfile, "mkstemp", read_only)
    with pytest.raises(SystemExit) as stopped:
        ensure_compiled_catalogs(checkout_catalogs)
    message = str(stopped.value)
    assert "\n" not in message and "messages.po" in message and "pybabel compile" in message
