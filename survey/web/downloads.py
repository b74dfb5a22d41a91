"""Headers of a file handed to the visitor: reports, exports."""

from __future__ import annotations


def download_headers(filename: str, inline: bool = False) -> dict[str, str]:
    """`filename` is ASCII without quotes (see reports.pdf_filename); the content is private to whoever
    holds the link or the account, so no cache keeps it."""
    disposition = "inline" if inline else "attachment"
    return {
        "Content-Disposition": f'{disposition}; filename="{filename}"',
        "Cache-Control": "private, no-store",
        "X-Content-Type-Options": "nosniff",
    }
