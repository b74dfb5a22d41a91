"""Consultant accounts: what makes a password acceptable."""
