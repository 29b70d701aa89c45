"""The discovery search page: where, what, which filters; results 20 at a time, as a list
or on a map. The rules (what may be shown, distances, counts) are the search service's."""

import asyncio
from datetime import date

import reflex as rx

from pass_culture import clock
from services import deposits, favorites, places, policy, price_ranges, search, search_dates
from services.errors import DomainError
from services.search import SearchQuery
from services.search_categories import SEARCH_CATEGORIES, get_search_category
from state.youth.cards import card_from_hit, marker_from_hit, with_favorite
from state.youth.favorite_toggle import FavoriteToggle
from state.youth.location import LocationState

PAGE_SIZE = 20
EVERYWHERE = "France entière"
MY_POSITION = "Ma position"
RADII = (5, 10, 20, 30, 50, 75, 100)
FRANCE_CENTRE = (46.6, 2.4)
MAX_PRICE_EUROS = 300
ACCESSIBILITY_LABELS = {
    "visual": "Handicap visuel",
    "mental": "Handicap psychique ou mental",
    "motor": "Handicap moteur",
    "audio": "Handicap auditif",
}
PRICE_LABELS = {"free": "Gratuit uniquement", "credit": "Dans la limite de mon crédit"}
DATE_LABELS = search_dates.PRESETS | {"range": "Dates choisies"}
SORT_LABELS = {"distance": "Distance", "date": "Date", "price": "Prix"}
CATEGORY_LABELS = {category.id: category.label for category in SEARCH_CATEGORIES}

# The browser's position after its permission prompt, or the reason it has none.
GEOLOCATE = """new Promise((resolve) => {
  if (!navigator.geolocation) { resolve({error: "unsupported"}); return; }
  navigator.geolocation.getCurrentPosition(
    (p) => resolve({latitude: p.coords.latitude, longitude: p.coords.longitude}),
    (e) => resolve({error: e.code === 1 ? "denied" : "unavailable"}),
    {timeout: 15000, maximumAge: 300000},
  );
})"""
GEOLOCATION_ERRORS = {
    "denied": "Tu n'as pas autorisé l'accès à ta position : choisis une ville ou la France "
    "entière.",
    "unsupported": "Ton navigateur ne sait pas donner ta position : choisis une ville.",
    "unavailable": "Ta position n'a pas pu être trouvée : réessaie ou choisis une ville.",
}


def _run(user_id: int, query: SearchQuery):
    """One page of results, which of them are the user's favourites, which have several
    prices."""
    result = search.search_offers(query)
    ids = [hit.offer_id for hit in result.hits]
    return result, favorites.favorite_ids(user_id, ids), price_ranges.several_prices(ids)


def _count_text(total: int, capped: bool) -> str:
    if capped:
        return "1 000+ offres"
    if total == 0:
        return "Aucune offre"
    return f"{total} offre" if total == 1 else f"{total} offres"


