"""The offer form (/pro/offres/nouvelle, /pro/offres/<id>/edition), in five steps: type
and venue, details (the draft is saved here), hook image, stocks or timetable, preview
and publication. Rules live in services.offer_editor, offer_images and offers; every
call runs off the event loop and re-checks the offer against the signed-in pro (O7)."""

import asyncio

import reflex as rx

from services import offer_editor, offer_images, offers
from services.errors import DomainError
from services.identifiers import parse_id
from services.offer_editor import OfferForm, TimetableForm
from services.subcategories import CATEGORIES, SUBCATEGORIES, Channel, subcategories_of
from state.auth import ProSession
from state.youth.cards import price_text, short_date

# The catalogue (F1) for the type picker: (category, [(subcategory id, label)]).
SUBCATEGORY_GROUPS = [
    (label, [(s.id, s.label) for s in subcategories_of(category)])
    for category, label in CATEGORIES.items()
]
LANGUAGES = list(offer_editor.LANGUAGES.items())
SCREENING_FORMATS = offer_editor.SCREENING_FORMATS
MAX_IMAGE_BYTES = offer_images.MAX_UPLOAD_BYTES
WEEKDAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
STEPS = ("Type d’offre", "Informations", "Image", "Dates et stocks", "Aperçu")
FROZEN_SUBCATEGORY = (
    "Le type d’offre ne peut plus être modifié : l’offre a été validée. "
    "Pour proposer un autre type, créez une nouvelle offre."
)
NO_VENUE = "Aucun lieu n’est rattaché à votre structure : ajoutez un lieu avant de créer une offre."
# Text fields of step 2, as named in the form and in OfferForm.
TEXT_FIELDS = (
    "name",
    "description",
    "url",
    "withdrawal_details",
    "ean",
    "author",
    "clil",
    "film",
    "duration",
    "language",
    "screening_format",
    "performer",
)


def _checked(form_data: dict, name: str) -> bool:
    return form_data.get(name) in ("on", "true", True)


