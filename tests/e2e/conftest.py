"""Browser fixtures: one live app and one Chromium for the whole session, a tab per test.

Where Debian's chromium or Playwright is missing, every browser test is skipped with the reason;
on CI (.ci/run installs chromium) they run.
"""

from __future__ import annotations

import pytest

from tests.e2e.live import DESKTOP, MOBILE, chromium_missing_reason, launch_chromium, live_server


@pytest.fixture(scope="session")
def server(tmp_path_factory):
    """The real app on 127.0.0.1, on its own throw-away SQLite database."""
    with live_server(tmp_path_factory.mktemp("e2e")) as running:
        yield running


@pytest.fixture(scope="session")
def chromium():
    reason = chromium_missing_reason()
    if reason:
        pytest.skip(reason)
    from playwright.sync_api import Error, sync_playwright

    with sync_playwright() as playwright:
        try:
            browser = launch_chromium(playwright)
        except Error as error:
            pytest.skip(f"Chromium is installed but Playwright cannot launch it: {error.message.splitlines()[0]}")
        yield browser
        browser.close()


# One context per screen size for the whole session, so that its HTTP cache keeps Plotly's 3.5 MB
# compiled: a fresh context spends ~3 s on it for every report page. Each tab starts without cookies.
@pytest.fixture(scope="session")
def desktop_context(chromium):
    context = chromium.new_context(**DESKTOP)
    yield context
    context.close()


@pytest.fixture(scope="session")
def mobile_context(chromium):
    context = chromium.new_context(**MOBILE)
    yield context
    context.close()


def _tab(context):
    context.clear_cookies()
    page = context.new_page()
    page.set_default_timeout(15_000)
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    page.close()
    assert not errors, f"JavaScript errors on the page: {errors}"


@pytest.fixture()
def page(desktop_context, server):
    """A desktop-sized tab (1280 px wide), no cookies from earlier tests."""
    yield from _tab(desktop_context)


@pytest.fixture()
def mobile_page(mobile_context, server):
    """A phone-sized tab: 375 x 812 CSS pixels at device scale 2, touch."""
    yield from _tab(mobile_context)
