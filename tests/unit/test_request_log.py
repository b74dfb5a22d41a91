"""Masking private tokens in log lines: paths, query strings, messages and tracebacks."""

from __future__ import annotations

import io
import logging

from survey.store.tokens import new_token
from survey.web.request_log import TokenMaskingFilter, mask_query, mask_tokens


def test_tokens_in_respondent_and_invitation_paths_are_masked():
    token = new_token()
    assert mask_tokens(f"/r/{token}/q/validation") == "/r/***/q/validation"
    assert mask_tokens(f"/r/{token}/") == "/r/***/"
    assert mask_tokens(f"/i/{token}") == "/i/***"
    assert mask_tokens(f'"GET /r/{token}/report HTTP/1.1" 200') == '"GET /r/***/report HTTP/1.1" 200'


def test_bare_tokens_are_masked_but_identifiers_in_tracebacks_are_kept():
    tokens = [new_token() for _ in range(200)]
    text = " ".join(tokens)
    leaked = [token for token in tokens if token in mask_tokens(text)]
    assert len(leaked) <= 4  # a token with no digit or no upper case (about 0.4%) reads like a word
    for name in ("configure_sqlite_connection", "SQLITE_BUSY_TIMEOUT_MS", "InFailedSqlTransaction", "sha256"):
        assert mask_tokens(f"in {name}()") == f"in {name}()"


def test_query_strings_keep_harmless_values_and_mask_secrets():
    token = new_token()
    assert mask_query("lang=fr") == "lang=fr"
    assert mask_query(f"token={token}&lang=fr") == "token=***&lang=fr"
    assert mask_query("api_key=abc") == "api_key=***"
    assert mask_query(f"next=/r/{token}/report") == "next=/r/***/report"
    assert mask_query(f"x={token}") == "x=***"
    assert mask_query("") == ""


def test_the_filter_masks_a_records_message_arguments_and_traceback():
    token = new_token()
    stream = io.StringIO()
    logger = logging.getLogger("test.request_log.masking")
    handler = logging.StreamHandler(stream)
    logger.addHandler(handler)
    logger.addFilter(TokenMaskingFilter())
    try:
        try:
            raise RuntimeError(f"no response /r/{token}/ nor {token}")
        except RuntimeError:
            logger.exception("while serving %s", f"/r/{token}/report")
    finally:
        logger.removeHandler(handler)
    output = stream.getvalue()
    assert token not in output
    assert "while serving /r/***/report" in output and "RuntimeError: no response /r/***/ nor ***" in output


def test_the_development_server_logs_no_second_line_per_request_but_keeps_its_other_messages():
    import logging

    from survey.web.request_log import DevServerRequestLineFilter

    def record(message: str) -> logging.LogRecord:
        return logging.LogRecord("werkzeug", logging.INFO, __file__, 1, message, None, None)

    dev_filter = DevServerRequestLineFilter()
    assert not dev_filter.filter(record('127.0.0.1 - - [25/Nov/2026 22:55:03] "GET /r/abc/ HTTP/1.1" 302 -'))
    assert dev_filter.filter(record(" * Running on http://127.0.0.1:5000"))
    assert dev_filter.filter(record("Press CTRL+C to quit"))
