"""One structure (/admin/structures/<id>): its details, members, venues and history, and a
comment an admin adds to it. The id in the address is checked by the services."""

import asyncio
from dataclasses import dataclass, field

import reflex as rx

from services import offerer_history, offerer_validation
from services.errors import DomainError, NotFound
from services.formatting import paris_datetime
from services.identifiers import parse_id
from state.auth import AdminSession


@dataclass
class MemberLine:
    name: str = ""
    email: str = ""
    status: str = ""


@dataclass
class VenueLine:
    name: str = ""
    siret: str = ""
    city: str = ""


@dataclass
class HistoryLine:
    at: str = ""
    admin_name: str = ""
    action: str = ""
    change: str = ""  # "Nouvelle → Validée", "" for a comment alone
    reason: str = ""
    comment: str = ""


@dataclass
class Shown:
    id: int = 0
    name: str = ""
    siren: str = ""
    address: str = ""
    status: str = ""
    rejection_reason: str = ""
    phone: str = ""
    created_at: str = ""
    validated_at: str = ""
    members: list[MemberLine] = field(default_factory=list)
    venues: list[VenueLine] = field(default_factory=list)
    history: list[HistoryLine] = field(default_factory=list)


MEMBERSHIP_LABELS = {"validated": "Membre", "pending": "Rattachement demandé", "rejected": "Refusé"}


def _shown(found: offerer_history.StructureDetails) -> Shown:
    place = " ".join(part for part in (found.postal_code, found.city) if part)
    return Shown(
        id=found.id,
        name=found.name,
        siren=found.siren,
        address=", ".join(part for part in (found.address, place) if part),
        status=found.status_label,
        rejection_reason=found.rejection_reason,
        phone=found.phone,
        created_at=paris_datetime(found.created_at),
        validated_at=paris_datetime(found.validated_at) if found.validated_at else "",
        members=[
            MemberLine(m.name, m.email, MEMBERSHIP_LABELS.get(m.status, m.status))
            for m in found.members
        ],
        venues=[VenueLine(v.name, v.siret or "Lieu numérique", v.city) for v in found.venues],
        history=[
            HistoryLine(
                at=paris_datetime(item.at),
                admin_name=item.admin_name,
                action=item.action,
                change=f"{item.before} → {item.after}" if item.after else "",
                reason=item.reason,
                comment=item.comment,
            )
            for item in found.history
        ],
    )


class StructureState(AdminSession):
    loaded: bool = False
    missing: str = ""
    structure: Shown = Shown()
    comment_error: str = ""
    notice: str = ""
    busy: bool = False

    async def _fetch(self) -> None:
        user = await self._signed_in_user()
        try:
            found = await asyncio.to_thread(offerer_history.details, user.id, self._offerer_id())
        except NotFound as missing:
            self.missing = missing.message
        else:
            self.structure, self.missing = _shown(found), ""
        self.loaded = True

    def _offerer_id(self) -> int:
        return parse_id(self.router.page.params.get("id")) or 0

    @rx.event
    async def load(self):
        self.loaded, self.missing, self.notice, self.comment_error = False, "", "", ""
        await self._fetch()

    @rx.event
    async def add_comment(self, form_data: dict):
        if self.busy:
            return
        self.busy = True
        try:
            user = await self._signed_in_user()
            try:
                await asyncio.to_thread(
                    offerer_validation.add_comment,
                    user.id,
                    self._offerer_id(),
                    str(form_data.get("comment", "")),
                )
            except DomainError as refusal:
                self.comment_error, self.notice = refusal.message, ""
                return
            self.comment_error, self.notice = "", "Commentaire ajouté à l’historique."
            await self._fetch()
            return rx.set_value("comment", "")
        finally:
            self.busy = False
