"""Minting sign-in links is audited: who minted how many, for whom."""

from __future__ import annotations

from forum.services.signin.invitations import invitation
from forum.store import EventStore
from forum.store.audit import AuditLog
from tests.factories import tiny_instance


def test_invitation_link_minted_is_audited_with_organizer(store: EventStore) -> None:
    store.import_instance(tiny_instance())
    invite = invitation(store.client, "secret", "https://forum.example.org", "tiny", "a2", organizer="o1")
    assert invite.link.startswith("https://forum.example.org/signin/")
    entry = AuditLog(store.client).latest("tiny", 1)[0]
    assert (entry["who"], entry["action"], entry["attendee"], entry["detail"]) == (
        "o1", "sign-in link", "a2", "1 link for a2")
