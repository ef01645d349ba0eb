"""The small hierarchy of errors that every layer raises; forum/web/errors.py maps each kind to an HTTP status."""

from __future__ import annotations


class ForumError(Exception):
    """An error a person can act on: `message` says what went wrong and what to do."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class InvalidInput(ForumError):
    """The request or file is malformed or breaks a rule."""


class TooLarge(InvalidInput):
    """The request body or an uploaded file is over its size limit."""


class FormatError(InvalidInput):
    """A JSON document does not follow the instance or schedule format; names the field."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field


class NotFound(ForumError):
    """No such event, attendee, meeting, run..."""


class Forbidden(ForumError):
    """Signed in, but not allowed to see or change this."""


class Conflict(ForumError):
    """The change clashes with the current state (another run active, slot taken...)."""


class Unavailable(ForumError):
    """A backing service (Redis/Valkey) cannot be reached."""


class SignInRequired(ForumError):
    """Nobody is signed in; pages redirect to the sign-in form, the API answers 401."""


class TooManyAttempts(ForumError):
    """Too many attempts in a short time (wrong sign-in codes, requests sent or withdrawn); try again later."""
