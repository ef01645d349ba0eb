"""French for the buyer home (triage, shortlist, bulk decline, undo) (English text as key)."""

FR_TRIAGE: dict[str, str] = {
}
