"""Signing in: single-use links, access codes, sessions, invitations."""
