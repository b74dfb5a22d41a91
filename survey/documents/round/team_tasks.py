"""The team plan as tasks: a CSV that Jira, Trello, Asana and Planner import, and a Markdown checklist.

One row per item of the plan rebuilt from both views (domain/rounds/team_view.py), in plan order:
title (the action), description (the practice, why it is in the plan, the team's share), owner role,
due date (the round's opening day plus the item's horizon), priority (High for quick wins and high risks,
Medium for medium risks, else Low) and labels (space-separated, without spaces: Jira's rule).
Empty below the anonymity threshold: the plan is the team's only from there.
"""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta

from flask_babel import force_locale
from flask_babel import gettext as _

from survey.documents.round.team import TeamPage
from survey.domain.rounds.team_view import FROM_BOTH, FROM_SELF, TeamPlanItem

CSV_COLUMNS = ("Title", "Description", "Owner role", "Due date", "Priority", "Labels")


def due_date(page: TeamPage, item: TeamPlanItem) -> date:
    return page.round.opened_at.date() + timedelta(days=item.improvement.horizon_days)


def priority(item: TeamPlanItem) -> str:
    if item.quick_win or item.risk == "high":
        return "High"
    return "Medium" if item.risk == "medium" else "Low"


def why(item: TeamPlanItem) -> str:
    if item.source == FROM_BOTH:
        return _(
            "Your answers and most of your team's call for it (%(count)d of %(total)d).",
            count=item.team_respondents,
            total=item.team_answered,
        )
    if item.source == FROM_SELF:
        return _("Your answers call for it.")
    return _(
        "Most of your team's answers call for it (%(count)d of %(total)d).",
        count=item.team_respondents,
        total=item.team_answered,
    )


def task_rows(page: TeamPage, lang: str) -> list[dict[str, str]]:
    questionnaire = page.questionnaire
    rows = []
    for item in page.view.plan:
        practice = questionnaire.dimension(item.dimension_id)
        rows.append(
            {
                "Title": item.improvement.action.get(lang),
                "Description": f"{practice.title.get(lang)} — {why(item)}",
                "Owner role": questionnaire.owner(item.improvement.owner).name.get(lang),
                "Due date": due_date(page, item).isoformat(),
                "Priority": priority(item),
                "Labels": " ".join(
                    [
                        f"readiness-{item.dimension_id}",
                        f"horizon-{item.improvement.horizon_days}d",
                        f"from-{item.source}",
                    ]
                    + (["quick-win"] if item.quick_win else [])
                ),
            }
        )
    return rows


def tasks_csv(page: TeamPage, lang: str) -> str:
    """UTF-8 with a byte-order mark (Excel and Planner read accents right), comma-separated, every field quoted."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    writer.writeheader()
    with force_locale(lang):
        writer.writerows(task_rows(page, lang))
    return "\ufeff" + out.getvalue()


def tasks_markdown(page: TeamPage, lang: str) -> str:
    """A checklist per horizon: `- [ ] **Action** (owner, due date) — why`."""
    with force_locale(lang):
        lines = [f"# {_('Plan from your view and your team’s')}", ""]
        rows = task_rows(page, lang)
        if not rows:
            lines.append(
                _(
                    "No plan yet: the team's answers count from %(threshold)d respondents.",
                    threshold=page.view.threshold,
                )
            )
        current = None
        for item, row in zip(page.view.plan, rows, strict=True):
            if item.improvement.horizon_days != current:
                current = item.improvement.horizon_days
                lines += ["", f"## {_('Within %(days)d days', days=current)}", ""]
            title = row["Title"].replace("*", "\\*")
            lines.append(f"- [ ] **{title}** ({row['Owner role']}, {row['Due date']}) — {row['Description']}")
    return "\n".join(lines).strip() + "\n"
