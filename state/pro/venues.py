"""The structure in use and its venues (/pro/structure), a venue's form (/pro/lieux/nouveau,
/pro/lieux/<id>). Rules live in services.venues; every call runs off the event loop and
re-checks the structure or venue against the signed-in pro (O7)."""

import asyncio

import reflex as rx

from pass_culture.models import ValidationStatus, Venue, VenueType
from services import places, venues
from services.errors import DomainError
from services.venues import ACCESSIBILITY, VENUE_TYPE_LABELS, VenueInput
from state.auth import ProSession

STATUS_LABELS = {
    ValidationStatus.PENDING: "En cours de validation",
    ValidationStatus.ON_HOLD: "En cours de validation",
    ValidationStatus.VALIDATED: "Validée",
    ValidationStatus.REJECTED: "Refusée",
}
NO_STRUCTURE = "Vous n’êtes rattaché à aucune structure validée pour le moment."
# The pin's value while there is none (the map is hidden then): mid metropolitan France.
FRANCE = [46.6, 2.4]
# The form's choices: a digital venue is one by its own box, not by its type.
VENUE_TYPES = [(str(t), label) for t, label in VENUE_TYPE_LABELS.items() if t != VenueType.DIGITAL]
TEXT_FIELDS = (
    "name",
    "public_name",
    "siret",
    "address",
    "postal_code",
    "city",
    "booking_email",
    "withdrawal_details",
)
CREATED = "Le lieu est créé. Vous pouvez le compléter ou le modifier ici."
SAVED = "Les modifications du lieu sont enregistrées."


class StructureState(ProSession):
    loaded: bool = False
    error: str = ""
    name: str = ""
    siren: str = ""
    status: str = ""
    venue_lines: list[dict[str, str]] = []

    @rx.event
    async def load(self):
        self.loaded = False
        self.error = ""
        self.venue_lines = []
        user = await self._signed_in_user()
        try:
            if not self.offerer_id:
                raise DomainError("no_structure", NO_STRUCTURE)
            shown = await asyncio.to_thread(venues.structure_of, user.id, self.offerer_id)
        except DomainError as refusal:
            self.error = refusal.message
        else:
            self.name, self.siren = shown.name, shown.siren
            self.status = STATUS_LABELS.get(shown.status, shown.status)
            self.venue_lines = [
                {
                    "id": str(line.id),
                    "name": line.name,
                    "siret": line.siret or "Sans SIRET",
                    "kind": line.kind,
                    "where": line.where,
                    "href": f"/pro/lieux/{line.id}",
                }
                for line in shown.venues
            ]
        self.loaded = True


