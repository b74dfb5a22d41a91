"""Why pasted or uploaded invitees were not imported, as one message (the consultant's round page and the
team page of an executive's team survey say it alike)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l


def problems_message(problems) -> str:
    """Nothing imported, and why: lines that are not addresses, or lines that cannot be read at all."""
    count = len(problems)
    if all(problem.reason == "address" for problem in problems):
        if count == 1:
            return _l("One line is not an e-mail address: nothing was imported. Correct it and import again.")
        return _l(
            "%(count)d lines are not e-mail addresses: nothing was imported. Correct them and import again.",
            count=count,
        )
    if count == 1:
        return _l("One line cannot be imported: nothing was imported. Correct it and import again.")
    return _l("%(count)d lines cannot be imported: nothing was imported. Correct them and import again.", count=count)
