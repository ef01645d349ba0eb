"""The market floor on the day: check-in and no-shows per meeting, and standby offers of freed slots."""
