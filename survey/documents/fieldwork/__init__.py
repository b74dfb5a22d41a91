"""Fieldwork documents: invitation and reminder e-mails, the invitee list with personal links."""
