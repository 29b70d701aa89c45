"""Offers' hook images (rules F2, F11): what a pro uploads is checked by its content, not
its name (JPEG, PNG or WebP only), shrunk to at most 1200 px, re-encoded as WebP without
its metadata, and stored under the data directory, outside the web root.

The files are public (young users see them) under unguessable names; they are served by
pass_culture/api/images.py.
"""

import io
import re
import secrets
from pathlib import Path

from PIL import Image, ImageOps, UnidentifiedImageError

from pass_culture.settings import get_settings
from services import offers
from services.errors import DomainError

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
MAX_SIDE = 1200
MIN_SIDE = 300
# Past this many pixels a small file would unpack into hundreds of MB (a "bomb").
MAX_PIXELS = 40_000_000
ACCEPTED_FORMATS = frozenset({"JPEG", "PNG", "WEBP"})
URL_PREFIX = "/api/images/offres/"
FILE_NAME = re.compile(r"[0-9a-f]{32}\.webp")
_QUALITY = 82


def images_dir() -> Path:
    return Path(get_settings().data_dir) / "images" / "offers"


def too_large() -> DomainError:
    return DomainError(
        "image_too_large", f"L'image ne doit pas dépasser {MAX_UPLOAD_BYTES // 1024 // 1024} Mo."
    )


def prepare_image(data: bytes) -> bytes:
    """The WebP to store, or a DomainError saying what is wrong with the file."""
    if not data:
        raise DomainError("image_empty", "Le fichier est vide.")
    if len(data) > MAX_UPLOAD_BYTES:
        raise too_large()
    try:
        image = Image.open(io.BytesIO(data))
        kind = image.format
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError):
        raise DomainError(
            "image_unreadable", "Ce fichier n'est pas une image JPEG, PNG ou WebP lisible."
        ) from None
    if kind not in ACCEPTED_FORMATS:
        raise DomainError(
            "image_format",
            f"Le format {kind or 'inconnu'} n'est pas accepté : "
            "choisissez une image JPEG, PNG ou WebP.",
        )
    width, height = image.size
    if width * height > MAX_PIXELS:
        raise DomainError(
            "image_too_many_pixels", "L'image est trop grande (40 mégapixels au plus)."
        )
    if min(width, height) < MIN_SIDE:
        raise DomainError(
            "image_too_small",
            f"L'image mesure {width} × {height} px : il faut au moins {MIN_SIDE} px de côté.",
        )
    try:
        image = ImageOps.exif_transpose(image)  # photos taken sideways
        image.thumbnail((MAX_SIDE, MAX_SIDE), Image.Resampling.LANCZOS)
        if image.mode not in ("RGB", "RGBA"):
            image = image.convert("RGBA" if "A" in image.getbands() else "RGB")
        out = io.BytesIO()
        image.save(out, "WEBP", quality=_QUALITY, method=4)
    except (OSError, ValueError, SyntaxError):  # truncated or corrupt past its header
        raise DomainError(
            "image_unreadable", "Ce fichier n'est pas une image JPEG, PNG ou WebP lisible."
        ) from None
    return out.getvalue()


def _store(content: bytes) -> str:
    """Writes the file under a new random name (atomically) and returns that name."""
    folder = images_dir()
    folder.mkdir(parents=True, exist_ok=True)
    name = f"{secrets.token_hex(16)}.webp"
    partial = folder / f".{name}.part"
    partial.write_bytes(content)
    partial.replace(folder / name)
    return name


def _delete(url: str | None) -> None:
    if url and url.startswith(URL_PREFIX) and FILE_NAME.fullmatch(url[len(URL_PREFIX) :]):
        (images_dir() / url[len(URL_PREFIX) :]).unlink(missing_ok=True)


def save_offer_image(pro_user_id: int, offer_id: int, data: bytes) -> str:
    """Checks and stores the image, hangs it on the offer (O7: the pro's own) and removes
    the one it replaces; returns its URL. On any refusal nothing is kept."""
    content = prepare_image(data)
    url = URL_PREFIX + _store(content)
    try:
        previous = offers.set_offer_image(pro_user_id, offer_id, url)
    except BaseException:
        _delete(url)
        raise
    _delete(previous)
    return url


def remove_offer_image(pro_user_id: int, offer_id: int) -> None:
    _delete(offers.set_offer_image(pro_user_id, offer_id, None))


def image_path(name: str) -> Path | None:
    """The stored file of a URL's last part, or None for any other name (no traversal)."""
    if not FILE_NAME.fullmatch(name):
        return None
    path = images_dir() / name
    return path if path.is_file() else None
