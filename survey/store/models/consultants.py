"""Models of the consultant workspace: accounts, API tokens, engagements, role groups, rounds, invites,
and the running tallies behind a round's report.

Models never commit: the caller owns the unit of work.
"""

from __future__ import annotations

from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import Float, ForeignKey, Index, Integer, LargeBinary, String, UniqueConstraint
from sqlalchemy.orm import Mapped, deferred, mapped_column, relationship

from survey.extensions import db
from survey.store.models.base import utcnow

PROFILES_FOR_GROUPS = ("executive", "staff")


class Consultant(UserMixin, db.Model):
    """A consultant who runs engagements; signs in with an e-mail and a password (scrypt hash)."""

    __tablename__ = "consultants"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # In every session cookie of the account: bumped by sign-out, a password change and `flask users`
    # commands, it ends every session signed before (see survey/consultant/sessions.py).
    session_version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    # What the documents they hand over carry beside the client's name and logo (see documents/round/deliverable.py).
    firm_name: Mapped[str | None] = mapped_column(String(200))
    firm_logo: Mapped[bytes | None] = deferred(mapped_column(LargeBinary))
    firm_logo_mime: Mapped[str | None] = mapped_column(String(32))
    # The firm's PowerPoint template (checked on upload, see documents/deck/template.py) and its file name.
    deck_template: Mapped[bytes | None] = deferred(mapped_column(LargeBinary))
    deck_template_name: Mapped[str | None] = mapped_column(String(200))

    engagements: Mapped[list[Engagement]] = relationship(
        back_populates="owner", cascade="all, delete-orphan", passive_deletes=True, order_by="Engagement.id.desc()"
    )
    api_tokens: Mapped[list[ApiToken]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, order_by="ApiToken.id"
    )

    def get_id(self) -> str:
        """Flask-Login's id in the session cookie: the account and its session version."""
        return f"{self.id}.{self.session_version}"


