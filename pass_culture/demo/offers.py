"""Demo offers and their stocks, generated for each kind of venue from the catalogue tables.

Events are dated over the coming four weeks, in the venue's local time.
"""

import random
import zlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from stdnum import ean

from pass_culture.demo import catalogue
from pass_culture.models import Offer, OfferStatus, Stock, Venue, VenueType
from services import highlights
from services.search_categories import search_category_of
from services.subcategories import get_subcategory

HORIZON_DAYS = 28
DIGITAL_URL = "https://numerique.demo.passculture.fr/offres/{}"
# Rule F11: about one offer in POSTER_SHARE gets a hook image, one of the category's
# posters in assets/demo/ (scripts/make_demo_posters.py draws them).
POSTER_SHARE = 8
POSTER_VARIANTS = 2


def poster_url(category_id: str, variant: int) -> str:
    return f"/demo/{category_id.lower().replace('_', '-')}-{variant}.svg"


def _poster_for(venue_name: str, offer_name: str, subcategory_id: str) -> str | None:
    """The same offers get the same posters on every load (a checksum, not randomness)."""
    checksum = zlib.crc32(f"{venue_name}|{offer_name}".encode())
    if checksum % POSTER_SHARE:
        return None
    variant = checksum // POSTER_SHARE % POSTER_VARIANTS + 1
    return poster_url(search_category_of(subcategory_id).id, variant)


def full_ean(body: str) -> str:
    """An EAN-13 from its first 12 digits."""
    return body + ean.calc_check_digit(body)


@dataclass
class Draft:
    offer: Offer
    stocks: list[Stock] = field(default_factory=list)


@dataclass
class Programme:
    """What one venue offers; the builders below fill it."""

    venue: Venue
    timezone: ZoneInfo
    now: datetime
    rng: random.Random
    status: OfferStatus
    drafts: list[Draft] = field(default_factory=list)

    @property
    def today(self) -> date:
        return self.now.astimezone(self.timezone).date()

    def at(self, day: int, hour: str) -> datetime:
        """`hour` ("20:30") local time, `day` days from today, in UTC."""
        local = datetime.combine(
            self.today + timedelta(days=day), time.fromisoformat(hour), tzinfo=self.timezone
        )
        return local.astimezone(UTC)

    def dates(self, count: int, hours: Iterable[str]) -> list[datetime]:
        """`count` distinct days from tomorrow on, so that every event keeps a future date."""
        days = self.rng.sample(range(1, HORIZON_DAYS), count)
        hours = list(hours)
        return sorted(self.at(day, self.rng.choice(hours)) for day in days)

    def offer(self, subcategory_id: str, name: str, **fields) -> Draft:
        subcategory = get_subcategory(subcategory_id)  # rule F1: only catalogue ids
        image_url = _poster_for(self.venue.name, name, subcategory.id)
        # Rule F11: the venue puts its offers with a poster forward, up to the limit.
        highlighted = image_url is not None and self._highlighted() < highlights.MAX_PER_VENUE
        offer = Offer(
            venue_id=self.venue.id,
            subcategory_id=subcategory.id,
            name=name,
            is_duo=fields.pop("is_duo", subcategory.can_be_duo and subcategory.is_event),
            validation_status=self.status,
            image_url=image_url,
            highlighted_at=self.now if highlighted else None,
            created_at=self.now,
            updated_at=self.now,
            **fields,
        )
        draft = Draft(offer)
        self.drafts.append(draft)
        return draft

    def _highlighted(self) -> int:
        return sum(draft.offer.highlighted_at is not None for draft in self.drafts)

    def thing(self, draft: Draft, price: int, quantity: int | None) -> None:
        draft.stocks.append(self._stock(price, quantity))

    def event(
        self,
        draft: Draft,
        price: int,
        quantity: int | None,
        starts: Iterable[datetime],
        limit_before: timedelta,
    ) -> None:
        """One stock per start; the booking limit comes before the start (rule F8)."""
        for start in starts:
            if start - limit_before > self.now:
                draft.stocks.append(
                    self._stock(
                        price, quantity, beginning_at=start, booking_limit_at=start - limit_before
                    )
                )

    def _stock(self, price: int, quantity: int | None, **fields) -> Stock:
        return Stock(
            price=price, quantity=quantity, created_at=self.now, updated_at=self.now, **fields
        )


def _bookshop(p: Programme) -> None:
    for title, author, ean_body, price in p.rng.sample(catalogue.BOOKS, 15):
        code = full_ean(ean_body)
        draft = p.offer(
            "LIVRE_PAPIER",
            title,
            description=f"{title}, de {author}. À retirer en librairie.",
            ean=code,
            extra_data={"author": author, "ean": code},
        )
        p.thing(draft, price, p.rng.randint(1, 8))
    title = p.rng.choice(catalogue.BOOKS)[0]
    club = p.offer(
        "RENCONTRE",
        f"Club de lecture : {title}",
        is_duo=False,
        description="Une soirée pour échanger autour d'un livre, entre lecteurs.",
    )
    p.event(club, 0, 15, p.dates(2, ["18:30"]), timedelta(hours=2))


