"""Fieldwork: invitees pasted or uploaded, and the comments chosen before delivery."""
