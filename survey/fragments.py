"""Rendered page fragments kept per app instance, for pages read far more often than their data changes.

The key must name everything the fragment shows (see reports.cache_key: the answers, the language,
the day, the questionnaire's version and a digest of the templates and catalogs), so a hit is always
what a new render would give, and several instances may each keep their own copy.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from threading import Lock

from cachetools import LRUCache
from markupsafe import Markup

DEFAULT_SIZE = 512  # a report's body is about 20 kB: 10 MB at most per instance


class FragmentCache:
    """A thread-safe LRU of rendered markup; rendering happens outside the lock."""

    def __init__(self, size: int = DEFAULT_SIZE) -> None:
        self._items: LRUCache = LRUCache(maxsize=size)
        self._lock = Lock()

    def get_or_render(self, key: Hashable, render: Callable[[], str]) -> Markup:
        with self._lock:
            found = self._items.get(key)
        if found is None:
            found = Markup(render())  # noqa: S704 - the output of our own autoescaped templates
            with self._lock:
                self._items[key] = found
        return found

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
