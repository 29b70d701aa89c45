"""The offers list (/pro/offres): filters with their counts, the actions on an offer
(activate, duplicate, highlight) and its stocks (rules F8, F9, F11, B10).

Every rule lives in services (pro_offers, offers, highlights); each call runs off the
event loop, and every id the browser sends is re-checked there (rule O7)."""

import asyncio
from zoneinfo import ZoneInfo

import reflex as rx

from services import highlights, offers, pro_offers
from services.errors import DomainError
from services.formatting import paris_datetime, price
from services.identifiers import parse_id
from services.pro_offers import (
    STATUS_LABELS,
    OfferFilters,
    OfferStocks,
    ProOfferRow,
    ProOfferStatus,
)
from services.stock_form import local_value, parse_stock_form
from state.auth import ProSession

PAGE_SIZE = 20
# Statuses that an approved offer shows: the pro may switch it on and off (rule F9).
_SWITCHABLE = {
    ProOfferStatus.PUBLISHED,
    ProOfferStatus.INACTIVE,
    ProOfferStatus.SOLD_OUT,
    ProOfferStatus.EXPIRED,
}


def _id(raw) -> int:
    """An id from the browser; anything else reads as an id nothing has (rule O7)."""
    return parse_id(raw) or 0


def _places(count: int) -> str:
    return f"{count} place" + ("s" if count > 1 else "")


def _stocks_label(row: ProOfferRow) -> str:
    summary = row.stocks
    if summary.count == 0:
        return "Aucun stock"
    if row.is_event:
        what = f"{summary.count} date" + ("s" if summary.count > 1 else "")
    else:
        what = f"{summary.count} stock" + ("s" if summary.count > 1 else "")
    if summary.remaining is None:
        left = "illimité"
    else:
        left = f"{_places(summary.remaining)} restante" + ("s" if summary.remaining > 1 else "")
    return f"{what} · {left}"


def _row(row: ProOfferRow) -> dict[str, str]:
    return {
        "id": str(row.id),
        "name": row.name,
        "href": f"/pro/offres/{row.id}/edition",
        "details": " · ".join(p for p in (row.subcategory_label, row.ean) if p),
        "venue": row.venue_name,
        "image_url": row.image_url,
        "status": row.status.value,
        "status_label": row.status_label,
        "stocks_label": _stocks_label(row),
        "next_date": f"Prochaine date : {paris_datetime(row.stocks.next_date)}"
        if row.stocks.next_date
        else "",
        "switchable": "yes" if row.status in _SWITCHABLE else "",
        "inactive": "yes" if row.status == ProOfferStatus.INACTIVE else "",
        "highlighted": "yes" if row.highlighted else "",
    }


def _stock_rows(listed: OfferStocks) -> list[dict[str, str]]:
    zone = listed.timezone
    return [
        {
            "id": str(stock.id),
            "price": f"{stock.price / 100:.2f}".replace(".", ","),
            "price_label": stock.price_label,
            "quantity": "" if stock.quantity is None else str(stock.quantity),
            "booked": _places(stock.booked_quantity),
            "beginning_at": local_value(stock.beginning_at, zone),
            "booking_limit_at": local_value(stock.booking_limit_at, zone),
            "unused_bookings": str(stock.unused_bookings),
            "title": (
                stock.beginning_at.astimezone(zone).strftime("%d/%m/%Y à %Hh%M")
                if stock.beginning_at
                else " · ".join(p for p in (stock.price_label, price(stock.price)) if p)
            ),
        }
        for stock in listed.stocks
    ]


def _cancelled_bookings(count: int) -> str:
    if count == 0:
        return "Ce stock n'a aucune réservation en cours."
    if count == 1:
        return (
            "1 réservation en cours sera annulée : le bénéficiaire sera prévenu par email "
            "et recrédité."
        )
    return (
        f"{count} réservations en cours seront annulées : les bénéficiaires seront prévenus "
        "par email et recrédités."
    )


