"""The Sirene lookup at pro sign-up, against a local stub server speaking the INSEE API's
JSON: found (name and head office stored), unknown SIREN, closed unit, 500 and timeout
(the sign-up goes on without the data), no token (the step is skipped)."""

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from sqlmodel import select

from pass_culture import db
from pass_culture.models import Offerer
from pass_culture.settings import get_settings
from services import pro_signup, sirene
from services.errors import FieldsRefused
from tests import factories
from tests.pro_accounts import form

OPEN = factories.luhn_number("5", 9)
CLOSED = factories.luhn_number("5", 9)
BROKEN = factories.luhn_number("5", 9)
SLOW = factories.luhn_number("5", 9)
NIC = "00017"
TOKEN = "jeton-de-test"


def _unit(siren: str, state: str) -> dict:
    return {
        "header": {"statut": 200, "message": "ok"},
        "uniteLegale": {
            "siren": siren,
            "periodesUniteLegale": [
                {
                    "dateFin": None,
                    "etatAdministratifUniteLegale": state,
                    "denominationUniteLegale": "LIBRAIRIE DU PORT SARL",
                    "nicSiegeUniteLegale": NIC,
                }
            ],
        },
    }


HEAD_OFFICE = {
    "etablissement": {
        "siret": OPEN + NIC,
        "adresseEtablissement": {
            "numeroVoieEtablissement": "12",
            "indiceRepetitionEtablissement": None,
            "typeVoieEtablissement": "QUAI",
            "libelleVoieEtablissement": "DES CHARTRONS",
            "codePostalEtablissement": "33000",
            "libelleCommuneEtablissement": "BORDEAUX",
        },
    }
}


class _Insee(BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 -- http.server's name
        if self.headers.get("Authorization") != f"Bearer {TOKEN}":
            return self._reply(401, {"fault": "Invalid Credentials"})
        if self.path == f"/siren/{OPEN}":
            return self._reply(200, _unit(OPEN, "A"))
        if self.path == f"/siret/{OPEN}{NIC}":
            return self._reply(200, HEAD_OFFICE)
        if self.path == f"/siren/{CLOSED}":
            return self._reply(200, _unit(CLOSED, "C"))
        if self.path == f"/siren/{BROKEN}":
            return self._reply(500, {"fault": "erreur"})
        if self.path == f"/siren/{SLOW}":
            time.sleep(1.5)
            return self._reply(200, _unit(SLOW, "A"))
        return self._reply(404, {"header": {"statut": 404, "message": "Aucun élément trouvé"}})

    def _reply(self, status: int, payload: dict) -> None:
        body = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *_args):
        pass


@pytest.fixture(scope="module")
def insee_url():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Insee)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


@pytest.fixture
def with_token(insee_url, monkeypatch):
    monkeypatch.setenv("SIRENE_API_TOKEN", TOKEN)
    monkeypatch.setenv("SIRENE_API_URL", insee_url)
    monkeypatch.setenv("SIRENE_API_TIMEOUT_SECONDS", "0.5")
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


def _offerer() -> Offerer | None:
    with db.transaction(write=False) as session:
        return session.exec(select(Offerer)).first()


def test_the_legal_name_and_head_office_are_stored(database, with_token):
    unit, warning = pro_signup.look_up_siren(OPEN)
    assert (unit.name, unit.city, warning) == ("LIBRAIRIE DU PORT SARL", "BORDEAUX", "")

    pro_signup.sign_up(form(siren=OPEN, structure_name=""))

    offerer = _offerer()
    assert (offerer.name, offerer.address, offerer.postal_code, offerer.city) == (
        "LIBRAIRIE DU PORT SARL",
        "12 QUAI DES CHARTRONS",
        "33000",
        "BORDEAUX",
    )


@pytest.mark.parametrize(
    ("siren", "message"),
    [
        (factories.luhn_number("5", 9), "Ce SIREN est inconnu du répertoire Sirene"),
        (CLOSED, "cette entreprise est fermée"),
    ],
)
def test_an_unknown_or_closed_unit_is_refused_and_nothing_is_created(
    database, with_token, siren, message
):
    with pytest.raises(FieldsRefused) as refused:
        pro_signup.sign_up(form(siren=siren))

    assert message in refused.value.errors["siren"]
    assert _offerer() is None


@pytest.mark.parametrize("siren", [BROKEN, SLOW])
def test_an_api_error_or_timeout_lets_the_sign_up_go_on_without_the_data(
    database, with_token, siren
):
    done = pro_signup.sign_up(form(siren=siren))

    assert done.warning == sirene.UNAVAILABLE
    offerer = _offerer()
    assert (offerer.name, offerer.address) == ("Librairie des Quais", None)


def test_without_a_token_the_step_is_skipped(database, insee_url, monkeypatch):
    monkeypatch.setenv("SIRENE_API_URL", insee_url)
    monkeypatch.delenv("SIRENE_API_TOKEN", raising=False)
    get_settings.cache_clear()
    try:
        assert sirene.look_up(CLOSED) == (None, "")
        pro_signup.sign_up(form(siren=CLOSED))  # not asked, so not refused
    finally:
        get_settings.cache_clear()
    assert _offerer().address is None
