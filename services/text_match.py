"""Case-insensitive « contains » filters typed by admins and pros, with LIKE's wildcards
taken literally."""

from sqlalchemy import func


def contains(column, text: str):
    """`column` contains `text`, whatever the case (`%` and `_` match themselves)."""
    escaped = text.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return func.lower(column).like(f"%{escaped}%", escape="\\")


def words(text: str | None, *, limit: int = 140) -> list[str]:
    """The words of a typed query, spaces squeezed, at most `limit` characters read."""
    return " ".join((text or "").split())[:limit].split()


def number_or_words(text: str | None) -> tuple[str, list[str]]:
    """("123456789", []) for a number, typed with spaces or not (a SIREN, a SIRET, a postal
    code), else ("", its words)."""
    squeezed = "".join((text or "").split())
    if squeezed.isdigit():
        return squeezed, []
    return "", words(text)