class OfferFormState(ProSession):
    loaded: bool = False
    missing: str = ""  # the edit page's only content when the offer cannot be shown
    step: int = 1
    busy: bool = False
    error: str = ""
    notice: str = ""

    offer_id: str = ""
    status: str = ""
    venues: list[dict[str, str]] = []
    venue_id: str = ""
    subcategory_id: str = ""
    subcategory_frozen: bool = False
    published: bool = False

    # Step 2, as last typed or saved.
    name: str = ""
    description: str = ""
    url: str = ""
    withdrawal_details: str = ""
    ean: str = ""
    author: str = ""
    clil: str = ""
    film: str = ""
    duration: str = ""
    language: str = ""
    screening_format: str = offer_editor.CLASSIC
    performer: str = ""
    is_duo: bool = False
    is_national: bool = False

    image_url: str = ""
    stocks: list[dict[str, str]] = []

    # The preview (E4), named as the youth offer page's state names them.
    category_label: str = ""
    subcategory_label: str = ""
    venue_name: str = ""
    address: str = ""
    map_url: str = ""
    distance: str = ""
    accessibility: list[dict[str, str]] = []
    preview_stocks: list[dict[str, str]] = []
    preview_card: dict = {}

    @rx.var
    def detail_fields(self) -> list[str]:
        subcategory = SUBCATEGORIES.get(self.subcategory_id)
        return list(offer_editor.detail_fields(subcategory)) if subcategory else []

    @rx.var
    def is_event(self) -> bool:
        subcategory = SUBCATEGORIES.get(self.subcategory_id)
        return bool(subcategory and subcategory.is_event)

    @rx.var
    def is_online(self) -> bool:
        subcategory = SUBCATEGORIES.get(self.subcategory_id)
        return bool(subcategory and subcategory.channel == Channel.ONLINE)

    @rx.var
    def can_be_duo(self) -> bool:
        subcategory = SUBCATEGORIES.get(self.subcategory_id)
        return bool(subcategory and subcategory.can_be_duo)

    @rx.var
    def subcategory_name(self) -> str:
        subcategory = SUBCATEGORIES.get(self.subcategory_id)
        return f"{subcategory.category_label} — {subcategory.label}" if subcategory else ""

    @rx.var
    def chosen_venue(self) -> str:
        return next((v["name"] for v in self.venues if v["id"] == self.venue_id), "")

    # --- Loading -----------------------------------------------------------------------

    def _reset_form(self) -> None:
        for name in TEXT_FIELDS:
            setattr(self, name, "")
        self.screening_format = offer_editor.CLASSIC
        self.is_duo = self.is_national = self.subcategory_frozen = self.published = False
        self.offer_id = self.status = self.venue_id = self.subcategory_id = ""
        self.image_url = self.venue_name = self.error = self.notice = self.missing = ""
        self.stocks = []
        self.step = 1

    def _show_draft(self, draft: offer_editor.Draft) -> None:
        self.offer_id = str(draft.id)
        self.status = draft.status
        self.venue_name = draft.venue_name
        self.subcategory_frozen = draft.subcategory_frozen
        self.published = draft.is_published
        self.image_url = draft.image_url
        self.subcategory_id = draft.form.subcategory_id
        for name in TEXT_FIELDS:
            setattr(self, name, getattr(draft.form, name))
        self.is_duo, self.is_national = draft.form.is_duo, draft.form.is_national
        self.stocks = [
            {
                "id": str(s.id),
                "when": s.when,
                "price": s.price,
                "quantity": s.quantity,
                "booking_limit": s.booking_limit,
            }
            for s in draft.stocks
        ]

    async def _reload(self, user_id: int) -> None:
        self._show_draft(await asyncio.to_thread(offer_editor.load_draft, user_id, self.offer_id))

    @rx.event
    async def load_new(self):
        self.loaded = False
        self._reset_form()
        user = await self._signed_in_user()
        venues = await asyncio.to_thread(offer_editor.venues_of, user.id)
        self.venues = [{"id": str(v.id), "name": v.name} for v in venues]
        if len(venues) == 1:
            self.venue_id = str(venues[0].id)
        self.loaded = True

    @rx.event
    async def load_existing(self):
        self.loaded = False
        self._reset_form()
        self.venues = []
        user = await self._signed_in_user()
        try:
            draft = await asyncio.to_thread(
                offer_editor.load_draft, user.id, self.router.page.params.get("offer_id", "")
            )
        except DomainError as refusal:
            self.missing = refusal.message
        else:
            self._show_draft(draft)
            self.step = 2
        self.loaded = True

    # --- Steps ----------------------------------------------------------------------------

    @rx.event
    def go_to(self, step: int):
        """Steps 3–5 hang on the draft: reachable once it is saved."""
        step = parse_id(step) or 1
        if 1 <= step <= len(STEPS) and (step <= 2 or self.offer_id):
            self.error = self.notice = ""
            if step == len(STEPS):
                return OfferFormState.show_preview
            self.step = step
        return None

    @rx.event
    def choose_type(self, form_data: dict):
        """Step 1: the subcategory (frozen once validated, F1) and, for a new offer, the
        venue; checked again by the services when the draft is saved."""
        self.error = self.notice = ""
        subcategory_id = str(form_data.get("subcategory_id") or self.subcategory_id)
        if self.subcategory_frozen:
            subcategory_id = self.subcategory_id
        if subcategory_id not in SUBCATEGORIES:
            self.error = "Choisissez le type d’offre."
            return
        if not self.offer_id:
            venue_id = str(form_data.get("venue_id") or "")
            if venue_id not in {v["id"] for v in self.venues}:
                self.error = "Choisissez le lieu de l’offre."
                return
            self.venue_id = venue_id
        self.subcategory_id = subcategory_id
        if not self.can_be_duo:
            self.is_duo = False
        self.step = 2

    @rx.event
    async def save_details(self, form_data: dict):
        """Step 2: the draft is created (or updated) here, all its fields at once."""
        if self.busy:
            return
        self.error = self.notice = ""
        for name in TEXT_FIELDS:
            setattr(self, name, str(form_data.get(name, getattr(self, name)) or ""))
        self.is_duo = _checked(form_data, "is_duo")
        self.is_national = _checked(form_data, "is_national")
        form = OfferForm(
            subcategory_id=self.subcategory_id,
            is_duo=self.is_duo,
            is_national=self.is_national,
            **{name: getattr(self, name) for name in TEXT_FIELDS},
        )
        self.busy = True
        yield
        try:
            user = await self._signed_in_user()
            offer = await asyncio.to_thread(
                offer_editor.save_draft,
                user.id,
                form,
                venue_id=parse_id(self.venue_id),
                offer_id=parse_id(self.offer_id),
            )
            self.offer_id = str(offer.id)
            await self._reload(user.id)
            self.notice = "Brouillon enregistré." if not self.published else "Offre enregistrée."
            self.step = 3
        except DomainError as refusal:
            self.error = refusal.message
        finally:
            self.busy = False

    @rx.event
    async def upload_image(self, files: list[rx.UploadFile]):
        """Step 3: the file is checked by its content in services.offer_images."""
        # react-dropzone also sends an empty list when it refuses the file itself.
        if not self.offer_id or not files:
            return
        self.error = self.notice = ""
        upload = files[0]
        if upload.size is not None and upload.size > offer_images.MAX_UPLOAD_BYTES:
            self.error = offer_images.too_large().message
            return
        self.busy = True
        yield
        try:
            data = await asyncio.to_thread(upload.file.read, offer_images.MAX_UPLOAD_BYTES + 1)
            user = await self._signed_in_user()
            self.image_url = await asyncio.to_thread(
                offer_images.save_offer_image, user.id, int(self.offer_id), data
            )
            self.notice = "Image enregistrée."
        except DomainError as refusal:
            self.error = refusal.message
        finally:
            self.busy = False

    @rx.event
    def image_rejected(self, codes: list[str]):
        """The browser's own refusal (react-dropzone's codes), before anything is sent."""
        self.notice = ""
        if "file-too-large" in (codes or []):
            self.error = offer_images.too_large().message
        else:
            self.error = "Ce fichier n’est pas accepté : choisissez une image JPEG, PNG ou WebP."

    @rx.event
    async def remove_image(self):
        if not self.offer_id:
            return
        user = await self._signed_in_user()
        try:
            await asyncio.to_thread(offer_images.remove_offer_image, user.id, int(self.offer_id))
        except DomainError as refusal:
            self.error = refusal.message
            return
        self.image_url = ""
        self.notice = "Image retirée."

    async def _add_stocks(self, call, *args):
        if self.busy or not self.offer_id:
            return
        self.error = self.notice = ""
        self.busy = True
        yield
        try:
            user = await self._signed_in_user()
            added = await asyncio.to_thread(call, user.id, int(self.offer_id), *args)
            await self._reload(user.id)
            count = len(added) if isinstance(added, list) else 1
            self.notice = "1 date ajoutée." if count == 1 else f"{count} dates ajoutées."
            if not self.is_event:
                self.notice = "Stock ajouté."
        except DomainError as refusal:
            self.error = refusal.message
        finally:
            self.busy = False

    @rx.event
    async def add_timetable(self, form_data: dict):
        """Step 4 for events: every date of the timetable, or none (F2, F7, F8)."""
        form = TimetableForm(
            first_day=str(form_data.get("first_day", "")),
            last_day=str(form_data.get("last_day", "")),
            times=str(form_data.get("times", "")),
            price=str(form_data.get("price", "")),
            quantity=str(form_data.get("quantity", "")),
            weekdays=tuple(day for day in range(7) if _checked(form_data, f"weekday_{day}")),
            limit_hours=str(form_data.get("limit_hours", "")),
        )
        async for update in self._add_stocks(offer_editor.add_timetable, form):
            yield update

    @rx.event
    async def add_thing_stock(self, form_data: dict):
        """Step 4 for things: a price and a quantity (F7, F8)."""
        async for update in self._add_stocks(
            offer_editor.add_thing_stock,
            str(form_data.get("price", "")),
            str(form_data.get("quantity", "")),
        ):
            yield update

    # --- Preview and publication ----------------------------------------------------

    def _show_preview(self, shown: offer_editor.Preview) -> None:
        details = shown.details
        self.category_label = details.category_label
        self.subcategory_label = details.subcategory_label
        self.venue_name = details.venue_name
        self.address = details.address
        self.map_url = details.map_url
        self.distance = details.distance
        self.accessibility = [
            {"label": a.label, "status": "Accessible" if a.compliant else "Non accessible"}
            for a in details.accessibility
        ]
        self.preview_stocks = [{"when": s.when, "label": s.label} for s in details.stocks]
        self.preview_card = {
            "offer_id": details.id,
            "href": "#apercu-offre",
            "name": details.name,
            "venue": details.venue_name,
            "where": "En ligne" if self.is_online else "",
            "date": short_date(shown.first_start),
            "price": price_text(
                details.min_price, several=len({s.price for s in details.stocks}) > 1
            ),
            "is_duo": details.duo_allowed,
            "image_url": details.image_url,
            "category_id": SUBCATEGORIES[self.subcategory_id].category,
            "category_label": details.category_label,
            "favorite": False,
            "available": bool(details.stocks),
            "reason": "",
        }

    @rx.event
    async def show_preview(self):
        if not self.offer_id:
            return
        self.error = self.notice = ""
        user = await self._signed_in_user()
        try:
            shown = await asyncio.to_thread(offer_editor.preview, user.id, int(self.offer_id))
        except DomainError as refusal:
            self.error = refusal.message
            return
        self._show_preview(shown)
        self.step = 5

    @rx.event
    async def publish(self):
        if self.busy or not self.offer_id:
            return
        self.error = self.notice = ""
        self.busy = True
        yield
        try:
            user = await self._signed_in_user()
            await asyncio.to_thread(offers.publish_offer, user.id, int(self.offer_id))
            await self._reload(user.id)
            self.notice = "Votre offre est publiée."
        except DomainError as refusal:
            self.error = refusal.message
        finally:
            self.busy = False
