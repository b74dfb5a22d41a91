"""Fieldwork in the database: invitations, their links and tokens, settings, schedule, progress, mail outbox."""
