"""Sending the fieldwork e-mails: an SMTP adapter and the worker that empties the outbox."""
