"""Booking codes ("contremarques", rule B3): generation, typed input and QR code."""

import re
import secrets

import qrcode
from qrcode.image.svg import SvgPathImage

# No 0, 1, 8, 9, I or O: nothing a reader could confuse (rule B3).
ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ234567"
CODE_LENGTH = 6
QR_PREFIX = "PASSCULTURE:v3;TOKEN:"  # pcapi's ticket payload

_SPACES = re.compile(r"\s+")


def new_code() -> str:
    """A random code; uniqueness is enforced by the database (bookings.code is unique)."""
    return "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))


def normalize_code(text: str) -> str:
    """Typed input is case-insensitive and ignores spaces (rule B3)."""
    return _SPACES.sub("", text).upper()


def qr_payload(code: str) -> str:
    return QR_PREFIX + code


def qr_svg(code: str) -> str:
    """The ticket's QR code as an SVG document."""
    image = qrcode.make(qr_payload(code), image_factory=SvgPathImage)
    return image.to_string(encoding="unicode")


def code_from_qr(payload_or_code: str) -> str:
    """The code from a scanned QR payload, or from a code typed by hand."""
    text = normalize_code(payload_or_code)
    prefix = QR_PREFIX.upper()
    return text[len(prefix) :] if text.startswith(prefix) else text


def typed_code(text: str) -> str:
    """What the counter's code field keeps of an entry: at most 6 characters, the code
    of a pasted QR payload."""
    return code_from_qr(text)[:CODE_LENGTH]


def scanned_code(payload: str) -> str | None:
    """The code of a scanned pass Culture ticket; None for any other QR code."""
    text = normalize_code(payload)
    prefix = QR_PREFIX.upper()
    return text[len(prefix) :][:CODE_LENGTH] if text.startswith(prefix) else None
