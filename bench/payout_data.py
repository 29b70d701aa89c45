"""A year of used bookings for bench/payouts.py, loaded into PostgreSQL by COPY.

Shape (seeded: the same on every load), for `bookings` bookings over `venues` venues:
- structures of 1 to 40 venues (most of one or two); one bank account per structure, or
  one per 5 venues for the larger ones, so 2.5 venues an account on average; 1 in 50
  structures also has a digital venue without SIRET, counting with its first venue (P2);
- 5 % of the accounts cannot be paid (pending, draft, rejected, held by an admin) and 1 %
  of the venues have no account yet: their bookings wait (P4, O5); the large venues'
  structures are always paid;
- bookings per venue on a long tail: 8 large venues per million bookings (12,000 to 20,000
  bookings, 150,000 to 400,000 € in the year: every bracket of P2), the others log-normal
  (median ≈ 40);
- offers by kind of venue: bookshops (paper books, 10 % e-books), cinemas, concert halls
  and museums (events: 0.5 % still to come at the cut-off, 10 % duo), record shops (CDs),
  digital platforms (videos, music streaming: not reimbursed, F10); 1 % free offers;
- used between 1 January and the cut-off (events 0 to 48 h after they start).

Rows are written with their ids, through COPY, with the triggers and foreign key checks
off for the load (session_replication_role = replica); sequences are moved past them.
"""

import math
import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

import psycopg
from schwifty import IBAN
from stdnum import luhn

from pass_culture import clock

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ234567"  # rule B3
YEAR_START = datetime(2026, 1, 1, tzinfo=clock.PARIS).astimezone(UTC)
LARGE_PER_MILLION = 8
BOOKINGS_PER_OFFER = 30
BOOKINGS_PER_YOUNG = 7

# Kind of venue: (venue_type, share of venues, offers as (subcategory, share, price range))
KINDS = {
    "bookshop": (
        "bookshop",
        0.35,
        (("LIVRE_PAPIER", 0.9, (8_00, 25_00)), ("LIVRE_NUMERIQUE", 0.1, (5_00, 15_00))),
    ),
    "cinema": ("cinema", 0.2, (("SEANCE_CINE", 1.0, (5_00, 12_00)),)),
    "concerts": (
        "music_venue",
        0.15,
        (("CONCERT", 0.7, (15_00, 45_00)), ("SPECTACLE_REPRESENTATION", 0.3, (10_00, 35_00))),
    ),
    "records": ("other", 0.15, (("SUPPORT_PHYSIQUE_MUSIQUE_CD", 1.0, (10_00, 20_00)),)),
    "museum": ("museum", 0.1, (("VISITE", 1.0, (3_00, 15_00)),)),
    "digital": (
        "other",
        0.05,
        (("VOD", 0.5, (3_00, 10_00)), ("ABO_PLATEFORME_MUSIQUE", 0.5, (5_00, 15_00))),
    ),
}
EVENTS = {"SEANCE_CINE", "CONCERT", "SPECTACLE_REPRESENTATION", "VISITE"}
DIGITAL = {"LIVRE_NUMERIQUE", "VOD", "ABO_PLATEFORME_MUSIQUE"}
LARGE_KINDS = ("bookshop",) * 4 + ("concerts", "records") * 2


@dataclass(frozen=True)
class Venue:
    id: int
    offerer_id: int
    kind: str
    bookings: int
    siret: str | None
    pricing_point_id: int | None


@dataclass(frozen=True)
class Offer:
    id: int
    venue: Venue
    subcategory_id: str
    price: int
    bookings: int
    beginning_at: datetime | None


@dataclass(frozen=True)
class Loaded:
    """What was loaded, for the benchmark's report."""

    offerers: int
    venues: int
    accounts: int
    payable_accounts: int
    offers: int
    bookings: int
    large_venues: int


def _siren(n: int) -> str:
    body = f"8{n:07d}"
    return body + luhn.calc_check_digit(body)


def _siret(siren: str, nic: int) -> str:
    body = siren + f"{nic:04d}"
    return body + luhn.calc_check_digit(body)


def _code(n: int) -> str:
    digits = []
    for _ in range(6):
        n, digit = divmod(n, len(CODE_ALPHABET))
        digits.append(CODE_ALPHABET[digit])
    return "".join(reversed(digits))