class VenueFormState(ProSession):
    loaded: bool = False
    missing: str = ""  # the edit page's only content when the venue cannot be shown
    busy: bool = False
    error: str = ""
    notice: str = ""
    created: bool = False  # just created: said under the title
    venue_id: int = 0  # 0: a new venue
    # What the fields start with (uncontrolled fields, filled once loaded).
    values: dict[str, str] = {}
    flags: dict[str, bool] = {}
    venue_type: str = str(VenueType.OTHER)
    is_virtual: bool = False
    # The pin (typed or moved on the map), as typed.
    latitude: str = ""
    longitude: str = ""
    communes: list[str] = []  # the communes of the postal code typed, offered to the city
    # The commune and address last used to place the pin.
    _located: tuple[str, str, str] = ("", "", "")

    @rx.var
    def has_pin(self) -> bool:
        return self._pin() is not None

    @rx.var
    def pin(self) -> list[float]:
        return list(self._pin() or FRANCE)

    def _pin(self) -> tuple[float, float] | None:
        try:
            latitude = venues.parse_coordinate(self.latitude, "latitude")
            longitude = venues.parse_coordinate(self.longitude, "longitude")
        except DomainError:
            return None
        if latitude is None or longitude is None:
            return None
        if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
            return None
        return latitude, longitude

    def _show(self, venue: Venue | None) -> None:
        self.values = {
            name: str(getattr(venue, name) or "") if venue else "" for name in TEXT_FIELDS
        }
        self.flags = {
            flag: bool(venue and getattr(venue, f"{flag}_disability_compliant"))
            for flag in ACCESSIBILITY
        }
        self.venue_type = str(venue.venue_type) if venue else str(VenueType.OTHER)
        self.is_virtual = bool(venue and venue.is_virtual)
        self.venue_id = venue.id if venue else 0
        self.latitude = _coordinate(venue.latitude) if venue else ""
        self.longitude = _coordinate(venue.longitude) if venue else ""
        self._located = (
            (venue.address or "", venue.postal_code or "", venue.city or "")
            if venue
            else ("", "", "")
        )

    def _reset(self) -> None:
        self.loaded = self.busy = False
        self.missing = self.error = self.notice = ""
        self.created = False
        self.communes = []
        self._show(None)

    @rx.event
    async def load_new(self):
        self._reset()
        yield  # the fields are made again with what is loaded (they start from it)
        await self._signed_in_user()
        if not self.offerer_id:
            self.missing = NO_STRUCTURE
        self.loaded = True

    @rx.event
    async def load_existing(self):
        self._reset()
        yield
        user = await self._signed_in_user()
        try:
            venue = await asyncio.to_thread(
                venues.get_venue, user.id, self.router.page.params.get("venue_id", "")
            )
        except DomainError as refusal:
            self.missing = refusal.message
        else:
            self._show(venue)
            self.created = bool(self.router.url.query_parameters.get("cree"))
        self.loaded = True

    # --- The pin ----------------------------------------------------------------------

    @rx.event
    def set_field(self, name: str, value: str):
        """A place field left: the pin goes to the commune (or the address, when the
        address API is on) once it is known and has changed."""
        if name not in ("address", "postal_code", "city"):
            return None
        self.values = self.values | {name: str(value or "")}
        if name == "postal_code":
            return [VenueFormState.suggest_communes, VenueFormState.place_pin]
        return VenueFormState.place_pin

    @rx.event
    async def suggest_communes(self):
        code = self.values.get("postal_code", "").strip()
        found = await asyncio.to_thread(places.find_places, code) if len(code) == 5 else []
        self.communes = [place.name for place in found]

    @rx.event
    async def place_pin(self):
        lookup = venues.address_lookup()
        address = self.values.get("address", "").strip() if lookup else ""
        wanted = (address, self.values.get("postal_code", ""), self.values.get("city", ""))
        if wanted == self._located or not (wanted[1].strip() and wanted[2].strip()):
            return
        try:
            where = await asyncio.to_thread(venues.locate, *wanted, lookup=lookup)
        except DomainError:
            return  # said when the form is sent; the pin stays where it is
        self._located = wanted
        self.latitude = _coordinate(where.latitude)
        self.longitude = _coordinate(where.longitude)

    @rx.event
    def move_pin(self, latitude: float, longitude: float):
        if isinstance(latitude, int | float) and isinstance(longitude, int | float):
            self.latitude, self.longitude = _coordinate(latitude), _coordinate(longitude)

    @rx.event
    def set_latitude(self, value: str):
        self.latitude = str(value)[:32]

    @rx.event
    def set_longitude(self, value: str):
        self.longitude = str(value)[:32]

    @rx.event
    def set_is_virtual(self, checked: bool):
        # Only a new venue chooses: a venue stays digital or not as created.
        if not self.venue_id:
            self.is_virtual = bool(checked)

    # --- Saving -----------------------------------------------------------------------

    def _input(self, form_data: dict) -> VenueInput:
        texts = {name: str(form_data.get(name) or "") for name in TEXT_FIELDS}
        self.values = texts
        self.venue_type = str(form_data.get("venue_type") or VenueType.OTHER)
        self.flags = {flag: _checked(form_data, f"access_{flag}") for flag in ACCESSIBILITY}
        if self.is_virtual:
            place = dict.fromkeys(("siret", "address", "postal_code", "city"))
            latitude = longitude = None
        else:
            place = {name: texts[name] or None for name in ("siret", "address", "postal_code")}
            place["city"] = texts["city"] or None
            latitude = venues.parse_coordinate(self.latitude, "latitude")
            longitude = venues.parse_coordinate(self.longitude, "longitude")
        return VenueInput(
            name=texts["name"],
            public_name=texts["public_name"] or None,
            is_virtual=self.is_virtual,
            venue_type=self.venue_type,
            latitude=latitude,
            longitude=longitude,
            booking_email=texts["booking_email"] or None,
            withdrawal_details=texts["withdrawal_details"] or None,
            **place,
            **{f"{flag}_disability_compliant": self.flags[flag] for flag in ACCESSIBILITY},
        )

    @rx.event
    async def save(self, form_data: dict):
        if self.busy or self.missing:
            return
        self.busy = True
        self.error = self.notice = ""
        self.created = False
        yield
        try:
            user = await self._signed_in_user()
            data = self._input(form_data)
            lookup = venues.address_lookup()
            if self.venue_id:
                venue = await asyncio.to_thread(
                    venues.update_venue, user.id, self.venue_id, data, lookup=lookup
                )
            else:
                venue = await asyncio.to_thread(
                    venues.create_venue, user.id, self.offerer_id, data, lookup=lookup
                )
        except DomainError as refusal:
            self.error = refusal.message
            return
        finally:
            self.busy = False
        if not self.venue_id:
            yield rx.redirect(f"/pro/lieux/{venue.id}?cree=1")
            return
        self._show(venue)
        self.notice = SAVED


def _checked(form_data: dict, name: str) -> bool:
    return form_data.get(name) in ("on", "true", True)


def _coordinate(value: float | None) -> str:
    return "" if value is None else f"{value:.5f}"
