"""Private documents that people upload (identity papers, bank details proofs): PDF, JPEG
or PNG up to 10 MB, recognised by their content, never by their name, and stored under
the data directory, outside the web root, under random names.

Who may read one is decided by the service that owns it; the files are served only by
authenticated routes (pass_culture/api/).
"""

import io
import re
import secrets
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, UnidentifiedImageError
from pypdf import PdfReader
from pypdf.errors import PdfReadError

from pass_culture.settings import get_settings
from services.errors import DomainError

MAX_BYTES = 10 * 1024 * 1024
# Past this many pixels a small file would unpack into hundreds of MB (a "bomb").
_MAX_PIXELS = 40_000_000
_IMAGE_TYPES = {"JPEG": ("image/jpeg", "jpg"), "PNG": ("image/png", "png")}
_STORED_NAME = re.compile(r"[0-9a-f]{32}\.(pdf|jpg|png)")
ACCEPT = "application/pdf,image/jpeg,image/png,.pdf,.jpg,.jpeg,.png"


@dataclass(frozen=True)
class Document:
    stored_name: str  # random, under documents_dir(kind)
    media_type: str
    size: int


def documents_dir(kind: str) -> Path:
    return Path(get_settings().data_dir) / "documents" / kind


def too_large() -> DomainError:
    return DomainError(
        "document_too_large", f"Le document ne doit pas dépasser {MAX_BYTES // 1024 // 1024} Mo."
    )


def _unreadable() -> DomainError:
    return DomainError(
        "document_format",
        "Ce fichier n'est pas un document PDF, JPEG ou PNG lisible : choisissez un autre fichier.",
    )


def media_type_of(data: bytes) -> tuple[str, str]:
    """(media type, extension) read from the content, or the DomainError saying why not."""
    if not data:
        raise DomainError("document_empty", "Le fichier est vide.")
    if len(data) > MAX_BYTES:
        raise too_large()
    if data.startswith(b"%PDF-"):
        try:
            pages = len(PdfReader(io.BytesIO(data)).pages)
        except (PdfReadError, ValueError, KeyError, TypeError, OSError):
            raise _unreadable() from None
        if pages == 0:
            raise _unreadable()
        return "application/pdf", "pdf"
    try:
        with Image.open(io.BytesIO(data)) as image:
            kind = image.format
            width, height = image.size
            image.verify()
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError, Image.DecompressionBombError):
        raise _unreadable() from None
    if kind not in _IMAGE_TYPES or width * height > _MAX_PIXELS:
        raise _unreadable()
    return _IMAGE_TYPES[kind]


def store(kind: str, data: bytes) -> Document:
    """Checks the file and writes it; the caller records `stored_name` in its transaction."""
    media_type, extension = media_type_of(data)
    folder = documents_dir(kind)
    folder.mkdir(parents=True, exist_ok=True)
    name = f"{secrets.token_hex(16)}.{extension}"
    (folder / name).write_bytes(data)
    return Document(name, media_type, len(data))


def path_of(kind: str, stored_name: str) -> Path | None:
    """The file of a stored name, None for anything that is not one of ours."""
    if not _STORED_NAME.fullmatch(stored_name):
        return None
    path = documents_dir(kind) / stored_name
    return path if path.is_file() else None


def remove(kind: str, stored_name: str | None) -> None:
    if stored_name and (path := path_of(kind, stored_name)) is not None:
        path.unlink(missing_ok=True)
