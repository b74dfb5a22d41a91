"""gunicorn's access log, writing the app's request line (see request_log.py): one JSON line per
request, tokens masked, whichever server runs the app."""

from __future__ import annotations

from gunicorn.glogging import Logger

from survey.web.request_log import request_line


class RequestLineLogger(Logger):
    """An access line built by request_line() rather than from gunicorn's atoms: the same fields as in
    development, every private token masked (gunicorn's own format would print /i/<token> and queries),
    and cheaper than formatting the atoms of every header."""

    def access(self, resp, req, environ, request_time) -> None:
        if self.cfg.accesslog:
            self.access_log.info(request_line(environ, resp.status_code, request_time.total_seconds()))
