"""One structured line per request, and private tokens masked in every log line.

A line is JSON: {"time", "method", "path", "query", "status", "duration_ms", "remote_addr"}. Under
gunicorn, gunicorn writes it as its access log (gunicorn.conf.py's RequestLineLogger: one line per
request, its duration until the last byte is sent); elsewhere (`flask run`, tests) a WSGI middleware
writes the same line, for static files, error pages and aborted requests alike.

A private link is the only key to a response: /r/<token>/..., /i/<token> and anything that looks
like a token in a query string or a message is replaced by *** before it reaches a log.
(Named request_log, not logging, so as not to shadow the standard module.)
"""

from __future__ import annotations

import json
import logging
import re
import sys
import time
from datetime import UTC, datetime
from urllib.parse import parse_qsl, urlencode

from flask import Flask

LOGGER_NAME = "survey.requests"
MASK = "***"
TOKEN_IN_PATH = re.compile(r"(/[rip]/)[^/?#\s\"']+")
# A bare secret: 22+ URL-safe characters (128 bits or more) mixing digits, upper and lower case,
# which a private token almost always does and an identifier in a traceback almost never does.
BARE_TOKEN = re.compile(r"(?<![\w-])(?=[\w-]*\d)(?=[\w-]*[A-Z])(?=[\w-]*[a-z])[\w-]{22,}(?![\w-])", re.ASCII)
SECRET_PARAMETER = re.compile(r"token|key|secret|password|invite|code|sig", re.IGNORECASE)
# Loggers that may print a request line or an exception: the app's, the dev server's, gunicorn's.
MASKED_LOGGERS = ("werkzeug", "gunicorn.access", "gunicorn.error")


def mask_tokens(text: str) -> str:
    """Replace private tokens in paths (/r/<token>/, /i/<token>, /p/<token>) and bare token-like strings."""
    return BARE_TOKEN.sub(MASK, TOKEN_IN_PATH.sub(rf"\g<1>{MASK}", text))


def mask_query(query: str) -> str:
    """A query string with secret-looking parameters and any token inside a value masked."""
    if not query:
        return ""
    pairs = parse_qsl(query, keep_blank_values=True)
    return urlencode([(k, MASK if SECRET_PARAMETER.search(k) else mask_tokens(v)) for k, v in pairs], safe="*/")


class DevServerRequestLineFilter(logging.Filter):
    """Drops the development server's own line per request ('127.0.0.1 - - [date] "GET / HTTP/1.1" 200 -'):
    the app's JSON line says the same, and a request gets one line. Its other messages stay."""

    REQUEST_LINE = re.compile(r'^\S+ - - \[[^\]]*\] "')

    def filter(self, record: logging.LogRecord) -> bool:
        return not self.REQUEST_LINE.match(str(record.msg))


class TokenMaskingFilter(logging.Filter):
    """Masks tokens in a record's message and traceback, for loggers this module does not write."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg, record.args = mask_tokens(record.getMessage()), None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = mask_tokens(record.exc_text)
        return True


class _CurrentStderrHandler(logging.StreamHandler):
    """Writes to whatever sys.stderr is at the time (gunicorn's error log, a test's capture)."""

    def __init__(self) -> None:
        super().__init__()

    @property
    def stream(self):
        return sys.stderr

    @stream.setter
    def stream(self, _value) -> None:
        pass


class RequestLog:
    """WSGI middleware: for each response, one JSON line on the `survey.requests` logger."""

    def __init__(self, wsgi_app, logger: logging.Logger):
        self.wsgi_app = wsgi_app
        self.logger = logger

    def __call__(self, environ, start_response):
        started = time.perf_counter()
        seen: dict[str, int] = {}

        def capture_status(status: str, headers, exc_info=None):
            seen["status"] = int(status.split(" ", 1)[0])
            return start_response(status, headers, exc_info)

        try:
            body = self.wsgi_app(environ, capture_status)
        except BaseException:
            self.write(environ, 500, started)
            raise
        self.write(environ, seen.get("status", 500), started)
        return body

    def write(self, environ, status: int, started: float) -> None:
        if self.logger.isEnabledFor(logging.INFO):
            self.logger.info(request_line(environ, status, time.perf_counter() - started))


def request_line(environ, status: int, seconds: float) -> str:
    """The JSON line of one request, tokens masked; written by this middleware or by the server (gunicorn)."""
    line = {
        "time": datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z"),
        "method": environ.get("REQUEST_METHOD", ""),
        "path": mask_tokens(_decoded_path(environ)),
        "query": mask_query(environ.get("QUERY_STRING", "")),
        "status": status,
        "duration_ms": round(seconds * 1000, 1),
        "remote_addr": environ.get("REMOTE_ADDR", ""),  # read after ProxyFix, which rewrites it in place
    }
    return json.dumps(line, ensure_ascii=False)


def _decoded_path(environ) -> str:
    """PATH_INFO as WSGI hands it (latin-1 text of the raw bytes), decoded as UTF-8 for reading."""
    raw = environ.get("SCRIPT_NAME", "") + environ.get("PATH_INFO", "")
    return raw.encode("latin-1", "replace").decode("utf-8", "replace")


def request_logger() -> logging.Logger:
    """The `survey.requests` logger, set up once per process: bare JSON lines on stderr."""
    logger = logging.getLogger(LOGGER_NAME)
    if not any(isinstance(handler, _CurrentStderrHandler) for handler in logger.handlers):
        handler = _CurrentStderrHandler()
        handler.setFormatter(logging.Formatter("%(message)s"))
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
        logger.propagate = False
    return logger


def register_request_log(app: Flask) -> None:
    """Wrap the app in the request log (unless the server writes the line: see gunicorn.conf.py), and mask
    tokens in the other loggers that see requests."""
    if not app.config["REQUEST_LOG_BY_SERVER"]:
        app.wsgi_app = RequestLog(app.wsgi_app, request_logger())
        werkzeug_logger = logging.getLogger("werkzeug")
        if not any(isinstance(f, DevServerRequestLineFilter) for f in werkzeug_logger.filters):
            werkzeug_logger.addFilter(DevServerRequestLineFilter())
    for logger in (app.logger, *map(logging.getLogger, MASKED_LOGGERS)):
        if not any(isinstance(f, TokenMaskingFilter) for f in logger.filters):
            logger.addFilter(TokenMaskingFilter())
