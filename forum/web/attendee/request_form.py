"""Reading a producer's request form into the typed request the service takes."""

from __future__ import annotations

from datetime import date

from starlette.datastructures import FormData

from forum.domain import Importance
from forum.errors import InvalidInput
from forum.services.attendees.requests import NewRequest
from forum.web.forms import field, texts

IMPORTANCE = {level.name.lower(): level for level in Importance}  # must, would_like, if_possible


def importance_of(text: str) -> Importance:
    if text not in IMPORTANCE:
        raise InvalidInput("Choose how important the meeting is: must, would like or if possible.")
    return IMPORTANCE[text]


def days_of(texts_: tuple[str, ...]) -> tuple[date, ...]:
    if len(texts_) > 31:
        raise InvalidInput("Preferred days must be days of the event.")
    try:
        return tuple(date.fromisoformat(t) for t in texts_)
    except ValueError:
        raise InvalidInput("Preferred days must be days of the event.") from None


def new_request(form: FormData) -> NewRequest:
    """The typed request; a wrong importance word or a day that is not a date is refused with a sentence."""
    if not field(form, "target"):
        raise InvalidInput("Choose whom you want to meet.")
    return NewRequest(target=field(form, "target"), importance=importance_of(field(form, "importance")),
                      message=field(form, "message"), colleagues=texts(form, "colleagues"),
                      days=days_of(texts(form, "days")))
