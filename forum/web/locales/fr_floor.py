"""French for the market floor (check-in, no-show, standby offers) (English text as key)."""

FR_FLOOR: dict[str, str] = {
}