def _cinema(p: Programme) -> None:
    price = p.rng.choice([5_00, 5_50, 6_00, 7_00])
    seats = p.rng.choice([90, 120, 180, 250])
    for title, director, minutes in p.rng.sample(catalogue.FILMS, 6):
        language = p.rng.choice(["VF", "VF", "VOSTFR"])
        draft = p.offer(
            "SEANCE_CINE",
            title,
            description=f"Un film de {director} ({minutes // 60} h {minutes % 60:02d}), "
            f"en {language}.",
            extra_data={
                "stage_director": director,
                "duration_minutes": minutes,
                "language": language,
            },
        )
        starts = [
            p.at(day, hour)
            for day in range(HORIZON_DAYS)
            for hour in p.rng.sample(catalogue.SHOWTIMES, p.rng.randint(1, 2))
        ]
        p.event(draft, price, seats, starts, timedelta(minutes=30))
    subcategory_id, name, card_price = catalogue.CINEMA_PASS
    card = p.offer(subcategory_id, name, description="Cinq places, valables un an.")
    p.thing(card, card_price, None)


def _record_store(p: Programme) -> None:
    for index, (title, artist, ean_body) in enumerate(p.rng.sample(catalogue.ALBUMS, 12)):
        vinyl = index % 2 == 1
        code = full_ean(ean_body)
        draft = p.offer(
            "SUPPORT_PHYSIQUE_MUSIQUE_VINYLE" if vinyl else "SUPPORT_PHYSIQUE_MUSIQUE_CD",
            f"{title} ({'vinyle' if vinyl else 'CD'})",
            description=f"{artist}, {title}. À retirer en magasin.",
            ean=code,
            extra_data={"performer": artist, "ean": code},
        )
        price = p.rng.choice([24_99, 29_99, 34_99]) if vinyl else p.rng.choice([12_99, 15_99])
        p.thing(draft, price, p.rng.randint(1, 5))


def _theatre(p: Programme) -> None:
    for title, author, show_type in p.rng.sample(catalogue.SHOWS, 4):
        draft = p.offer(
            "SPECTACLE_REPRESENTATION",
            title,
            description=f"{show_type} : {title} ({author}).",
            extra_data={"author": author, "show_type": show_type},
        )
        price = p.rng.choice([8_00, 10_00, 12_00, 15_00, 20_00])
        p.event(
            draft,
            price,
            p.rng.choice([80, 200, 400]),
            p.dates(p.rng.randint(2, 5), ["15:00", "20:00", "20:30"]),
            timedelta(hours=2),
        )
    season = p.offer(
        "ABO_SPECTACLE", "Carte 3 spectacles", description="Trois spectacles de la saison au choix."
    )
    p.thing(season, 30_00, 50)


def _music_venue(p: Programme) -> None:
    for title, performer, music_type, subcategory_id in p.rng.sample(catalogue.CONCERTS, 5):
        draft = p.offer(
            subcategory_id,
            title,
            description=f"{performer} — {music_type}.",
            extra_data={"performer": performer, "music_type": music_type},
        )
        if subcategory_id == "FESTIVAL_MUSIQUE":
            price, count = p.rng.choice([35_00, 45_00, 50_00]), 1
        else:
            price, count = p.rng.choice([0, 5_00, 10_00, 15_00, 20_00, 25_00]), p.rng.randint(1, 2)
        p.event(
            draft,
            price,
            p.rng.choice([150, 300, 800]),
            p.dates(count, ["20:00", "20:30", "21:00"]),
            timedelta(hours=1),
        )


def _from_table(table) -> Callable[[Programme], None]:
    """Builder for kinds whose offers are the same in every venue (museums, libraries…)."""

    def build(p: Programme) -> None:
        for subcategory_id, title, price, places in table:
            draft = p.offer(subcategory_id, title, description=f"{title}, à {p.venue.city}.")
            if get_subcategory(subcategory_id).is_event:
                starts = p.dates(p.rng.randint(2, 6), ["10:00", "14:00", "15:00", "18:30"])
                p.event(draft, price, places, starts, timedelta(hours=1))
            else:
                p.thing(draft, price, places)

    return build


def _digital(p: Programme) -> None:
    # Ebooks and online services, national (rule F6), each with its URL (rule C4).
    for title, author, _ean, price in p.rng.sample(catalogue.BOOKS, 10):
        draft = p.offer(
            "LIVRE_NUMERIQUE",
            f"{title} (livre numérique)",
            description=f"{title}, de {author}, en version numérique.",
            is_national=True,
            url=DIGITAL_URL.format(len(p.drafts) + 1),
            extra_data={"author": author},
        )
        p.thing(draft, round(price * 0.7), None)
    for subcategory_id, title, price, national in catalogue.DIGITAL_OFFERS:
        draft = p.offer(
            subcategory_id,
            title,
            is_national=national,
            url=DIGITAL_URL.format(len(p.drafts) + 1),
            description=f"{title}.",
        )
        p.thing(draft, price, None)


BUILDERS: dict[str, Callable[[Programme], None]] = {
    VenueType.BOOKSHOP: _bookshop,
    VenueType.CINEMA: _cinema,
    VenueType.RECORD_STORE: _record_store,
    VenueType.THEATRE: _theatre,
    VenueType.MUSIC_VENUE: _music_venue,
    VenueType.MUSEUM: _from_table(catalogue.MUSEUM_OFFERS),
    VenueType.HERITAGE: _from_table(catalogue.HERITAGE_OFFERS),
    VenueType.CONSERVATORY: _from_table(catalogue.CONSERVATORY_OFFERS),
    VenueType.LIBRARY: _from_table(catalogue.LIBRARY_OFFERS),
    VenueType.DIGITAL: _digital,
}
