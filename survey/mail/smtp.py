"""Sending one e-mail through the standard library's smtplib, behind a small adapter.

The adapter keeps one connection for a batch and sorts failures into the two kinds the worker
needs: permanent (the server refused the address or the message for good: a 5xx reply) and
transient (no server, a timeout, a 4xx reply: try again later).
"""

from __future__ import annotations

import smtplib
import ssl
from collections.abc import Mapping
from dataclasses import dataclass
from email.message import EmailMessage


@dataclass(frozen=True)
class MailSettings:
    server: str
    port: int
    use_tls: bool  # STARTTLS after connecting
    use_ssl: bool  # TLS from the first byte (port 465)
    username: str | None
    password: str | None
    sender: str
    timeout: float = 30.0

    @classmethod
    def from_config(cls, config: Mapping) -> MailSettings | None:
        """The settings, or None when MAIL_SERVER is not set: mail is not configured."""
        if not config.get("MAIL_SERVER"):
            return None
        return cls(
            server=config["MAIL_SERVER"],
            port=int(config.get("MAIL_PORT") or 25),
            use_tls=bool(config.get("MAIL_USE_TLS")),
            use_ssl=bool(config.get("MAIL_USE_SSL")),
            username=config.get("MAIL_USERNAME") or None,
            password=config.get("MAIL_PASSWORD") or None,
            sender=config.get("MAIL_DEFAULT_SENDER") or f"noreply@{config['MAIL_SERVER']}",
            timeout=float(config.get("MAIL_TIMEOUT") or 30),
        )


class MailError(Exception):
    """A message the server did not take; `permanent` when trying again would change nothing."""

    def __init__(self, message: str, permanent: bool = False, refused_address: bool = False):
        super().__init__(message)
        self.permanent = permanent
        self.refused_address = refused_address


class SmtpMailer:
    """Use as a context manager: connects at the first message, says QUIT at the end."""

    def __init__(self, settings: MailSettings):
        self.settings = settings
        self._connection: smtplib.SMTP | None = None

    def __enter__(self) -> SmtpMailer:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @property
    def connected(self) -> bool:
        """False after a failure that lost the connection: the next messages would fail the same way."""
        return self._connection is not None

    def close(self) -> None:
        if self._connection is not None:
            try:
                self._connection.quit()
            except (smtplib.SMTPException, OSError):
                self._connection.close()
            self._connection = None

    def _connect(self) -> smtplib.SMTP:
        settings = self.settings
        if settings.use_ssl:
            connection = smtplib.SMTP_SSL(
                settings.server, settings.port, timeout=settings.timeout, context=ssl.create_default_context()
            )
        else:
            connection = smtplib.SMTP(settings.server, settings.port, timeout=settings.timeout)
            if settings.use_tls:
                connection.starttls(context=ssl.create_default_context())
        if settings.username:
            connection.login(settings.username, settings.password or "")
        return connection

    def send(self, message: EmailMessage) -> None:
        try:
            if self._connection is None:
                self._connection = self._connect()
            self._connection.send_message(message)
        except smtplib.SMTPRecipientsRefused as error:
            code, reply = next(iter(error.recipients.values()))
            self._reset_after_refusal()
            raise MailError(f"{code} {_text(reply)}", permanent=code >= 500, refused_address=code >= 500) from None
        except smtplib.SMTPResponseException as error:
            self._drop()
            permanent = error.smtp_code >= 500 and isinstance(error, smtplib.SMTPDataError)
            raise MailError(f"{error.smtp_code} {_text(error.smtp_error)}", permanent=permanent) from None
        except (smtplib.SMTPException, OSError) as error:
            self._drop()
            raise MailError(str(error) or type(error).__name__) from None

    def _reset_after_refusal(self) -> None:
        try:
            self._connection.rset()
        except (smtplib.SMTPException, OSError):
            self._drop()

    def _drop(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None


def _text(reply: bytes | str) -> str:
    return reply.decode("utf-8", "replace") if isinstance(reply, bytes) else str(reply)
