"""The e-mails an invitee receives: an invitation, then perhaps reminders; plain text and HTML, in the
engagement's language, with the client's and the consultant's names, the deadline, the time it takes,
the anonymity promise, and a List-Unsubscribe link that stops the reminders; and the private link of a
response just started from a personal link, to resume it from another device."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from email.message import EmailMessage
from email.utils import formataddr, formatdate, make_msgid

from flask import render_template
from flask_babel import force_locale, format_date
from flask_babel import gettext as _

from survey.domain.plain_text import one_line
from survey.store.models.fieldwork import PRIVATE_LINK_MAIL, REMINDER_MAIL


@dataclass(frozen=True)
class MailContext:
    """What one e-mail says, read by the worker from the invitation, its round and its engagement."""

    kind: str  # invitation or reminder
    address: str
    name: str | None
    client_name: str
    group_name: str
    language: str
    sender_name: str  # the consultant, as they sign (the From name, a sentence's first words, the signature)
    reply_to: str | None  # the consultant's address
    deadline: datetime | None  # the moment the round closes (UTC)
    link: str
    unsubscribe_link: str
    links_by_sender: bool = False  # the consultant sends the links from their own mailbox and holds them all
    # The sender within a sentence, where it is written otherwise ("your manager" for a team survey's "Your
    # manager"): such a sender is no one's name, and does not sign the e-mail.
    sender_in_sentence: str | None = None

    @property
    def sender_mid(self) -> str:
        return self.sender_in_sentence or self.sender_name

    @property
    def signature(self) -> str | None:
        return None if self.sender_in_sentence else self.sender_name


def deadline_text(deadline: datetime) -> str:
    """The last day to answer, as a reader of the engagement's language writes it."""
    return format_date(deadline.date(), format="long")


def compose(context: MailContext, from_address: str) -> EmailMessage:
    """The message, ready for SMTP. Names go into headers on one line (a line break there would end the
    header and start another: "Victim\r\nBcc: ..."); the address is used as stored (checked when imported),
    and raises ValueError if it is not fit for a header (the worker then marks the message failed)."""
    with force_locale(context.language):
        template = "mail/private_link" if context.kind == PRIVATE_LINK_MAIL else "mail/invitation"
        if context.kind == REMINDER_MAIL:
            subject = _("Reminder: your view on social media at %(client)s", client=context.client_name)
        elif context.kind == PRIVATE_LINK_MAIL:
            subject = _("Your private link to the survey for %(client)s", client=context.client_name)
        else:
            subject = _("%(client)s and social media: your view, in twenty minutes", client=context.client_name)
        values = {"mail": context, "reminder": context.kind == REMINDER_MAIL, "mail_deadline": deadline_text}
        # Plain text: Flask-Babel's own gettext, whose results are not HTML (the pages' escapes their variables).
        text = render_template(f"{template}.txt", _=_, **values)
        html = render_template(f"{template}.html", subject=subject, **values)
    message = EmailMessage()
    message["Subject"] = one_line(subject)
    message["From"] = formataddr((one_line(context.sender_name), from_address))
    message["To"] = formataddr((one_line(context.name), context.address))
    if context.reply_to:
        message["Reply-To"] = context.reply_to
    message["Date"] = formatdate(localtime=False)
    message["Message-ID"] = make_msgid(domain=from_address.rpartition("@")[2] or None)
    message["List-Unsubscribe"] = f"<{context.unsubscribe_link}>"
    message["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"  # RFC 8058: one click in the mail client
    message["Auto-Submitted"] = "auto-generated"
    message["Content-Language"] = context.language
    message.set_content(text)
    message.add_alternative(html, subtype="html")
    return message
