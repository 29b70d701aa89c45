"""The structure's bank details (/pro/coordonnees-bancaires, rule O5): its accounts, the
form of one (new, draft, rejected, or accepted for its label and venues), the proof and
« Soumettre ». Every rule and id check is in services.bank_accounts (O7)."""

import asyncio

import reflex as rx

from pass_culture.models import BankAccountStatus
from services import bank_accounts, documents
from services.bank_accounts import AccountInput
from services.errors import DomainError
from services.formatting import paris_datetime
from state.auth import ProSession
from state.pro.venues import NO_STRUCTURE

MAX_PROOF_BYTES = documents.MAX_BYTES
STATUS_COLORS = {
    BankAccountStatus.DRAFT: "gray",
    BankAccountStatus.PENDING: "amber",
    BankAccountStatus.ACCEPTED: "green",
    BankAccountStatus.REJECTED: "red",
}


class BankDetailsState(ProSession):
    loaded: bool = False
    missing: str = ""
    busy: bool = False
    error: str = ""
    notice: str = ""
    accounts: list[dict[str, str]] = []
    # The form: "" closed, "new", or the id of the account being edited.
    editing: str = ""
    form_key: int = 0  # the uncontrolled fields start again from `values` when it changes
    values: dict[str, str] = {}
    status: str = ""
    proof_filename: str = ""
    venue_choices: list[dict[str, str]] = []  # id, name, where (its account now), checked
    _views: dict[str, bank_accounts.AccountView] = {}
    _venues: list[bank_accounts.VenueChoice] = []

    @rx.var
    def editing_accepted(self) -> bool:
        return self.status == BankAccountStatus.ACCEPTED

    @rx.var
    def can_submit(self) -> bool:
        return self.status in (BankAccountStatus.DRAFT, BankAccountStatus.REJECTED)

    @rx.var
    def proof_href(self) -> str:
        return f"/pro/documents/rib/{self.editing}" if self.editing.isdigit() else ""

    async def _reload(self, user_id: int) -> None:
        details = await asyncio.to_thread(
            bank_accounts.structure_bank_details, user_id, self.offerer_id
        )
        self._views = {str(view.id): view for view in details.accounts}
        self._venues = details.venues
        self.accounts = [
            {
                "id": str(view.id),
                "label": view.label,
                "iban": bank_accounts.masked_iban(view.iban),
                "bic": view.bic,
                "status": bank_accounts.STATUS_LABELS[view.status],
                "color": STATUS_COLORS[view.status],
                "message": view.rejection_message or "",
                "venues": ", ".join(view.venue_names) or "Aucun lieu",
                "proof": view.proof_filename or "",
                "proof_href": f"/pro/documents/rib/{view.id}",
                "submitted": paris_datetime(view.submitted_at) if view.submitted_at else "",
                "can_edit": "1" if view.status != BankAccountStatus.PENDING else "",
            }
            for view in details.accounts
        ]
        self._fill(self._views.get(self.editing))

    def _fill(self, view: bank_accounts.AccountView | None) -> None:
        if self.editing not in ("new", *self._views):
            self.editing = ""
        self.values = {
            "label": view.label if view else "",
            "iban": bank_accounts.grouped_iban(view.iban) if view else "",
            "bic": view.bic if view else "",
        }
        self.status = view.status if view else ""
        self.proof_filename = (view.proof_filename or "") if view else ""
        mine = set(view.venue_ids) if view else set()
        labels = {int(key): v.label for key, v in self._views.items()}
        self.venue_choices = [
            {
                "id": str(venue.id),
                "name": venue.name,
                "where": (
                    ""
                    if venue.account_id is None or venue.id in mine
                    else f"aujourd’hui sur « {labels.get(venue.account_id, '')} »"
                ),
                "checked": "1" if venue.id in mine else "",
            }
            for venue in self._venues
        ]
        self.form_key += 1

    @rx.event
    async def load(self):
        self.loaded = self.busy = False
        self.missing = self.error = self.notice = self.editing = ""
        user = await self._signed_in_user()
        if not self.offerer_id:
            self.missing = NO_STRUCTURE
        else:
            try:
                await self._reload(user.id)
            except DomainError as refusal:
                self.missing = refusal.message
        self.loaded = True

    @rx.event
    def edit(self, account_id: str):
        """ "new", or an account this page shows (its data is the server's)."""
        account_id = str(account_id)
        if account_id != "new" and account_id not in self._views:
            return
        self.editing, self.error, self.notice = account_id, "", ""
        self._fill(self._views.get(account_id))

    @rx.event
    def close(self):
        self.editing = self.error = ""

    @rx.event
    async def save(self, form_data: dict):
        if self.busy or not self.editing:
            return
        self.busy = True
        self.error = self.notice = ""
        yield
        try:
            user = await self._signed_in_user()
            data = AccountInput(
                str(form_data.get("label", "")),
                str(form_data.get("iban", "")),
                str(form_data.get("bic", "")),
            )
            venue_ids = [v["id"] for v in self.venue_choices if form_data.get(f"venue_{v['id']}")]
            account_id = None if self.editing == "new" else int(self.editing)
            account = await asyncio.to_thread(
                bank_accounts.save_draft, user.id, self.offerer_id, account_id, data
            )
            self.editing = str(account.id)
            await asyncio.to_thread(
                bank_accounts.set_venues, user.id, account.id, [int(i) for i in venue_ids]
            )
            self.notice = "Les coordonnées bancaires sont enregistrées."
        except DomainError as refusal:
            # The fields keep what was typed; a draft just created is shown all the same.
            self.error = refusal.message
            if self.editing in ("new", *self._views):
                return
        finally:
            self.busy = False
        await self._reload(user.id)

    @rx.event
    async def upload_proof(self, files: list[rx.UploadFile]):
        if not self.editing.isdigit() or not files:
            return
        self.error = self.notice = ""
        upload = files[0]
        if upload.size is not None and upload.size > documents.MAX_BYTES:
            self.error = documents.too_large().message
            return
        self.busy = True
        yield
        try:
            data = await asyncio.to_thread(upload.file.read, documents.MAX_BYTES + 1)
            user = await self._signed_in_user()
            await asyncio.to_thread(
                bank_accounts.upload_proof, user.id, int(self.editing), upload.filename, data
            )
            self.notice = "Le justificatif est enregistré."
            await self._reload(user.id)
        except DomainError as refusal:
            self.error = refusal.message
        finally:
            self.busy = False

    @rx.event
    def proof_rejected(self, codes: list[str]):
        """The browser's own refusal (react-dropzone), before anything is sent."""
        self.notice = ""
        if "file-too-large" in (codes or []):
            self.error = documents.too_large().message
        else:
            self.error = "Ce fichier n’est pas accepté : choisissez un PDF, un JPEG ou un PNG."

    @rx.event
    async def submit(self):
        if self.busy or not self.editing.isdigit():
            return
        self.busy = True
        self.error = self.notice = ""
        yield
        try:
            user = await self._signed_in_user()
            await asyncio.to_thread(bank_accounts.submit, user.id, int(self.editing))
            self.notice = (
                "Coordonnées bancaires soumises : l’équipe pass Culture les vérifie "
                "et vous répond par email."
            )
            self.editing = ""
            await self._reload(user.id)
        except DomainError as refusal:
            self.error = refusal.message
        finally:
            self.busy = False
