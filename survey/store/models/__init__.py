"""Every table, importable from one place: `from survey.store.models import Response, Engagement`.

The modules below import only `base` and the extensions, never each other, so there is no cycle;
relationships between them name their targets as strings.
"""

from survey.store.models.base import utcnow
from survey.store.models.benchmark import BenchmarkContribution, BenchmarkTally
from survey.store.models.consultants import (
    PROFILES_FOR_GROUPS,
    ApiToken,
    Consultant,
    Engagement,
    Invite,
    RoleGroup,
    Round,
    RoundScoreValue,
    RoundTally,
)
from survey.store.models.deliverables import CommentChoice
from survey.store.models.fieldwork import GroupTarget, Invitation, OutboxMessage
from survey.store.models.jobs import Job
from survey.store.models.respondents import (
    PAGE_ROWS,
    RESPONSE_COLUMNS,
    Answer,
    DimensionNote,
    PreloadedPage,
    RenderedDocument,
    Response,
    ResponseReads,
    ResponseRecord,
    StoredAnswers,
    response_with_page,
    stored_answer_values,
)
from survey.store.models.spaces import ResponseVersion, Space

__all__ = [
    "ResponseVersion",
    "Space",
    "PAGE_ROWS",
    "RESPONSE_COLUMNS",
    "PROFILES_FOR_GROUPS",
    "Answer",
    "BenchmarkContribution",
    "BenchmarkTally",
    "CommentChoice",
    "ApiToken",
    "Consultant",
    "DimensionNote",
    "Job",
    "Engagement",
    "GroupTarget",
    "Invitation",
    "Invite",
    "OutboxMessage",
    "PreloadedPage",
    "RenderedDocument",
    "Response",
    "ResponseReads",
    "ResponseRecord",
    "RoleGroup",
    "Round",
    "RoundScoreValue",
    "RoundTally",
    "StoredAnswers",
    "response_with_page",
    "stored_answer_values",
    "utcnow",
]