class SearchState(FavoriteToggle, LocationState):
    text: str = ""
    # Bumped when the server changes `text` (URL, reset): the field is drawn again.
    text_version: int = 0
    radius_km: int = policy.DEFAULT_RADIUS_KM
    category: str = ""
    price_mode: str = ""  # "", "free", "credit", "max"
    max_price_euros: str = ""
    date_preset: str = ""  # "", a preset of search_dates, "range"
    date_first: str = ""  # ISO dates of the range
    date_last: str = ""
    duo_only: bool = False
    accessibility: list[str] = []
    sort: str = "distance"
    view: str = "list"  # "list" or "map"
    location_open: bool = False
    place_query: str = ""
    place_suggestions: list[dict[str, str]] = []
    location_error: str = ""
    filters_error: str = ""
    error: str = ""
    hits: list[dict] = []
    markers: list[dict] = []
    count_text: str = ""
    has_more: bool = False
    loading: bool = False

    # --- Derived -----------------------------------------------------------------------

    @rx.var
    def located(self) -> bool:
        return self._coordinates() is not None

    @rx.var
    def place_text(self) -> str:
        if self._coordinates() is not None:
            return f"{self.place_label} · {self.radius_km} km"
        return EVERYWHERE

    @rx.var
    def map_center(self) -> list[float]:
        return list(self._coordinates() or FRANCE_CENTRE)

    @rx.var
    def map_zoom(self) -> int:
        if self._coordinates() is None:
            return 5
        return 12 if self.radius_km <= 10 else 10 if self.radius_km <= 30 else 9

    @rx.var
    def map_key(self) -> str:
        """Leaflet keeps its first centre: a new place draws a new map."""
        return f"{self.place_latitude},{self.place_longitude},{self.radius_km}"

    @rx.var
    def active_filters(self) -> list[dict[str, str]]:
        """The filters in force, each removable (key, label)."""
        active = []
        if self.category:
            active.append({"key": "category", "label": CATEGORY_LABELS.get(self.category, "")})
        if self.price_mode in PRICE_LABELS:
            active.append({"key": "price", "label": PRICE_LABELS[self.price_mode]})
        elif self.price_mode == "max" and self.max_price_euros:
            active.append({"key": "price", "label": f"{self.max_price_euros} € maximum"})
        if self.date_preset:
            active.append({"key": "dates", "label": DATE_LABELS.get(self.date_preset, "")})
        if self.duo_only:
            active.append({"key": "duo", "label": "Duo"})
        for flag in self.accessibility:
            active.append({"key": f"a11y:{flag}", "label": ACCESSIBILITY_LABELS.get(flag, "")})
        return active

    # --- Loading and searching ---------------------------------------------------------

    @rx.event
    async def load(self):
        """on_load: `?categorie=CINEMA` and `?q=...` pre-fill the search."""
        parameters = self.router.url.query_parameters
        self.error = ""
        self.text = parameters.get("q", "")[: search.MAX_TEXT_LENGTH]
        self.text_version += 1
        self.category = ""
        wanted = parameters.get("categorie", "")
        if wanted:
            try:
                self.category = get_search_category(wanted).id
            except DomainError as refusal:
                self.error = refusal.message
        self.sort = "distance" if self._coordinates() else "date"
        return SearchState.run_search

    async def _query(self, offset: int) -> SearchQuery:
        coordinates = self._coordinates()
        date_from = date_to = None
        if self.date_preset == "range":
            span = search_dates.day_range(
                date.fromisoformat(self.date_first),
                date.fromisoformat(self.date_last),
                clock.utcnow(),
            )
            date_from, date_to = span.start, span.end
        elif self.date_preset:
            span = search_dates.date_range(self.date_preset, clock.utcnow())
            date_from, date_to = span.start, span.end
        return SearchQuery(
            latitude=coordinates[0] if coordinates else None,
            longitude=coordinates[1] if coordinates else None,
            radius_km=self.radius_km,
            text=self.text,
            categories=(self.category,) if self.category else (),
            free_only=self.price_mode == "free",
            max_price=await self._max_price(),
            date_from=date_from,
            date_to=date_to,
            duo_only=self.duo_only,
            accessibility=tuple(self.accessibility),
            sort=self.sort,
            offset=offset,
            limit=PAGE_SIZE,
        )

    async def _max_price(self) -> int | None:
        if self.price_mode == "credit":
            user = await self._signed_in_user()
            balance = await asyncio.to_thread(deposits.get_balance, user.id)
            return max(0, balance.remaining)
        if self.price_mode == "max" and self.max_price_euros:
            try:
                euros = float(self.max_price_euros.replace(",", "."))
            except ValueError:
                raise DomainError("invalid_price", "Indique un prix maximum en euros.") from None
            if not 0 <= euros <= MAX_PRICE_EUROS:
                raise DomainError(
                    "invalid_price", f"Le prix maximum va de 0 à {MAX_PRICE_EUROS} €."
                )
            return round(euros * 100)
        return None

    async def _search(self, offset: int) -> None:
        user = await self._signed_in_user()
        try:
            query = await self._query(offset)
            result, favorite, ranged = await asyncio.to_thread(_run, user.id, query)
        except (DomainError, ValueError) as refusal:
            self.filters_error = getattr(refusal, "message", "Ces dates ne sont pas valides.")
            return
        self.filters_error = ""
        cards = [
            card_from_hit(
                hit, favorite=hit.offer_id in favorite, several_prices=hit.offer_id in ranged
            )
            for hit in result.hits
        ]
        markers = [
            marker
            for hit in result.hits
            if (marker := marker_from_hit(hit, several_prices=hit.offer_id in ranged))
        ]
        self.hits = (self.hits + cards) if offset else cards
        self.markers = (self.markers + markers) if offset else markers
        self.count_text = _count_text(result.total, result.total_is_capped)
        self.has_more = len(self.hits) < result.total

    @rx.event
    async def run_search(self):
        self.loading = True
        yield
        await self._search(0)
        self.loading = False

    @rx.event
    async def load_more(self):
        self.loading = True
        yield
        await self._search(len(self.hits))
        self.loading = False

    def _mark_favorite(self, offer_id: int, favorite: bool) -> None:
        self.hits = with_favorite(self.hits, offer_id, favorite)

    # --- Text --------------------------------------------------------------------------

    @rx.event
    def set_text(self, value: str):
        self.text = str(value)[: search.MAX_TEXT_LENGTH]
        return SearchState.run_search

    @rx.event
    def submit_text(self, form: dict):
        return SearchState.set_text(form.get("q", ""))

    # --- Where -------------------------------------------------------------------------

    @rx.event
    def toggle_location(self):
        self.location_open = not self.location_open
        self.location_error = ""

    @rx.event
    async def set_place_query(self, value: str):
        self.place_query = str(value)[:80]
        found = await asyncio.to_thread(places.find_places, self.place_query)
        self.place_suggestions = [{"insee": p.insee, "label": p.label} for p in found]

    def _moved(self, label: str, coordinates: tuple[float, float] | None):
        self._remember(label, coordinates)
        self.location_open = False
        self.location_error = ""
        self.place_query = ""
        self.place_suggestions = []
        if coordinates is None and self.sort == "distance":
            self.sort = "date"
        elif coordinates is not None:
            self.sort = "distance"
        return SearchState.run_search

    @rx.event
    async def choose_place(self, insee: str):
        try:
            place = await asyncio.to_thread(places.get_place, str(insee))
        except DomainError as refusal:
            self.location_error = refusal.message
            return None
        return self._moved(place.label, (place.latitude, place.longitude))

    @rx.event
    def choose_everywhere(self):
        return self._moved(EVERYWHERE, None)

    @rx.event
    def locate_me(self):
        self.location_error = ""
        return rx.call_script(GEOLOCATE, callback=SearchState.located_at)

    @rx.event
    def located_at(self, position: dict):
        position = position if isinstance(position, dict) else {}
        try:
            latitude, longitude = float(position["latitude"]), float(position["longitude"])
        except (KeyError, TypeError, ValueError):
            reason = position.get("error")
            self.location_error = GEOLOCATION_ERRORS.get(reason, GEOLOCATION_ERRORS["unavailable"])
            return None
        if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
            self.location_error = GEOLOCATION_ERRORS["unavailable"]
            return None
        return self._moved(MY_POSITION, (latitude, longitude))

    @rx.event
    def set_radius(self, value: str):
        try:
            radius = int(value)
        except (TypeError, ValueError):
            return None
        if radius in RADII:
            self.radius_km = radius
            return SearchState.run_search
        return None

    # --- Filters -----------------------------------------------------------------------

    @rx.event
    def set_category(self, value: str):
        self.category = value if value in CATEGORY_LABELS else ""
        return SearchState.run_search

    @rx.event
    def set_price_mode(self, value: str):
        self.price_mode = value if value in ("free", "credit", "max") else ""
        return SearchState.run_search

    @rx.event
    def set_max_price(self, value: str):
        self.max_price_euros = str(value).strip()[:6]
        if self.max_price_euros:
            self.price_mode = "max"
        return SearchState.run_search

    @rx.event
    def set_date_preset(self, value: str):
        self.date_preset = value if value in DATE_LABELS else ""
        if self.date_preset == "range" and not (self.date_first and self.date_last):
            today = clock.to_paris(clock.utcnow()).date().isoformat()
            self.date_first = self.date_first or today
            self.date_last = self.date_last or today
        return SearchState.run_search

    @rx.event
    def set_date_first(self, value: str):
        self.date_first = str(value)[:10]
        self.date_preset = "range"
        return SearchState.run_search

    @rx.event
    def set_date_last(self, value: str):
        self.date_last = str(value)[:10]
        self.date_preset = "range"
        return SearchState.run_search

    @rx.event
    def set_duo_only(self, value: bool):
        self.duo_only = bool(value)
        return SearchState.run_search

    @rx.event
    def set_accessibility(self, flag: str, checked: bool):
        if flag not in ACCESSIBILITY_LABELS:
            return None
        flags = set(self.accessibility) - {flag}
        if checked:
            flags.add(flag)
        self.accessibility = [f for f in ACCESSIBILITY_LABELS if f in flags]
        return SearchState.run_search

    @rx.event
    def set_sort(self, value: str):
        self.sort = value if value in SORT_LABELS else "date"
        return SearchState.run_search

    @rx.event
    def remove_filter(self, key: str):
        if key == "category":
            self.category = ""
        elif key == "price":
            self.price_mode, self.max_price_euros = "", ""
        elif key == "dates":
            self.date_preset, self.date_first, self.date_last = "", "", ""
        elif key == "duo":
            self.duo_only = False
        elif key.startswith("a11y:"):
            self.accessibility = [f for f in self.accessibility if f != key[5:]]
        return SearchState.run_search

    @rx.event
    def reset_filters(self):
        self.category = ""
        self.price_mode, self.max_price_euros = "", ""
        self.date_preset, self.date_first, self.date_last = "", "", ""
        self.duo_only = False
        self.accessibility = []
        self.sort = "distance" if self._coordinates() else "date"
        return SearchState.run_search

    @rx.event
    def set_view(self, value: str):
        self.view = "map" if value == "map" else "list"
