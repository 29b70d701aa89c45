"""The back office's one search box (/admin/recherche): users by name or email,
structures by name, SIREN or postal code, venues by name, SIRET or postal code.

Every word typed must match (in any of the fields of its kind); a number matches the
start of a SIREN, a SIRET or a postal code, typed with or without spaces."""

import math
from dataclasses import dataclass

from sqlalchemy import false, func, or_
from sqlmodel import Session, select

from pass_culture import db
from pass_culture.models import Offerer, Role, User, UserOfferer, Venue
from services import audit
from services.errors import DomainError
from services.offerer_statuses import status_label
from services.text_match import contains, number_or_words

PAGE_SIZE = 10
MIN_LENGTH = 2
ROLE_LABELS = {Role.BENEFICIARY: "Jeune", Role.PRO: "Professionnel", Role.ADMIN: "Administrateur"}


@dataclass(frozen=True)
class Hit:
    """One result: what it is called, a line about it, and its back-office page."""

    id: int
    title: str
    subtitle: str
    href: str  # "" when it has no page


@dataclass(frozen=True)
class Group:
    hits: list[Hit]
    total: int


@dataclass(frozen=True)
class Results:
    users: Group
    structures: Group
    venues: Group
    page: int
    pages: int  # of the longest group; every group shows its page `page`


def _matching(columns: list, number_columns: list, text: str) -> list:
    number, typed = number_or_words(text)
    if number:
        return [or_(false(), *[column.startswith(number) for column in number_columns])]
    return [or_(*[contains(column, word) for column in columns]) for word in typed]


def _page(session: Session, model, where: list, order: list, page: int, to_hit) -> list[Hit]:
    rows = session.exec(
        select(model)
        .where(*where)
        .order_by(*order, model.id)
        .offset((page - 1) * PAGE_SIZE)
        .limit(PAGE_SIZE)
    ).all()
    return [to_hit(session, row) for row in rows]


def _user_hit(session: Session, user: User) -> Hit:
    """A pro links to (and names) their first structure."""
    subtitle = f"{user.email} — {ROLE_LABELS.get(user.role, user.role)}"
    structure = session.exec(
        select(Offerer.id, Offerer.name)
        .join(UserOfferer, UserOfferer.offerer_id == Offerer.id)
        .where(UserOfferer.user_id == user.id)
        .order_by(Offerer.id)
    ).first()
    if structure is None:
        return Hit(user.id, user.full_name, subtitle, "")
    offerer_id, name = structure
    return Hit(user.id, user.full_name, f"{subtitle} — {name}", f"/admin/structures/{offerer_id}")


def _structure_hit(_session: Session, offerer: Offerer) -> Hit:
    place = " ".join(part for part in (offerer.postal_code, offerer.city) if part)
    subtitle = " — ".join(
        part
        for part in (f"SIREN {offerer.siren}", place, status_label(offerer.validation_status))
        if part
    )
    return Hit(offerer.id, offerer.name, subtitle, f"/admin/structures/{offerer.id}")


def _venue_hit(session: Session, venue: Venue) -> Hit:
    offerer_name = session.exec(select(Offerer.name).where(Offerer.id == venue.offerer_id)).one()
    place = " ".join(part for part in (venue.postal_code, venue.city) if part)
    siret = f"SIRET {venue.siret}" if venue.siret else "Lieu numérique"
    subtitle = " — ".join(part for part in (siret, place, f"Structure {offerer_name}") if part)
    return Hit(venue.id, venue.display_name, subtitle, f"/admin/structures/{venue.offerer_id}")


def search(admin_id: int, text: str | None, page: int = 1) -> Results:
    text = " ".join((text or "").split())[:140]
    if not text:
        raise DomainError(
            "query_empty",
            "Saisissez un nom, un email, un SIREN, un SIRET ou un code postal.",
        )
    if len(text) < MIN_LENGTH:
        raise DomainError(
            "query_too_short", f"Saisissez au moins {MIN_LENGTH} caractères pour chercher."
        )
    page = max(1, page)
    with db.transaction(write=False) as session:
        audit.check_admin(session, admin_id)
        users = _matching([User.first_name, User.last_name, User.email], [], text)
        structures = _matching([Offerer.name], [Offerer.siren, Offerer.postal_code], text)
        venues = _matching([Venue.name, Venue.public_name], [Venue.siret, Venue.postal_code], text)
        found = [
            (User, users, [User.last_name, User.first_name], _user_hit),
            (Offerer, structures, [Offerer.name], _structure_hit),
            (Venue, venues, [Venue.name], _venue_hit),
        ]
        totals = [
            session.exec(select(func.count(model.id)).where(*where)).one()
            for model, where, _order, _hit in found
        ]
        pages = max(1, *[math.ceil(total / PAGE_SIZE) for total in totals])
        page = min(page, pages)
        groups = [
            Group(_page(session, model, where, order, page, to_hit), total)
            for (model, where, order, to_hit), total in zip(found, totals, strict=True)
        ]
    return Results(*groups, page=page, pages=pages)
