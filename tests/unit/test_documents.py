"""Uploaded private documents: PDF, JPEG or PNG recognised by their content (issue 9)."""

import io

import pytest
from PIL import Image

from pass_culture.settings import get_settings
from services import documents
from services.errors import DomainError


def image_bytes(kind: str, size=(40, 30)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, "white").save(out, kind)
    return out.getvalue()


def pdf_bytes() -> bytes:
    return image_bytes("PDF")


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    monkeypatch.setattr(get_settings(), "data_dir", str(tmp_path))
    return tmp_path


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (pdf_bytes(), ("application/pdf", "pdf")),
        (image_bytes("JPEG"), ("image/jpeg", "jpg")),
        (image_bytes("PNG"), ("image/png", "png")),
    ],
)
def test_the_type_is_read_from_the_content(data, expected):
    assert documents.media_type_of(data) == expected


@pytest.mark.parametrize(
    "data",
    [
        b"\x7fELF\x02\x01\x01" + b"\0" * 200,  # an executable renamed ".pdf"
        b"MZ\x90\x00" + b"\0" * 200,  # a Windows executable
        b"%PDF-1.7\nnot really a pdf",  # a PDF header on garbage
        pdf_bytes()[:60],  # a truncated PDF
        image_bytes("GIF"),
        image_bytes("WEBP"),
        image_bytes("PNG")[:40],  # a truncated PNG
    ],
)
def test_anything_else_is_refused(data):
    with pytest.raises(DomainError) as refused:
        documents.media_type_of(data)
    assert refused.value.code == "document_format"


def test_empty_and_too_large_files_are_refused():
    with pytest.raises(DomainError, match="vide"):
        documents.media_type_of(b"")
    with pytest.raises(DomainError, match="10 Mo"):
        documents.media_type_of(b"%PDF-" + b"0" * documents.MAX_BYTES)


def test_stored_under_a_random_name_outside_the_web_root(data_dir):
    stored = documents.store("identity", pdf_bytes())
    path = documents.path_of("identity", stored.stored_name)
    assert path.parent == data_dir / "documents" / "identity"
    assert path.read_bytes() == pdf_bytes()
    assert stored.media_type == "application/pdf"
    assert documents.store("identity", pdf_bytes()).stored_name != stored.stored_name
    documents.remove("identity", stored.stored_name)
    assert documents.path_of("identity", stored.stored_name) is None


def test_a_refused_file_leaves_nothing(data_dir):
    with pytest.raises(DomainError):
        documents.store("identity", b"\x7fELF" + b"\0" * 100)
    assert not (data_dir / "documents").exists()


@pytest.mark.parametrize("name", ["../secret.pdf", "x.pdf", "0" * 32 + ".exe", "/etc/passwd"])
def test_only_our_own_names_resolve(data_dir, name):
    assert documents.path_of("identity", name) is None
