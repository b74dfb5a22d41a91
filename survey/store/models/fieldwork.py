"""Models of fieldwork: personal invitations, the outbox the mail worker sends, targets per group.

Anonymity by construction: an invitation holds an address and a status, a response holds no address.
While a response is in progress, and after its submit until settled, it points to its invitation;
invitations are marked "submitted" (with the day only) and the pointers cleared in batches of at least 3
of a group, never in the submit's transaction (store/invitation_links.py). Models never commit.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from survey.extensions import db
from survey.store.models.base import LeasedWork, utcnow

# An invitation's life: imported (new; its e-mail may be waiting in the outbox), delivered to the mail server
# (sent), a response begun from its link (started), that response submitted (submitted), or the mail server
# refused the address for good (bounced).
NEW, SENT, STARTED, SUBMITTED, BOUNCED = "new", "sent", "started", "submitted", "bounced"
INVITATION_STATUSES = (NEW, SENT, STARTED, SUBMITTED, BOUNCED)


class Invitation(db.Model):
    """One person invited to answer in one group of one round; their link is derived from `link_seed`."""

    __tablename__ = "invitations"
    __table_args__ = (
        UniqueConstraint("round_id", "address_key", name="uq_invitations_round_address"),
        UniqueConstraint("token_hash", name="uq_invitations_token_hash"),
        # Not the status: marking 10,000 invitations queued would rewrite 10,000 index entries.
        Index("ix_invitations_round_group", "round_id", "group_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("rounds.id", ondelete="CASCADE"))
    group_id: Mapped[int] = mapped_column(ForeignKey("role_groups.id", ondelete="CASCADE"), index=True)
    address: Mapped[str] = mapped_column(String(254))
    address_key: Mapped[str] = mapped_column(String(254))  # the address in lower case: one invitation per person
    name: Mapped[str | None] = mapped_column(String(200))
    link_seed: Mapped[str] = mapped_column(String(32))  # with SECRET_KEY, gives the personal link (tokens.py)
    token_hash: Mapped[str] = mapped_column(String(64))  # SHA-256 of the personal link's token
    status: Mapped[str] = mapped_column(String(16), default=NEW)
    submitted_on: Mapped[date | None]  # the day only: a time could be matched with a response's
    reminders_sent: Mapped[int] = mapped_column(Integer, default=0)
    unsubscribed: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Set when the link first starts a response: the hash of what the opening browser keeps in a cookie
    # (store/fieldwork/link_binding.py). From then on the link opens nothing in another browser.
    browser_key_hash: Mapped[str | None] = mapped_column(String(64))

    group = relationship("RoleGroup")
    round = relationship("Round")


# An outbox message's life: waiting (queued), claimed by a worker until `lease_until` (sending), accepted by
# the mail server (sent), given up (failed: refused for good, or too many attempts), or no longer wanted.
OUT_QUEUED, OUT_SENDING, OUT_SENT, OUT_FAILED = "queued", "sending", "sent", "failed"
OUT_SKIPPED = "skipped"  # a reminder whose invitee submitted or unsubscribed before it went out
INVITATION_MAIL, REMINDER_MAIL = "invitation", "reminder"
PRIVATE_LINK_MAIL = "private_link"  # a respondent's own link to resume from another device


class OutboxMessage(LeasedWork, db.Model):
    """An e-mail to send to an invitee; rendered when sent, so that queueing 10,000 is one INSERT ... SELECT."""

    __tablename__ = "outbox"
    __table_args__ = (Index("ix_outbox_status_next_attempt", "status", "next_attempt_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    invitation_id: Mapped[int] = mapped_column(ForeignKey("invitations.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    batch: Mapped[str] = mapped_column(String(32))  # the press of a button that queued it (not indexed: cheap inserts)
    status: Mapped[str] = mapped_column(String(16), default=OUT_QUEUED)
    sent_at: Mapped[datetime | None] = mapped_column(sort_order=1)
    # A private-link message only: the seed its link is derived from, erased with the message once it is sent.
    link_seed: Mapped[str | None] = mapped_column(String(32), sort_order=1)


class GroupTarget(db.Model):
    """One group in one round: the submitted responses the consultant aims for (default: the threshold), when its
    group link stopped taking new responses (its first personal invitation; see store/fieldwork/group_links.py),
    and optionally how many people the group has at the client (for a response rate)."""

    __tablename__ = "group_targets"

    round_id: Mapped[int] = mapped_column(ForeignKey("rounds.id", ondelete="CASCADE"), primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("role_groups.id", ondelete="CASCADE"), primary_key=True)
    target: Mapped[int] = mapped_column(Integer)
    link_closed_at: Mapped[datetime | None]
    headcount: Mapped[int | None] = mapped_column(Integer)
