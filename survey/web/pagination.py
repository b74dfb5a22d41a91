"""Long lists cut into pages of at most `per_page` lines: which page a request asks for, and what the pager shows."""

from __future__ import annotations

from dataclasses import dataclass

from flask import request

PER_PAGE = 100


def requested_page() -> int:
    """The page number in the query string (`page`), 1 when absent or not a positive number."""
    number = request.args.get("page", type=int) or 1
    return max(number, 1)


@dataclass(frozen=True)
class Page:
    """Page `number` (from 1) of a list of `total` lines; a page past the end reads as the last one."""

    number: int
    total: int
    per_page: int = PER_PAGE

    @property
    def count(self) -> int:
        return max((self.total + self.per_page - 1) // self.per_page, 1)

    @property
    def current(self) -> int:
        return min(self.number, self.count)

    @property
    def start(self) -> int:
        return (self.current - 1) * self.per_page

    @property
    def first_line(self) -> int:
        return self.start + 1 if self.total else 0

    @property
    def last_line(self) -> int:
        return min(self.start + self.per_page, self.total)

    @property
    def paginated(self) -> bool:
        return self.total > self.per_page

    def slice(self, lines: list) -> list:
        return lines[self.start : self.start + self.per_page]
