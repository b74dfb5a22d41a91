"""How heavy the pages are for a browser: bytes on the wire of a first visit, what a repeat visit downloads,
and paint and load times in Chromium on an emulated slow 4G network with a slowed CPU.

    .venv/bin/python -m bench.pages              (about a minute; --no-browser for the byte counts only)

Seeds a throw-away SQLite database with the demo (a consultant, a two-round engagement, a French candidate's
and an English executive's reports) and the bench's staff responses, then serves the app from this process
(werkzeug's threaded server on a free loopback port) and measures, for the landing page, the heaviest survey
page and every report page (candidate, executive, staff, the consultant's round report):

- first visit, bytes on the wire: the HTML and every script and stylesheet it links, each as the server
  sends it to a browser that accepts `gzip, br` (body and header lines); target <= 350 KB per report page;
- repeat visit: how many scripts and stylesheets the server is asked for when the page is opened again
  in the same browser (target 0: versioned names, cached as immutable);
- Chromium through Playwright (Debian's /usr/bin/chromium, or BENCH_CHROMIUM), network emulated at
  1.6 Mbit/s down, 750 kbit/s up, 150 ms round trip ("slow 4G") and the CPU slowed 4x, a first visit (empty
  cache) of a warm server (each page asked for once before): Largest Contentful Paint <= 2.5 s,
  DOMContentLoaded and load <= 3 s.
"""

from __future__ import annotations

import argparse
import os
import re
import tempfile
import threading
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from werkzeug.serving import make_server

from bench.figures import Figure
from bench.site import migrated_app, seed

BYTES_TARGET_KB = 350
LCP_TARGET_S = 2.5
EVENTS_TARGET_S = 3.0
SLOW_4G = {"offline": False, "latency": 150, "downloadThroughput": 1.6e6 / 8, "uploadThroughput": 750e3 / 8}
CPU_SLOWDOWN = 4
LINKED = re.compile(r'<(?:script|link)\b[^>]*?\b(?:src|href)="(/static/[^"]+\.(?:js|css))"')
CHROMIUM = os.environ.get("BENCH_CHROMIUM", "/usr/bin/chromium")


class CountingApp:
    """WSGI middleware remembering the paths the server was asked for (to see what a repeat visit fetches)."""

    def __init__(self, app):
        self.app, self.paths = app, []

    def __call__(self, environ, start_response):
        self.paths.append(environ.get("PATH_INFO", ""))
        return self.app(environ, start_response)


def seeded_site(folder: Path):
    from survey.store.demo import seed_demo

    app = migrated_app(f"sqlite:///{folder / 'pages.db'}", "bench-secret")
    app.config["RATELIMIT_ENABLED"] = False
    with app.app_context():
        demo = seed_demo(app.extensions["questionnaire"], datetime.now(UTC).replace(tzinfo=None))
    staff = seed(app)
    pages = {
        "landing": "/",
        "survey page": f"/r/{staff['staff_token']}/q/{staff['dimension']}",
        "candidate report": f"/r/{demo.candidate_token}/report",
        "executive report": f"/r/{demo.executive_token}/report",
        "staff report": f"/r/{staff['report_token']}/report",
        "round report": f"/engagements/{demo.engagement_id}/rounds/2/report",
    }
    return app, pages, (demo.email, demo.password)


def signed_in_client(app, account):
    client = app.test_client()
    page = client.get("/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    answer = client.post("/login", data={"csrf_token": token, "email": account[0], "password": account[1]})
    assert answer.status_code == 302, answer.status_code
    return client


def wire_bytes(response) -> int:
    headers = sum(len(f"{name}: {value}\r\n") for name, value in response.headers.items())
    return len(response.get_data()) + headers + len("HTTP/1.1 200 OK\r\n\r\n")


def first_visit_bytes(client, path: str) -> tuple[int, list[str]]:
    """The HTML's bytes plus those of every script and stylesheet it links, asked for as a browser would."""
    accept = {"Accept-Encoding": "gzip, br"}
    page = client.get(path, headers=accept)
    assert page.status_code == 200, (path, page.status_code)
    assets = LINKED.findall(page.get_data(as_text=True))
    total = wire_bytes(page)
    for asset in assets:
        answer = client.get(asset, headers=accept)
        assert answer.status_code == 200, asset
        total += wire_bytes(answer)
    return total, assets


@contextmanager
def served(app):
    counting = CountingApp(app.wsgi_app)
    app.wsgi_app = counting
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}", counting
    finally:
        server.shutdown()
        app.wsgi_app = counting.app


