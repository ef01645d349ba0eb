"""French for error pages and sign-in dead ends, keyed by the English text (missing entries fall back to English)."""

FR_ERRORS: dict[str, str] = {
}
