"""Setting an event up: slots, tables, pitch sessions, attendee and whole-event imports, demo data."""