def browser_timings(base: str, pages: dict[str, str], account, counting) -> dict[str, dict[str, float]]:
    """Per page: LCP, DOMContentLoaded and load (s) of a first visit under slow 4G and a 4x slower CPU, and how
    many scripts and stylesheets a repeat visit asked the server for."""
    from playwright.sync_api import sync_playwright

    figures = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        signed_in = browser.new_context()
        login = signed_in.new_page()
        login.goto(base + "/login")
        login.fill("input[name=email]", account[0])
        login.fill("input[name=password]", account[1])
        login.click("button[type=submit]")
        login.wait_for_load_state()
        cookies = signed_in.storage_state()
        signed_in.close()
        for name, path in pages.items():
            context = browser.new_context(storage_state=cookies)  # an empty cache, the consultant's session
            page = context.new_page()
            cdp = context.new_cdp_session(page)
            cdp.send("Network.enable")
            cdp.send("Network.emulateNetworkConditions", SLOW_4G)
            cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
            page.add_init_script(
                "window.__lcp = 0; new PerformanceObserver(l => { for (const e of l.getEntries()) "
                "window.__lcp = e.startTime; }).observe({type: 'largest-contentful-paint', buffered: true});"
            )
            page.goto(base + path, wait_until="load")
            page.wait_for_timeout(300)
            timing = page.evaluate(
                "() => { const n = performance.getEntriesByType('navigation')[0];"
                " return {lcp: window.__lcp, dcl: n.domContentLoadedEventEnd, load: n.loadEventEnd}; }"
            )
            before = len(counting.paths)
            page.goto(base + path, wait_until="load")  # a repeat visit, same browser
            repeat = [p for p in counting.paths[before:] if p.startswith("/static/") and p.endswith((".js", ".css"))]
            figures[name] = {key: value / 1000 for key, value in timing.items()} | {"repeat assets": len(repeat)}
            context.close()
        browser.close()
    return figures


def page_figures(with_browser: bool = True) -> list[Figure]:
    with tempfile.TemporaryDirectory(prefix="bench-pages-") as folder:
        app, pages, account = seeded_site(Path(folder))
        rows = []
        client = signed_in_client(app, account)
        for name, path in pages.items():
            total, _ = first_visit_bytes(client, path)
            target = BYTES_TARGET_KB if "report" in name else None
            rows.append(Figure(f"first visit, bytes on the wire (KB): {name}", round(total / 1024, 1), target, "<="))
        if with_browser:
            # The server warmed (templates compiled, bodies rendered, as on a running site): the wrk rows measure
            # the server's side; this one what the browser does with what it receives.
            for path in pages.values():
                client.get(path)
            with served(app) as (base, counting):
                timings = browser_timings(base, pages, account, counting)
            for name, figure in timings.items():
                rows.append(Figure(f"slow 4G, CPU 4x: LCP (s), {name}", round(figure["lcp"], 2), LCP_TARGET_S, "<="))
                rows.append(
                    Figure(
                        f"slow 4G, CPU 4x: DOMContentLoaded (s), {name}", round(figure["dcl"], 2), EVENTS_TARGET_S, "<="
                    )
                )
                rows.append(
                    Figure(f"slow 4G, CPU 4x: load (s), {name}", round(figure["load"], 2), EVENTS_TARGET_S, "<=")
                )
                rows.append(
                    Figure(f"repeat visit, scripts and stylesheets fetched: {name}", figure["repeat assets"], 0, "<=")
                )
        return rows


def pages_figures(bench_run) -> list[Figure]:
    return page_figures()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--no-browser", action="store_true", help="the byte counts only, no Chromium")
    args = parser.parse_args()
    load = os.getloadavg()[0]
    for figure in page_figures(with_browser=not args.no_browser):
        target = "" if figure.target is None else f"{figure.comparison} {figure.target}"
        passed = "" if figure.target is None else ("PASS" if _passes(figure) else "FAIL")
        print(f"{figure.name:<70} {figure.value:>9} {target:<8} {passed}")
    print(f"1-minute load average: {load:.1f} before, {os.getloadavg()[0]:.1f} after")


def _passes(figure: Figure) -> bool:
    return figure.value <= figure.target if figure.comparison == "<=" else figure.value >= figure.target


if __name__ == "__main__":
    main()
