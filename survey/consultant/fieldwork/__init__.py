"""Fieldwork pages: the round page (invitees, settings, sending), who sends the links, invitee admin, the
invitation and invite-link pages respondents open."""
