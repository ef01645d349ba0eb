"""Mails to attendees: invitations, new requests, meetings after a publish, each event day's agenda."""