def _venues_per_structure(rng: random.Random) -> int:
    draw = rng.random()
    if draw < 0.55:
        return 1
    if draw < 0.75:
        return 2
    if draw < 0.87:
        return rng.randint(3, 5)
    if draw < 0.97:
        return rng.randint(6, 10)
    return rng.randint(11, 40)


def _large_count(venues: int, bookings: int) -> int:
    return min(venues, max(1, round(LARGE_PER_MILLION * bookings / 1e6)))


def _booking_counts(rng: random.Random, venues: int, bookings: int) -> list[int]:
    """A long tail summing to `bookings`: the large venues first, then log-normal ones."""
    large = [rng.randint(12_000, 20_000) for _ in range(_large_count(venues, bookings))]
    large = [min(n, bookings // (len(large) + 1)) for n in large]
    rest = bookings - sum(large)
    weights = [rng.lognormvariate(0, 1.3) for _ in range(venues - len(large))]
    scale = rest / sum(weights)
    counts = [max(1, int(w * scale)) for w in weights]
    counts[-1] += rest - sum(counts)  # rounding, on an ordinary venue
    assert counts[-1] > 0, "trop de lieux pour si peu de réservations"
    return large + counts


def _kind(rng: random.Random) -> str:
    return rng.choices(list(KINDS), weights=[k[1] for k in KINDS.values()])[0]


class Plan:
    """Every row of the load, drawn once from the seed; bookings are produced on the fly."""

    def __init__(self, bookings: int, venues: int, cutoff: date, seed: int = 2026):
        self.rng = random.Random(seed)
        self.cutoff_at = datetime.combine(cutoff, datetime.min.time(), clock.PARIS).astimezone(UTC)
        self.young_count = max(1, bookings // BOOKINGS_PER_YOUNG)
        self.offerers: list[int] = []
        self.venues: list[Venue] = []
        self.accounts: list[tuple[int, int, str]] = []  # id, offerer, status
        self.links: list[tuple[int, int]] = []  # venue, account
        self.large_venues = _large_count(venues, bookings)
        self._draw_structures(venues, _booking_counts(self.rng, venues, bookings))
        self.offers = list(self._draw_offers())

    def _draw_structures(self, venue_count: int, counts: list[int]) -> None:
        rng, next_count = self.rng, iter(counts)
        large_kinds = iter(LARGE_KINDS * venue_count)
        while len(self.venues) < venue_count:
            offerer_id = len(self.offerers) + 1
            self.offerers.append(offerer_id)
            size = min(_venues_per_structure(rng), venue_count - len(self.venues))
            large = len(self.venues) < self.large_venues  # in the first structures
            digital = not large and size < venue_count - len(self.venues) and rng.random() < 0.02
            mine = []
            for nic in range(1, size + 1 + digital):
                is_digital = nic == size + 1
                if is_digital:
                    kind = "digital"
                elif len(self.venues) < self.large_venues:
                    kind = next(large_kinds)
                else:
                    kind = _kind(rng)
                venue = Venue(
                    id=len(self.venues) + 1,
                    offerer_id=offerer_id,
                    kind=kind,
                    bookings=next(next_count),
                    siret=None if is_digital else _siret(_siren(offerer_id), nic),
                    pricing_point_id=mine[0].id if is_digital else None,
                )
                self.venues.append(venue)
                mine.append(venue)
            self._draw_accounts(offerer_id, mine)

    def _draw_accounts(self, offerer_id: int, venues: list[Venue]) -> None:
        per_account = len(venues) if len(venues) <= 5 else 5
        for start in range(0, len(venues), per_account):
            account_id = len(self.accounts) + 1
            # The large venues' structures are paid: their brackets show in every run.
            draw = 1 if venues[0].id <= self.large_venues else self.rng.random()
            status = (
                "pending"
                if draw < 0.02
                else "draft"
                if draw < 0.035
                else "rejected"
                if draw < 0.045
                else "held"
                if draw < 0.05
                else "accepted"
            )
            self.accounts.append((account_id, offerer_id, status))
            for venue in venues[start : start + per_account]:
                if draw == 1 or self.rng.random() >= 0.01:  # 1 % of venues not linked yet
                    self.links.append((venue.id, account_id))

    def _draw_offers(self) -> Iterator[Offer]:
        rng, offer_id = self.rng, 0
        for venue in self.venues:
            subcategories = KINDS[venue.kind][2]
            count = max(1, math.ceil(venue.bookings / BOOKINGS_PER_OFFER))
            for k in range(count):
                offer_id += 1
                subcategory_id, _, (low, high) = rng.choices(
                    subcategories, weights=[s[1] for s in subcategories]
                )[0]
                price = 0 if rng.random() < 0.01 else rng.randrange(low, high + 1, 10)
                beginning_at = None
                if subcategory_id in EVENTS:
                    if rng.random() < 0.005:  # still to come at the cut-off
                        beginning_at = self.cutoff_at + timedelta(days=rng.uniform(1, 20))
                    else:
                        beginning_at = self._moment(margin=timedelta(days=3))
                bookings = venue.bookings // count + (k < venue.bookings % count)
                yield Offer(offer_id, venue, subcategory_id, price, bookings, beginning_at)

    def _moment(self, margin: timedelta = timedelta()) -> datetime:
        span = (self.cutoff_at - margin - YEAR_START).total_seconds()
        return YEAR_START + timedelta(seconds=self.rng.uniform(0, span))

    # --- Rows, in the columns of COPIES -----------------------------------------------

    def offerer_rows(self) -> Iterator[tuple]:
        dates = (YEAR_START - timedelta(days=400), YEAR_START - timedelta(days=390))
        for offerer_id in self.offerers:
            yield (offerer_id, f"Structure {offerer_id}", _siren(offerer_id), *dates)

    def venue_rows(self) -> Iterator[tuple]:
        address = ("1 rue de la Paix", "75001", "Paris", "75", 48.86, 2.34)
        for v in self.venues:
            place = address if v.siret else (None,) * len(address)
            kind = KINDS[v.kind][0]
            yield (v.id, v.offerer_id, f"Lieu {v.id}", v.siret, not v.siret, kind, *place,
                   v.pricing_point_id)  # fmt: skip

    def account_rows(self) -> Iterator[tuple]:
        accepted = YEAR_START - timedelta(days=200)
        decided = (accepted, accepted - timedelta(days=10))  # status changed, submitted
        for account_id, offerer_id, status in self.accounts:
            iban = IBAN.generate("FR", bank_code="3000600001", account_code=f"{account_id:011d}")
            stored = "accepted" if status == "held" else status
            rejection = "Justificatif illisible." if status == "rejected" else None
            hold = (self.cutoff_at - timedelta(days=5), "Contrôle en cours")
            yield (account_id, offerer_id, f"Compte {account_id}", str(iban), stored, rejection,
                   *(decided if stored != "draft" else (None, None)),
                   *(hold if status == "held" else (None, None)))  # fmt: skip

    def link_rows(self) -> Iterator[tuple]:
        for n, (venue_id, account_id) in enumerate(self.links, start=1):
            yield (n, venue_id, account_id)

    def user_rows(self) -> Iterator[tuple]:
        """One pro per structure (ids as the structures'), then the young users."""
        for offerer_id in self.offerers:
            yield (offerer_id, f"pro-{offerer_id}@example.fr", "pro", "Dominique", "Gérant")
        first = len(self.offerers) + 1
        for user_id in range(first, first + self.young_count):
            yield (user_id, f"jeune-{user_id}@example.fr", "beneficiary", "Camille", "Martin")

    def membership_rows(self) -> Iterator[tuple]:
        for offerer_id in self.offerers:
            yield (offerer_id, offerer_id, offerer_id)

    def offer_rows(self) -> Iterator[tuple]:
        for o in self.offers:
            url = f"https://plateforme.example.fr/{o.id}" if o.subcategory_id in DIGITAL else None
            yield (o.id, o.venue.id, o.subcategory_id, f"Offre {o.id}", url)

    def stock_rows(self) -> Iterator[tuple]:
        for o in self.offers:
            yield (o.id, o.id, o.price, o.bookings, o.beginning_at, o.beginning_at)

    def booking_rows(self) -> Iterator[tuple]:
        rng, booking_id, first_young = self.rng, 0, len(self.offerers) + 1
        for o in self.offers:
            for _ in range(o.bookings):
                booking_id += 1
                duo = o.beginning_at is not None and rng.random() < 0.1
                if o.beginning_at is None:
                    used_at, author = self._moment(), "pro"
                elif o.beginning_at > self.cutoff_at:  # validated at the counter ahead
                    used_at, author = self.cutoff_at - timedelta(hours=rng.uniform(1, 200)), "pro"
                else:  # at the door, or automatically 48 h later (B7)
                    late = rng.random() < 0.5
                    used_at = o.beginning_at + timedelta(hours=48 if late else 0.1)
                    author = "auto" if late else "pro"
                booked_at = min(used_at, o.beginning_at or used_at)
                booked_at -= timedelta(days=rng.uniform(0.1, 10))
                young = first_young + booking_id % self.young_count
                venue = o.venue
                yield (booking_id, _code(booking_id), young, o.id, o.id, venue.id,
                       venue.offerer_id, 1 + duo, o.price * (1 + duo), booked_at, used_at,
                       author)  # fmt: skip


# Each table: its COPY target (the columns the rows give), the rows, and the same
# value for every row in the remaining NOT NULL columns (the models' defaults).
LONG_AGO = YEAR_START - timedelta(days=400)
COPIES = (
    ("offerers", "id, name, siren, created_at, validated_at", "offerer_rows",
     {"validation_status": "validated"}),
    ("venues", "id, offerer_id, name, siret, is_virtual, venue_type, address, postal_code, "
     "city, department_code, latitude, longitude, pricing_point_id", "venue_rows",
     {"created_at": LONG_AGO}),
    ("bank_accounts", "id, offerer_id, label, iban, status, rejection_message, "
     "status_changed_at, submitted_at, payments_held_at, payments_hold_reason", "account_rows",
     {"bic": "AGRIFRPPXXX", "created_at": LONG_AGO}),
    ("venue_bank_account_links", "id, venue_id, bank_account_id", "link_rows",
     {"created_at": LONG_AGO}),
    ("users", "id, email, role, first_name, last_name", "user_rows",
     {"password_hash": "-", "is_active": True, "email_validated_at": LONG_AGO,
      "created_at": LONG_AGO}),
    ("user_offerers", "id, user_id, offerer_id", "membership_rows",
     {"status": "validated", "created_at": LONG_AGO}),
    ("offers", "id, venue_id, subcategory_id, name, url", "offer_rows",
     {"is_duo": False, "is_national": False, "extra_data": "{}", "validation_status": "approved",
      "is_active": True, "fields_edited_by_pro": "[]", "created_at": LONG_AGO,
      "updated_at": LONG_AGO}),
    ("stocks", "id, offer_id, price, booked_quantity, beginning_at, booking_limit_at",
     "stock_rows",
     {"is_soft_deleted": False, "is_active": True, "created_at": LONG_AGO,
      "updated_at": LONG_AGO}),
    ("bookings", "id, code, user_id, stock_id, offer_id, venue_id, offerer_id, quantity, "
     "amount, created_at, used_at, validation_author", "booking_rows", {"status": "used"}),
)  # fmt: skip


def load(url: str, bookings: int, venues: int, cutoff: date) -> Loaded:
    """Draw the plan and COPY it into the (empty, migrated) database at `url`."""
    plan = Plan(bookings, venues, cutoff)
    with psycopg.connect(url) as connection:
        connection.execute("SET session_replication_role = replica")
        for table, columns, rows, constants in COPIES:
            names = ", ".join([columns, *constants])
            with connection.cursor().copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in getattr(plan, rows)():
                    copy.write_row((*row, *constants.values()))
            connection.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f"(SELECT coalesce(max(id), 1) FROM {table}))"
            )
    return Loaded(
        offerers=len(plan.offerers),
        venues=len(plan.venues),
        accounts=len(plan.accounts),
        payable_accounts=sum(status == "accepted" for _, _, status in plan.accounts),
        offers=len(plan.offers),
        bookings=bookings,
        large_venues=plan.large_venues,
    )
