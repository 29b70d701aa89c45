"""INSEE's Sirene directory at pro sign-up: the legal name and head-office address of a
SIREN, so the structure is stored as INSEE knows it.

Only when a token is configured (settings `sirene_api_token`); without one the step is
skipped, never faked. An unknown SIREN and a closed legal unit are refused; an API that
does not answer (timeout, 5xx, unreadable reply) leaves the sign-up to go on without the
data, with a message saying so.
"""

import logging
from dataclasses import dataclass

import httpx

from pass_culture.settings import get_settings
from services.errors import DomainError

logger = logging.getLogger(__name__)

UNAVAILABLE = (
    "Le répertoire Sirene de l'Insee ne répond pas : votre structure sera enregistrée avec "
    "le nom saisi, et vérifiée par nos équipes."
)


@dataclass(frozen=True)
class LegalUnit:
    siren: str
    name: str
    address: str | None
    postal_code: str | None
    city: str | None


class SireneUnavailable(Exception):
    """The API did not give an answer to rely on; the sign-up goes on without it."""


class SireneApi:
    def __init__(self, base_url: str, token: str, timeout_seconds: float):
        self.base_url = base_url.rstrip("/")
        self.token = token
        self.timeout_seconds = timeout_seconds

    def legal_unit(self, siren: str) -> LegalUnit:
        """The legal unit of a valid SIREN; DomainError when unknown or closed,
        SireneUnavailable when the API fails."""
        with httpx.Client(
            base_url=self.base_url,
            headers={"Authorization": f"Bearer {self.token}", "Accept": "application/json"},
            timeout=self.timeout_seconds,
        ) as client:
            unit = self._get(client, f"/siren/{siren}")
            if unit is None:
                raise DomainError(
                    "siren_unknown",
                    "Ce SIREN est inconnu du répertoire Sirene de l'Insee : vérifiez-le sur "
                    "votre avis de situation.",
                )
            try:
                unit = unit["uniteLegale"]
                period = unit["periodesUniteLegale"][0]
                closed = period.get("etatAdministratifUniteLegale") == "C"
                name = _legal_name(unit, period)
                nic = period.get("nicSiegeUniteLegale")
            except (KeyError, IndexError, TypeError) as error:
                raise SireneUnavailable(f"réponse illisible : {error!r}") from None
            if closed:
                raise DomainError(
                    "siren_closed",
                    "Selon l'Insee, cette entreprise est fermée (cessation d'activité) : "
                    "elle ne peut pas s'inscrire sur le pass Culture.",
                )
            address = self._head_office(client, siren, nic) if nic else {}
        return LegalUnit(siren, name, **address)

    def _get(self, client: httpx.Client, path: str) -> dict | None:
        """The JSON at `path`; None for a 404."""
        try:
            response = client.get(path)
        except httpx.HTTPError as error:
            raise SireneUnavailable(repr(error)) from None
        if response.status_code == 404:
            return None
        if response.status_code != 200:
            raise SireneUnavailable(f"HTTP {response.status_code}")
        try:
            return response.json()
        except ValueError as error:
            raise SireneUnavailable(repr(error)) from None

    def _head_office(self, client: httpx.Client, siren: str, nic: str) -> dict:
        try:
            found = self._get(client, f"/siret/{siren}{nic}")
            place = found["etablissement"]["adresseEtablissement"] if found else None
        except (SireneUnavailable, KeyError, TypeError) as error:
            logger.warning("Siège du SIREN %s illisible dans Sirene : %s", siren, error)
            place = None
        if not place:
            return {"address": None, "postal_code": None, "city": None}
        street = " ".join(
            str(part)
            for part in (
                place.get("numeroVoieEtablissement"),
                place.get("indiceRepetitionEtablissement"),
                place.get("typeVoieEtablissement"),
                place.get("libelleVoieEtablissement"),
            )
            if part
        )
        return {
            "address": street[:200] or None,
            "postal_code": place.get("codePostalEtablissement") or None,
            "city": (place.get("libelleCommuneEtablissement") or "")[:100] or None,
        }


def _legal_name(unit: dict, period: dict) -> str:
    """A company's name, or for a sole trader their first and last name."""
    name = period.get("denominationUniteLegale")
    if not name:
        person = (unit.get("prenom1UniteLegale"), period.get("nomUniteLegale"))
        name = " ".join(part for part in person if part)
    return name.strip()[:140]


def sirene_api() -> SireneApi | None:
    """The API when a token is configured, else None (the step is skipped)."""
    settings = get_settings()
    if settings.sirene_api_token is None or not settings.sirene_api_token.get_secret_value():
        return None
    return SireneApi(
        settings.sirene_api_url,
        settings.sirene_api_token.get_secret_value(),
        settings.sirene_api_timeout_seconds,
    )


def look_up(siren: str) -> tuple[LegalUnit | None, str]:
    """The legal unit and a warning: (None, "") without a token, (None, UNAVAILABLE) when
    the API fails. Raises DomainError for an unknown SIREN or a closed unit."""
    api = sirene_api()
    if api is None:
        return None, ""
    try:
        return api.legal_unit(siren), ""
    except SireneUnavailable as error:
        logger.warning("API Sirene indisponible pour le SIREN %s : %s", siren, error)
        return None, UNAVAILABLE
