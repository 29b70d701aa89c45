"""A stock as the pro types it (price in euros, places, local date and time) into a
StockInput; rules F7 and F8 are then checked by services.offers."""

import re
from collections.abc import Mapping
from datetime import UTC, datetime, tzinfo
from decimal import Decimal

from services.errors import DomainError
from services.offers import StockInput

_PRICE = re.compile(r"\d{1,6}([.,]\d{1,2})?")
_LABEL_MAX = 50


def _invalid(message: str) -> DomainError:
    return DomainError("invalid_stock_form", message)


def parse_price(raw: str) -> int:
    """ "12,50" (or "12.5", "12 €") → 1250 cents."""
    text = raw.replace("€", "").replace("\u202f", "").replace(" ", "").strip()
    if not _PRICE.fullmatch(text):
        raise _invalid("Indiquez le prix en euros, par exemple 12,50.")
    return int(Decimal(text.replace(",", ".")) * 100)


def parse_quantity(raw: str) -> int | None:
    """Empty: unlimited (rule F8); else a whole number."""
    text = raw.replace(" ", "").replace("\u202f", "").strip()
    if not text:
        return None
    if not text.isascii() or not text.isdigit():
        raise _invalid("La quantité doit être un nombre entier, ou rester vide (illimitée).")
    return int(text)


def parse_local(raw: str, zone: tzinfo, label: str) -> datetime | None:
    """A `datetime-local` field ("2026-03-14T20:30") in the venue's time, as UTC."""
    text = raw.strip()
    if not text:
        return None
    try:
        local = datetime.fromisoformat(text)
    except ValueError:
        raise _invalid(f"{label} n'est pas une date valide.") from None
    if local.tzinfo is not None:
        raise _invalid(f"{label} n'est pas une date valide.")
    return local.replace(tzinfo=zone).astimezone(UTC)


def local_value(moment: datetime | None, zone: tzinfo) -> str:
    """The value a `datetime-local` field shows for a UTC moment."""
    return moment.astimezone(zone).strftime("%Y-%m-%dT%H:%M") if moment else ""


def parse_stock_form(values: Mapping[str, str], zone: tzinfo) -> StockInput:
    """Fields `price`, `quantity`, `beginning_at`, `booking_limit_at`, `price_label`."""
    label = str(values.get("price_label", "")).strip()
    if len(label) > _LABEL_MAX:
        raise _invalid(f"Le nom du tarif ne doit pas dépasser {_LABEL_MAX} caractères.")
    return StockInput(
        price=parse_price(str(values.get("price", ""))),
        quantity=parse_quantity(str(values.get("quantity", ""))),
        beginning_at=parse_local(str(values.get("beginning_at", "")), zone, "La date"),
        booking_limit_at=parse_local(
            str(values.get("booking_limit_at", "")), zone, "La date limite de réservation"
        ),
        price_label=label or None,
    )
