"""forum: the meeting programme of a film and TV industry market."""

__version__ = "0.1.0"
