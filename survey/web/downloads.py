"""Headers of a file handed to the visitor: reports, exports."""

from __future__ import annotations

from flask import Response


def download_headers(filename: str, inline: bool = False) -> dict[str, str]:
    """`filename` is ASCII without quotes (see reports.pdf_filename); the content is private to whoever
    holds the link or the account, so no cache keeps it."""
    disposition = "inline" if inline else "attachment"
    return {
        "Content-Disposition": f'{disposition}; filename="{filename}"',
        "Cache-Control": "private, no-store",
        "X-Content-Type-Options": "nosniff",
    }


def logo_response(data: bytes, mime_type: str) -> Response:
    """A stored logo (checked as PNG or JPEG when uploaded), served so that a browser never runs it."""
    response = Response(data, mimetype=mime_type)
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Content-Security-Policy"] = "default-src 'none'"
    response.headers["Cache-Control"] = "private, max-age=300"
    return response
