"""Under the production server settings (gunicorn.conf.py), each request is logged once, as the app's
JSON line, with every private token masked."""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys
import time
import urllib.error
import urllib.request

from flask_migrate import upgrade

from survey import create_app
from tests.load.server import LOOPBACK, ROOT, free_port, wait_until_serving

RESPONSE_TOKEN = "Zq3xR8mT2vLp9KdW4nBc7YhA"
INVITE_TOKEN = "Pw6sN1eJ5tGu8QaX3zVf2RkM"


def get(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=10) as answer:  # noqa: S310 - loopback
            return answer.status
    except urllib.error.HTTPError as error:
        return error.code


def test_gunicorn_writes_one_masked_json_line_per_request(tmp_path):
    database_url = f"sqlite:///{tmp_path / 'log.db'}"
    app = create_app({"SQLALCHEMY_DATABASE_URI": database_url, "SECRET_KEY": "log-test"})
    with app.app_context():
        upgrade()
    port = free_port()
    environment = {
        **{k: v for k, v in os.environ.items() if k != "REQUEST_LOG_BY_SERVER"},
        "BIND": f"{LOOPBACK}:{port}",
        "WEB_CONCURRENCY": "1",
        "SECRET_KEY": secrets.token_hex(32),
        "TRUSTED_HOSTS": LOOPBACK,
        "DATABASE_URL": database_url,
    }
    log_path = tmp_path / "gunicorn.log"
    with open(log_path, "wb") as log:
        server = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "--no-control-socket"],
            cwd=ROOT,
            env=environment,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    try:
        base = f"http://{LOOPBACK}:{port}"
        wait_until_serving(base)
        statuses = [
            get(f"{base}/r/{RESPONSE_TOKEN}/q/autonomy?lang=fr&token={RESPONSE_TOKEN}"),
            get(f"{base}/i/{INVITE_TOKEN}"),
            get(f"{base}/healthz"),
        ]
        time.sleep(0.5)  # the access line is written once the response is sent
    finally:
        server.terminate()
        server.wait(timeout=20)
    text = log_path.read_text()
    assert RESPONSE_TOKEN not in text and INVITE_TOKEN not in text
    lines = [json.loads(line) for line in text.splitlines() if line.startswith("{")]
    logged = [(line["path"], line["status"]) for line in lines if line["path"] != "/static/favicon.svg"]
    assert logged == [("/r/***/q/autonomy", statuses[0]), ("/i/***", statuses[1]), ("/healthz", 200)]
    first = lines[-3]
    assert first["query"] == "lang=fr&token=***" and first["method"] == "GET" and first["duration_ms"] >= 0
    assert set(first) == {"time", "method", "path", "query", "status", "duration_ms", "remote_addr"}
