"""Demo hook images (rule F11): a share of the demo offers carry one of the posters that
ship in assets/demo/, the same ones on every load."""

from pathlib import Path

from sqlmodel import select

from pass_culture import db
from pass_culture.demo import load_demo
from pass_culture.models import Offer
from tests.conftest import truncate_all
from tests.services.test_demo import NOW

ASSETS = Path(__file__).resolve().parents[2] / "assets"


def _images() -> dict[str, str | None]:
    with db.transaction(write=False) as session:
        return {f"{o.venue_id}|{o.name}": o.image_url for o in session.exec(select(Offer))}


def test_about_one_demo_offer_in_eight_has_a_poster_that_exists(database):
    load_demo(now=NOW)
    images = _images()
    with_poster = [url for url in images.values() if url]
    assert len(images) / 12 < len(with_poster) < len(images) / 5
    for url in set(with_poster):
        assert url.startswith("/demo/") and url.endswith(".svg")
        poster = ASSETS / url.lstrip("/")
        assert poster.is_file(), url
        assert poster.stat().st_size < 2_000
    assert len({url.split("/")[-1].rsplit("-", 1)[0] for url in with_poster}) >= 5

    truncate_all()
    load_demo(now=NOW)
    assert _images() == images
