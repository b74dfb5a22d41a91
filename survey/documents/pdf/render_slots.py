"""At most a few PDF renders at once in a worker: a burst of downloads waits its turn.

A render is seconds of CPU. Without a cap, a dozen simultaneous downloads share the worker's CPU, each
takes a dozen times longer, and the survey pages served by the same worker wait behind them all. With
PDF_RENDERS_PER_WORKER slots (1 by default) renders run one after the other, each as fast as alone;
a request that cannot get a slot within PDF_RENDER_WAIT_SECONDS gets a 503 "try again" (RendererBusy)
rather than holding its thread for good. Each process has its own slots (created by the app factory
before gunicorn forks, so each worker starts with all of them free).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from threading import BoundedSemaphore

from flask import current_app, has_app_context


class RendererBusy(Exception):
    """Every render slot stayed taken for the whole wait: the caller answers 503, try again shortly."""


class RenderSlots:
    def __init__(self, count: int, wait_seconds: float) -> None:
        self.count = max(1, count)
        self.wait_seconds = wait_seconds
        self._slots = BoundedSemaphore(self.count)

    @contextmanager
    def slot(self) -> Iterator[None]:
        if not self._slots.acquire(timeout=self.wait_seconds):
            raise RendererBusy(f"{self.count} PDF render(s) already running for {self.wait_seconds:g} s")
        try:
            yield
        finally:
            self._slots.release()


def register_render_slots(app) -> None:
    """The worker's slots, from PDF_RENDERS_PER_WORKER and PDF_RENDER_WAIT_SECONDS."""
    app.extensions["pdf_render_slots"] = RenderSlots(
        int(app.config["PDF_RENDERS_PER_WORKER"]), float(app.config["PDF_RENDER_WAIT_SECONDS"])
    )


@contextmanager
def render_slot() -> Iterator[None]:
    """Hold one of the app's render slots (none outside an app), after the checks the web layer registers
    in app.extensions["before_pdf_render"] (the PDF rate limit: only renders count, not cached downloads)."""
    if not has_app_context():
        yield
        return
    for check in current_app.extensions.get("before_pdf_render", ()):
        check()
    with current_app.extensions["pdf_render_slots"].slot():
        yield