class ApiToken(db.Model):
    """A bearer token for the JSON API; only its SHA-256 is stored, the token is shown once."""

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    consultant_id: Mapped[int] = mapped_column(ForeignKey("consultants.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    label: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_used_at: Mapped[datetime | None]


class Engagement(db.Model):
    """One client audited by one consultant, in one or more rounds; or a team survey, owned by the private
    response of the executive (or staff member) who asked their own team (owner_response_id, no account)."""

    __tablename__ = "engagements"
    __table_args__ = (Index("uq_engagements_owner_response", "owner_response_id", unique=True),)

    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("consultants.id", ondelete="CASCADE"), index=True)
    owner_response_id: Mapped[int | None] = mapped_column(
        ForeignKey("responses.id", ondelete="CASCADE", use_alter=True, name="fk_engagements_owner_response")
    )
    client_name: Mapped[str] = mapped_column(String(200))
    language: Mapped[str] = mapped_column(String(8))
    logo: Mapped[bytes | None] = deferred(mapped_column(LargeBinary))
    logo_mime: Mapped[str | None] = mapped_column(String(32))
    sender_name: Mapped[str | None] = mapped_column(String(200))  # how the consultant signs the invitations
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    owner: Mapped[Consultant | None] = relationship(back_populates="engagements")
    groups: Mapped[list[RoleGroup]] = relationship(
        back_populates="engagement", cascade="all, delete-orphan", passive_deletes=True, order_by="RoleGroup.position"
    )
    rounds: Mapped[list[Round]] = relationship(
        back_populates="engagement", cascade="all, delete-orphan", passive_deletes=True, order_by="Round.number"
    )

    @property
    def current_round(self) -> Round:
        return self.rounds[-1]


class RoleGroup(db.Model):
    """A group of respondents sharing a role (e.g. Legal), answering as one profile."""

    __tablename__ = "role_groups"

    id: Mapped[int] = mapped_column(primary_key=True)
    engagement_id: Mapped[int] = mapped_column(ForeignKey("engagements.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    profile: Mapped[str] = mapped_column(String(32))
    position: Mapped[int] = mapped_column(Integer)

    engagement: Mapped[Engagement] = relationship(back_populates="groups")


class Round(db.Model):
    """One wave of the audit; round 2, 3... repeat it months later to measure progress."""

    __tablename__ = "rounds"
    __table_args__ = (UniqueConstraint("engagement_id", "number", name="uq_rounds_engagement_number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    engagement_id: Mapped[int] = mapped_column(ForeignKey("engagements.id", ondelete="CASCADE"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    opened_at: Mapped[datetime] = mapped_column(default=utcnow)
    closed_at: Mapped[datetime | None]
    deadline: Mapped[datetime | None]  # UTC; the round is closed from that moment (is_closed)
    reminder_days_before: Mapped[int | None] = mapped_column(Integer)  # a scheduled reminder, if any
    scheduled_reminder_at: Mapped[datetime | None]  # when the worker queued it: once per round
    # Who sends the personal links: "app" (the consultant never sees them) or "consultant" (downloaded and sent
    # from their own mailbox); unset, the app when mail is configured (store/fieldwork/link_binding.py).
    invitations_sent_by: Mapped[str | None] = mapped_column(String(16))
    links_exported_at: Mapped[datetime | None]  # the personal links were downloaded: the consultant holds them

    engagement: Mapped[Engagement] = relationship(back_populates="rounds")
    invites: Mapped[list[Invite]] = relationship(
        back_populates="round", cascade="all, delete-orphan", passive_deletes=True
    )

    @property
    def is_closed(self) -> bool:
        """Closed by the consultant, or by its deadline (the mail worker also records it in closed_at)."""
        return self.closed_at is not None or (self.deadline is not None and self.deadline <= utcnow())


class Invite(db.Model):
    """The link /i/<token> that starts an anonymous response in one group of one round.

    The token is not stored: it is derived from the id (engagements.invite_token). An invite made before
    keeps its first random token working through that token's SHA-256, `legacy_token_hash`.
    """

    __tablename__ = "invites"
    __table_args__ = (UniqueConstraint("round_id", "group_id", name="uq_invites_round_group"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("rounds.id", ondelete="CASCADE"), index=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("role_groups.id", ondelete="CASCADE"), index=True)
    legacy_token_hash: Mapped[str | None] = mapped_column(String(64), unique=True)

    round: Mapped[Round] = relationship(back_populates="invites")
    group: Mapped[RoleGroup] = relationship()


class RoundTally(db.Model):
    """Running sums of one metric of one group of a round (see survey/store/tallies.py): count, sum, sum of squares.

    Written in the transaction that submits, edits or erases a response, so a report reads a few rows per
    group instead of every answer. `scoring` names the questionnaire version the sums were scored with.
    """

    __tablename__ = "round_tallies"

    round_id: Mapped[int] = mapped_column(ForeignKey("rounds.id", ondelete="CASCADE"), primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("role_groups.id", ondelete="CASCADE"), primary_key=True)
    scoring: Mapped[str] = mapped_column(String(100), primary_key=True)
    metric: Mapped[str] = mapped_column(String(80), primary_key=True)
    count: Mapped[int] = mapped_column(Integer)
    total: Mapped[float] = mapped_column(Float)
    squares: Mapped[float] = mapped_column(Float)


class RoundScoreValue(db.Model):
    """How many respondents of a group have one score value (micro-points): a histogram whose ends are the
    spread's min and max, read by an index seek; erasing a response is a decrement, nothing to recompute."""

    __tablename__ = "round_score_values"

    round_id: Mapped[int] = mapped_column(ForeignKey("rounds.id", ondelete="CASCADE"), primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("role_groups.id", ondelete="CASCADE"), primary_key=True)
    scoring: Mapped[str] = mapped_column(String(100), primary_key=True)
    metric: Mapped[str] = mapped_column(String(80), primary_key=True)
    value: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    count: Mapped[int] = mapped_column(Integer)
