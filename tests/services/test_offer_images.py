"""Offers' hook images (rules F2, F11): checked by content, shrunk, re-encoded, stored
outside the web root, served publicly; every refusal keeps nothing."""

import io

import pytest
from PIL import Image
from starlette.testclient import TestClient

from pass_culture import db
from pass_culture.api import api
from pass_culture.models import Offer
from pass_culture.settings import get_settings
from services import offer_images
from services.errors import DomainError, NotFound
from tests.factories import make_offer, make_offerer, make_pro, make_venue


def picture(kind: str = "JPEG", size=(1600, 2400), mode: str = "RGB") -> bytes:
    out = io.BytesIO()
    Image.new(mode, size, (200, 30, 90) if mode == "RGB" else None).save(out, kind)
    return out.getvalue()


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    monkeypatch.setattr(get_settings(), "data_dir", str(tmp_path))
    return tmp_path


@pytest.fixture
def pro_offer(database, data_dir):
    offerer = make_offerer()
    return make_pro(offerer), make_offer(make_venue(offerer), validation_status="draft")


def _refused(code: str, data: bytes) -> str:
    with pytest.raises(DomainError) as caught:
        offer_images.prepare_image(data)
    assert caught.value.code == code
    return caught.value.message


def _stored(data_dir) -> list:
    folder = data_dir / "images" / "offers"
    return sorted(folder.iterdir()) if folder.exists() else []


@pytest.mark.parametrize("kind", ["JPEG", "PNG", "WEBP"])
def test_jpeg_png_and_webp_are_shrunk_to_1200_px_and_re_encoded_as_webp(kind):
    stored = offer_images.prepare_image(picture(kind))
    image = Image.open(io.BytesIO(stored))
    assert image.format == "WEBP"
    assert image.size == (800, 1200)  # the longer side at most 1200 px, ratio kept


def test_a_small_enough_image_keeps_its_size_and_loses_its_metadata():
    out = io.BytesIO()
    exif = Image.Exif()
    exif[0x010F] = "Appareil secret"  # Make
    Image.new("RGB", (600, 900), "white").save(out, "JPEG", exif=exif)
    stored = Image.open(io.BytesIO(offer_images.prepare_image(out.getvalue())))
    assert stored.size == (600, 900)
    assert not stored.getexif()


def test_a_photo_taken_sideways_is_turned_upright():
    out = io.BytesIO()
    exif = Image.Exif()
    exif[0x0112] = 6  # Orientation: rotate 90° clockwise to display
    Image.new("RGB", (900, 600), "white").save(out, "JPEG", exif=exif)
    assert Image.open(io.BytesIO(offer_images.prepare_image(out.getvalue()))).size == (600, 900)


def test_a_transparent_png_stays_transparent():
    stored = Image.open(io.BytesIO(offer_images.prepare_image(picture("PNG", mode="RGBA"))))
    assert stored.mode == "RGBA"


def test_each_refusal_has_its_french_message():
    assert _refused("image_empty", b"") == "Le fichier est vide."
    # A text file named .jpg: the name is never looked at, the content is.
    assert "JPEG, PNG ou WebP" in _refused("image_unreadable", b"Bonjour, je suis un texte.")
    assert "GIF n'est pas accepté" in _refused("image_format", picture("GIF", mode="P"))
    assert "BMP n'est pas accepté" in _refused("image_format", picture("BMP", size=(400, 400)))
    assert "10 Mo" in _refused("image_too_large", b"\xff" * (offer_images.MAX_UPLOAD_BYTES + 1))
    assert "200 × 300 px" in _refused("image_too_small", picture(size=(200, 300)))
    truncated = picture()[:2000]  # a valid header, then nothing
    _refused("image_unreadable", truncated)


def test_a_decompression_bomb_is_refused_before_it_is_unpacked():
    out = io.BytesIO()
    Image.new("1", (8000, 6000)).save(out, "PNG")  # 48 Mpx in a few kB
    assert len(out.getvalue()) < 100_000
    _refused("image_too_many_pixels", out.getvalue())


def test_the_image_hangs_on_the_offer_and_replaces_the_previous_one(pro_offer, data_dir):
    pro, offer = pro_offer
    first = offer_images.save_offer_image(pro.id, offer.id, picture())
    assert first.startswith("/api/images/offres/") and first.endswith(".webp")
    second = offer_images.save_offer_image(pro.id, offer.id, picture("PNG"))
    with db.transaction(write=False) as session:
        assert session.get(Offer, offer.id).image_url == second
    assert [p.name for p in _stored(data_dir)] == [second.rsplit("/", 1)[1]]
    offer_images.remove_offer_image(pro.id, offer.id)
    assert _stored(data_dir) == []


def test_another_structures_offer_gets_no_image_and_no_file_is_left(pro_offer, data_dir):
    _pro, offer = pro_offer
    stranger = make_pro(make_offerer())
    with pytest.raises(NotFound):
        offer_images.save_offer_image(stranger.id, offer.id, picture())
    assert _stored(data_dir) == []
    with pytest.raises(DomainError):
        offer_images.save_offer_image(_pro.id, offer.id, b"GIF89a pas une image")
    assert _stored(data_dir) == []


def test_images_are_served_publicly_and_nothing_else_is(pro_offer, data_dir):
    pro, offer = pro_offer
    url = offer_images.save_offer_image(pro.id, offer.id, picture())
    client = TestClient(api)
    response = client.get(url)
    assert response.status_code == 200
    assert response.headers["content-type"] == "image/webp"
    assert "immutable" in response.headers["cache-control"]
    assert Image.open(io.BytesIO(response.content)).format == "WEBP"
    (data_dir / "secret.txt").write_text("mot de passe")
    for path in (
        "/api/images/offres/" + "0" * 32 + ".webp",
        "/api/images/offres/..%2F..%2Fsecret.txt",
        "/api/images/offres/secret.txt",
    ):
        assert client.get(path).status_code == 404
