"""Ids typed into addresses (/offre/<id>, /reservations/<id>): numbers the database holds."""

MAX_ID = 2**31 - 1  # integer primary keys


def parse_id(raw: str | int | None) -> int | None:
    """The id, or None for anything that cannot be one ("abc", "-1", "1e9", too large)."""
    text = str(raw).strip() if raw is not None else ""
    # Longer than the largest id: refused before int(), which raises past 4,300 digits.
    if not text.isascii() or not text.isdigit() or len(text) > len(str(MAX_ID)):
        return None
    value = int(text)
    return value if 0 < value <= MAX_ID else None
