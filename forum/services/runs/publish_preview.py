"""What publishing a run would do, worked out without writing: meetings added, moved and removed, pitches
changed and how many attendees would be told. The organizer reads it before confirming the publish."""

from __future__ import annotations

from dataclasses import dataclass

from forum.domain import PitchPlacement
from forum.services.runs.publish import draft_merge
from forum.store import EventStore
from forum.store.connection import Client
from forum.store.schedule import ScheduleStore


@dataclass(frozen=True)
class PublishPreview:
    run: str
    added: int
    moved: int
    removed: int
    pitches: int  # pitches added, moved or removed
    told: int  # attendees whose meetings or pitches change: each gets the change on their phone
    first: bool  # nothing was published before


def publish_preview(client: Client, event: str, run_id: str) -> PublishPreview:
    """The same three-way merge publish_run makes, on the meetings as they are now; nothing is written (the
    publish itself merges again at its own instant, so a change made in between is still respected)."""
    schedules, events = ScheduleStore(client), EventStore(client)
    merge = draft_merge(client, event, run_id)
    wishes = merge.wishes
    merge(schedules.meetings(event))
    merge.pitches(events.entities(event, PitchPlacement).all())
    changes = list(merge.plan.changes.values())
    told = {who for wish in merge.plan.changes if wish in wishes for who in wishes[wish].participants}
    return PublishPreview(run_id, changes.count("added"), changes.count("moved"), changes.count("removed"),
                          len(merge.plan.pitch_changes), len(told), schedules.published_run(event) is None)
