"""Fixtures of the web tests that several modules share."""

from __future__ import annotations

import pytest

from tests.mailserver import MailServer
from tests.web.consultant import login, make_consultant


@pytest.fixture()
def mail_server(app):
    """A loopback SMTP server (aiosmtpd), and the app's mail settings pointing at it for the test; a message the
    server could not take is retried after a minute (MAIL_RETRY_SECONDS), not within the test's next pass."""
    server = MailServer().start()
    settings = {**server.settings(), "MAIL_RETRY_SECONDS": 60}
    saved = {key: app.config.get(key) for key in settings}
    app.config.update(settings)
    yield server
    server.stop()
    app.config.update(saved)


@pytest.fixture()
def consultant(app, browser):
    """A signed-in consultant (ada@example.com): the browser, ready for the workspace's pages."""
    make_consultant(app, "ada@example.com")
    login(browser, "ada@example.com")
    return browser
