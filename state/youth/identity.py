"""The identity check by document (/verification-identite): where the young user stands,
and the document sent through rx.upload. The file goes straight to services.identity_checks
(checked by content there); nothing of it is kept in the state."""

import asyncio

import reflex as rx

from services import documents, identity_checks
from services.errors import DomainError
from services.formatting import euros, long_date
from services.identity_checks import Journey, Step
from state.auth import YouthSession


def credit_line(journey: Journey) -> str:
    return (
        f"Crédit activé : {euros(journey.credit_amount)}, valable jusqu'au "
        f"{long_date(journey.credit_until)}."
    )


class IdentityState(YouthSession):
    loaded: bool = False
    step: str = ""  # a services.identity_checks.Step, "" for a pro previewing the app
    message: str = ""  # not eligible: why; rejected: the admin's reason
    credit: str = ""
    pending_check_id: int = 0
    error: str = ""
    busy: bool = False

    def _show_journey(self, journey: Journey | None) -> None:
        self.step = journey.step if journey else ""
        self.message = journey.message if journey else ""
        self.credit = credit_line(journey) if journey and journey.step == Step.CREDITED else ""
        self.pending_check_id = journey.pending_check_id if journey else 0

    @rx.event
    async def load(self):
        user = await self._signed_in_user()
        self.error = ""
        self._show_journey(await asyncio.to_thread(identity_checks.journey, user.id))
        self.loaded = True

    @rx.event
    async def upload(self, files: list[rx.UploadFile]):
        # react-dropzone also sends an empty list when it refuses the file itself.
        if not files or self.busy:
            return
        self.error = ""
        upload = files[0]
        if upload.size is not None and upload.size > documents.MAX_BYTES:
            self.error = identity_checks.too_large().message
            return
        self.busy = True
        yield
        try:
            user = await self._signed_in_user()
            data = await asyncio.to_thread(upload.file.read, documents.MAX_BYTES + 1)
            await asyncio.to_thread(
                identity_checks.submit_document, user.id, data, upload.filename or ""
            )
            self._show_journey(await asyncio.to_thread(identity_checks.journey, user.id))
        except DomainError as refusal:
            self.error = refusal.message
        finally:
            self.busy = False

    @rx.event
    def refused_by_the_browser(self, codes: list[str]):
        """react-dropzone's own refusal (its codes), before anything is sent."""
        if "file-too-large" in (codes or []):
            self.error = identity_checks.too_large().message
        else:
            self.error = "Ce fichier n'est pas accepté : choisis un document PDF, JPEG ou PNG."
