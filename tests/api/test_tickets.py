"""The offline ticket view (/billet/<id>, rule B9): the session cookie decides, another
user's booking is unknown, and the page needs nothing from the network."""

import re

import pytest
from starlette.testclient import TestClient

from pass_culture.api import api
from pass_culture.models import Surface
from services import auth, bookings, codes
from tests.factories import PASSWORD, make_beneficiary, make_offer, make_stock


@pytest.fixture
def booked(database):
    user, _deposit = make_beneficiary()
    offer = make_offer(name="Les Misérables", extra_data={"withdrawal_details": "Au comptoir"})
    booking = bookings.book(user.id, make_stock(offer).id)
    token, _user = auth.login(user.email, PASSWORD, Surface.YOUTH)
    return booking, token


def _get(path: str, token: str | None = None):
    client = TestClient(api)
    if token:
        client.cookies.set("pc_session_youth", token)
    return client.get(path, follow_redirects=False)


def test_the_ticket_shows_code_qr_and_details_without_external_resources(booked):
    booking, token = booked
    response = _get(f"/billet/{booking.id}", token)
    assert response.status_code == 200
    assert response.headers["cache-control"] == "private, no-cache"
    page = response.text
    assert booking.code in page
    assert codes.qr_svg(booking.code) in page
    assert "Les Misérables" in page and "Au comptoir" in page
    assert "hors ligne — mis à jour le" in page
    assert not re.search(r"""(src|href)=["']https?:""", page)
    assert "<link" not in page


def test_without_a_session_the_page_asks_to_sign_in(booked):
    booking, _token = booked
    response = _get(f"/billet/{booking.id}")
    assert response.status_code == 401
    assert booking.code not in response.text
    assert 'href="/connexion"' in response.text


@pytest.mark.parametrize("other_id", ["mine_plus_one", "abc", "0", "99999999999"])
def test_another_users_ticket_is_not_found(booked, other_id):
    booking, _token = booked
    stranger, _deposit = make_beneficiary()
    token, _user = auth.login(stranger.email, PASSWORD, Surface.YOUTH)
    path = booking.id if other_id == "mine_plus_one" else other_id
    response = _get(f"/billet/{path}", token)
    assert response.status_code == 404
    assert "Cette réservation n'existe pas." in response.text.replace("&#x27;", "'")
    assert booking.code not in response.text


def test_an_unknown_token_does_not_open_a_ticket(booked):
    booking, _token = booked
    response = _get(f"/billet/{booking.id}", "not-a-token")
    assert response.status_code == 401
