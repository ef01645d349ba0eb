"""French for offline pages and the installed app, keyed by the English text (missing entries fall back to English)."""

FR_OFFLINE: dict[str, str] = {
}