class OffersState(ProSession):
    loaded: bool = False
    busy: bool = False
    error: str = ""
    notice: str = ""
    # Filters
    status: str = ""
    category: str = ""
    text: str = ""
    page: int = 1
    # The page of offers
    rows: list[dict[str, str]] = []
    status_counts: list[dict[str, str]] = []
    total: int = 0
    total_label: str = ""
    page_count: int = 1
    # The stocks dialog of one offer
    stocks_open: bool = False
    stocks_offer_id: str = ""
    stocks_offer_name: str = ""
    stocks_is_event: bool = False
    stocks: list[dict[str, str]] = []
    stocks_error: str = ""
    stocks_notice: str = ""
    # The confirmation of a stock's deletion (rule B10)
    delete_open: bool = False
    delete_stock_id: str = ""
    delete_title: str = ""
    delete_message: str = ""
    delete_bookings: int = 0
    _zone: str = "Europe/Paris"

    async def _user_id(self) -> int:
        return (await self._signed_in_user()).id

    def _filters(self) -> OfferFilters:
        return OfferFilters.parse(
            # The structure and venue in use, chosen in the portal's frame.
            offerer=str(self.offerer_id or ""),
            venue=str(self.venue_id or ""),
            status=self.status,
            category=self.category,
            text=self.text,
        )

    async def _refresh(self) -> None:
        """Reads the page of offers the filters ask for; a refusal shows its message."""
        user_id = await self._user_id()
        try:
            page = await asyncio.to_thread(
                pro_offers.list_offers,
                user_id,
                self._filters(),
                page=self.page,
                page_size=PAGE_SIZE,
            )
        except DomainError as refusal:
            self.error = refusal.message
            self.rows, self.total, self.total_label = [], 0, ""
            return
        if page.rows == [] and page.total and self.page > page.page_count:
            self.page = page.page_count
            await self._refresh()
            return
        self.rows = [_row(row) for row in page.rows]
        self.total = page.total
        self.total_label = f"{page.total} offre" + ("s" if page.total > 1 else "")
        self.page_count = page.page_count
        self.status_counts = [{"key": "", "text": f"Toutes ({sum(page.counts.values())})"}] + [
            {"key": status.value, "text": f"{label} ({page.counts[status]})"}
            for status, label in STATUS_LABELS.items()
        ]

    @rx.event
    async def load(self):
        # The filter fields start empty on every visit: so do the filters.
        self.category = self.text = self.status = ""
        self.page = 1
        self.error = self.notice = ""
        self.stocks_open = self.delete_open = False
        await self._refresh()
        self.loaded = True

    @rx.event
    async def apply_filters(self, form_data: dict):
        self.category = str(form_data.get("category", ""))
        self.text = str(form_data.get("text", ""))
        self.page = 1
        self.error = self.notice = ""
        await self._refresh()

    @rx.event
    async def reset_filters(self):
        self.category = self.text = self.status = ""
        self.page = 1
        self.error = self.notice = ""
        await self._refresh()

    @rx.event
    async def choose_status(self, status: str):
        self.status = str(status)
        self.page = 1
        self.error = self.notice = ""
        await self._refresh()

    @rx.event
    async def go_to_page(self, page: int):
        self.page = min(_id(page) or 1, self.page_count)
        await self._refresh()

    async def _act(self, call, *args, done: str) -> None:
        """One action on an offer, then the list as it is now."""
        if self.busy:
            return
        self.busy = True
        self.error = self.notice = ""
        try:
            user_id = await self._user_id()
            try:
                await asyncio.to_thread(call, user_id, *args)
                error, notice = "", done
            except DomainError as refusal:
                error, notice = refusal.message, ""
            await self._refresh()
            self.error, self.notice = error or self.error, notice
        finally:
            self.busy = False

    def _name_of(self, offer_id: str) -> str:
        return next((row["name"] for row in self.rows if row["id"] == offer_id), "")

    @rx.event
    async def set_active(self, offer_id: str, active: bool):
        name = self._name_of(str(offer_id))
        done = f"« {name} » est {'publiée' if active else 'désactivée'}."
        if not active:
            done += " Les réservations déjà faites restent valables."
        await self._act(offers.set_offer_active, _id(offer_id), bool(active), done=done)

    @rx.event
    async def duplicate(self, offer_id: str):
        name = self._name_of(str(offer_id))
        await self._act(
            pro_offers.duplicate_offer,
            _id(offer_id),
            done=f"Une copie de « {name} » a été créée en brouillon.",
        )

    @rx.event
    async def set_highlighted(self, offer_id: str, highlighted: bool):
        name = self._name_of(str(offer_id))
        done = (
            f"« {name} » est mise en avant dans le carrousel du lieu."
            if highlighted
            else f"« {name} » n'est plus mise en avant."
        )
        await self._act(highlights.set_highlighted, _id(offer_id), bool(highlighted), done=done)

    # --- Stocks --------------------------------------------------------------------

    async def _load_stocks(self, offer_id: int) -> None:
        user_id = await self._user_id()
        listed = await asyncio.to_thread(pro_offers.list_stocks, user_id, offer_id)
        self.stocks_offer_id = str(listed.offer_id)
        self.stocks_offer_name = listed.offer_name
        self.stocks_is_event = listed.is_event
        self.stocks = _stock_rows(listed)
        self._zone = listed.timezone.key

    @rx.event
    async def open_stocks(self, offer_id: str):
        self.error = self.notice = self.stocks_error = self.stocks_notice = ""
        try:
            await self._load_stocks(_id(offer_id))
        except DomainError as refusal:
            self.error = refusal.message
            return
        self.stocks_open = True

    @rx.event
    async def set_stocks_open(self, is_open: bool):
        self.stocks_open = bool(is_open)
        if not self.stocks_open:
            self.delete_open = False
            await self._refresh()

    @rx.event
    async def save_stock(self, form_data: dict):
        if self.busy:
            return
        self.busy = True
        self.stocks_error = self.stocks_notice = ""
        try:
            user_id = await self._user_id()
            try:
                data = parse_stock_form(form_data, ZoneInfo(self._zone))
                await asyncio.to_thread(
                    offers.update_stock, user_id, _id(form_data.get("stock_id")), data
                )
                await self._load_stocks(_id(self.stocks_offer_id))
                self.stocks_notice = "Stock enregistré."
            except DomainError as refusal:
                self.stocks_error = refusal.message
        finally:
            self.busy = False

    @rx.event
    def ask_delete(self, stock_id: str):
        stock = next((s for s in self.stocks if s["id"] == str(stock_id)), None)
        if stock is None:
            return
        self.delete_stock_id = stock["id"]
        self.delete_bookings = int(stock["unused_bookings"])
        self.delete_title = stock["title"]
        self.delete_message = _cancelled_bookings(self.delete_bookings)
        self.stocks_error = self.stocks_notice = ""
        self.delete_open = True

    @rx.event
    def set_delete_open(self, is_open: bool):
        self.delete_open = bool(is_open) and self.delete_stock_id != ""

    @rx.event
    async def confirm_delete(self):
        """Rule B10: the bookings counted in the dialog are cancelled with the stock; one
        made since the dialog opened stops the deletion, and the dialog counts again."""
        if self.busy or not self.delete_stock_id:
            return
        self.busy = True
        try:
            user_id = await self._user_id()
            try:
                await asyncio.to_thread(
                    offers.delete_stock,
                    user_id,
                    _id(self.delete_stock_id),
                    cancel_bookings=self.delete_bookings > 0,
                )
                self.stocks_notice = "Stock supprimé." + (
                    " Les réservations sont annulées et les bénéficiaires prévenus."
                    if self.delete_bookings
                    else ""
                )
                self.delete_open = False
                self.delete_stock_id = ""
            except DomainError as refusal:
                self.stocks_error = refusal.message
                self.delete_open = False
            await self._load_stocks(_id(self.stocks_offer_id))
        finally:
            self.busy = False
