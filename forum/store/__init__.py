"""The only package that touches Redis/Valkey: keys, JSON codecs, repositories, scripts."""

from forum.store.connection import connect
from forum.store.entities import EntityStore
from forum.store.events import EventStore

__all__ = ["EntityStore", "EventStore", "connect"]
