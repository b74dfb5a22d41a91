"""Rendered page fragments kept per app instance, for pages read far more often than their data changes.

The key must name everything the fragment shows (see reports.cache_key: the answers, the language,
the day, the questionnaire's version and a digest of the templates and catalogs), so a hit is always
what a new render would give, and several instances may each keep their own copy.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping
from contextlib import suppress
from secrets import token_hex
from threading import Lock

from cachetools import LRUCache
from markupsafe import Markup

DEFAULT_SIZE = 512  # a report's body is about 20 kB: 10 MB at most per instance
MIN_SECRET_LENGTH = 16


class LockedLRU:
    """cachetools' LRU behind a lock, for the threads of a worker; whatever fills it runs outside the lock."""

    def __init__(self, size: int = DEFAULT_SIZE, getsizeof: Callable | None = None) -> None:
        self._items: LRUCache = LRUCache(maxsize=size, getsizeof=getsizeof)
        self._lock = Lock()

    def get(self, key: Hashable):
        with self._lock:
            return self._items.get(key)

    def put(self, key: Hashable, value) -> None:
        with self._lock, suppress(ValueError):  # larger than the whole cache (a size-bounded one): not kept
            self._items[key] = value

    def clear(self) -> None:
        with self._lock:
            self._items.clear()


class FragmentCache(LockedLRU):
    """Rendered markup by key."""

    def get_or_render(self, key: Hashable, render: Callable[[], str]) -> Markup:
        found = self.get(key)
        if found is None:
            found = Markup(render())  # noqa: S704 - the output of our own autoescaped templates
            self.put(key, found)
        return found


class SharedPageCache(LockedLRU):
    """Whole pages that every visitor with the same key would see alike but for a few secrets of their
    own (their CSRF token, their private token): each secret is cut out of the stored page and the
    visitor's own is put back in. So the survey page of a dimension, as most respondents first see
    it, is rendered once for all of them.

    A secret must be long and random (a token, never a word), so that no other text of the page can
    equal it; the holes are random too, drawn per process, so that no answer or comment can contain one.
    """

    def __init__(self, size: int = DEFAULT_SIZE) -> None:
        super().__init__(size)
        self._holes: dict[str, str] = {}

    def get_or_render(self, key: Hashable, render: Callable[[], str], secrets: Mapping[str, str]) -> str:
        if any(len(value) < MIN_SECRET_LENGTH for value in secrets.values()):
            raise ValueError("a secret cut out of a shared page must be a long random token")
        stored = self.get(key)
        if stored is None:
            page = render()
            stored = page
            for name, value in secrets.items():
                stored = stored.replace(value, self._hole(name))
            self.put(key, stored)
            return page
        for name, value in secrets.items():
            stored = stored.replace(self._hole(name), value)
        return stored

    def _hole(self, name: str) -> str:
        hole = self._holes.get(name)
        if hole is None:
            hole = self._holes.setdefault(name, f"hole-{token_hex(16)}")
        return hole
