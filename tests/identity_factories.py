"""Young users on their way to the credit and their identity documents, for the tests."""

import io
from datetime import date

import pytest
from PIL import Image

from pass_culture.models import IdentityCheck, Role, User
from pass_culture.settings import get_settings
from services import documents, identity_checks
from tests.factories import NOW, make_user

# Eighteen on factories.NOW (2 March 2026), in a département of every preset.
ELIGIBLE_BIRTH_DATE = date(2008, 3, 2)


def png_bytes(size=(40, 30)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, "white").save(out, "PNG")
    return out.getvalue()


def padded_png(total: int) -> bytes:
    """A real PNG of exactly `total` bytes (bytes after its end chunk are ignored)."""
    data = png_bytes()
    return data + b"\0" * (total - len(data))


def make_young(**fields) -> User:
    """Email verified, profile complete, eligible, no credit: ready to send a document."""
    values = {
        "birth_date": ELIGIBLE_BIRTH_DATE,
        "postal_code": "29200",
        "department_code": "29",
    }
    return make_user(Role.BENEFICIARY, **(values | fields))


def make_pending_check(user: User | None = None, *, now=NOW) -> IdentityCheck:
    return identity_checks.submit_document(
        (user or make_young()).id, png_bytes(), "carte-identite.png", now=now
    )


def stored_files() -> list[str]:
    folder = documents.documents_dir(identity_checks.KIND)
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    """Documents written under the test's own folder."""
    monkeypatch.setattr(get_settings(), "data_dir", str(tmp_path))
    return tmp_path
