"""What leaves the system: CSV and JSON exports, per-table sheets, calendar feeds."""
