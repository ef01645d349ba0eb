"""The small hierarchy of errors that every layer raises and the web maps to HTTP statuses."""

from __future__ import annotations


class ForumError(Exception):
    """An error a person can act on; `status` is the HTTP status the web answers with."""

    status = 400

    def __init__(self, message: str, status: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        if status is not None:
            self.status = status


class InvalidInput(ForumError):
    """The request or file is malformed or breaks a rule."""

    status = 400


class FormatError(InvalidInput):
    """A JSON document does not follow the instance or schedule format; names the field."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field


class NotFound(ForumError):
    status = 404


class Forbidden(ForumError):
    status = 403


class Conflict(ForumError):
    """The change clashes with the current state (another run active, slot taken...)."""

    status = 409


class Unavailable(ForumError):
    """A backing service (Redis/Valkey) cannot be reached."""

    status = 503


class SignInRequired(ForumError):
    """Nobody is signed in; pages redirect to the sign-in form, the API answers 401."""

    status = 401


class TooManyAttempts(ForumError):
    status = 429
