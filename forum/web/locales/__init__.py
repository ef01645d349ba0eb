"""Translations of the attendee pages, one module per language."""
