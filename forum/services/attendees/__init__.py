"""Attendees' side: the directory, meeting requests, answers, agendas and pitches."""
