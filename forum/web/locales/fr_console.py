"""French for the organizer console, keyed by the English text (missing entries fall back to English)."""

FR_CONSOLE: dict[str, str] = {
}
