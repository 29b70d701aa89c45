"""Booking emails (rules B4, B8, B10) and moderation emails (F12), written to the outbox
in the caller's transaction.

Nothing is sent here: the outbox job sends after commit, so a rolled-back booking
never emails anyone.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, NamedTuple
from urllib.parse import quote

from sqlalchemy import bindparam
from sqlmodel import Session, select

from pass_culture import clock, db
from pass_culture.models import (
    Booking,
    CancellationReason,
    Deposit,
    EmailOutbox,
    Offer,
    Stock,
    User,
    UserOfferer,
    ValidationStatus,
    Venue,
)
from pass_culture.settings import get_settings
from services import policy
from services.formatting import euros, long_date, paris_datetime

_CANCELLED_BECAUSE = {
    CancellationReason.BENEFICIARY: "Vous avez annulé cette réservation.",
    CancellationReason.OFFERER: "Le lieu a annulé cette réservation.",
    CancellationReason.EXPIRED: (
        "Elle n'a pas été retirée dans les "
        f"{policy.PICKUP_DELAY.days} jours suivant la réservation."
    ),
    CancellationReason.FRAUD: "Elle a été annulée par l'équipe pass Culture.",
}


# What a booking's emails speak of besides the booking and its stock's date, as columns
# to add to a query that joins the booking's young user, offer and venue (booking reads
# them with its own first statement: confirming costs no extra round trip).
DETAILS_COLUMNS = (
    User.first_name.label("young_first_name"),
    User.last_name.label("young_last_name"),
    User.email.label("young_email"),
    Offer.name.label("offer_name"),
    Venue.name.label("venue_name"),
    Venue.public_name.label("venue_public_name"),
    Venue.booking_email.label("venue_booking_email"),
    Venue.offerer_id,
)


@dataclass(frozen=True)
class BookingDetails:
    """A booking's young user, offer, venue and date, as its emails speak of them."""

    young_first_name: str
    young_last_name: str
    young_email: str
    offer_name: str
    venue_name: str
    venue_booking_email: str | None
    offerer_id: int
    beginning_at: datetime | None

    @classmethod
    def of(cls, row: Any) -> "BookingDetails":
        """From a row holding `DETAILS_COLUMNS` and the stock's `beginning_at`."""
        return cls(
            young_first_name=row.young_first_name,
            young_last_name=row.young_last_name,
            young_email=row.young_email,
            offer_name=row.offer_name,
            venue_name=row.venue_public_name or row.venue_name,  # as Venue.display_name
            venue_booking_email=row.venue_booking_email,
            offerer_id=row.offerer_id,
            beginning_at=row.beginning_at,
        )

    def what(self, booking: Booking) -> str:
        when = f", le {paris_datetime(self.beginning_at)}" if self.beginning_at else ""
        places = f" ({booking.quantity} places)" if booking.quantity > 1 else ""
        return f"« {self.offer_name} »{places} chez {self.venue_name}{when}"

    @property
    def young_identity(self) -> str:
        return f"{self.young_first_name} {self.young_last_name} ({self.young_email})"


_DETAILS_OF_BOOKING = (
    select(*DETAILS_COLUMNS, Stock.beginning_at)
    .select_from(Booking)
    .join(User, User.id == Booking.user_id)
    .join(Offer, Offer.id == Booking.offer_id)
    .join(Venue, Venue.id == Booking.venue_id)
    .join(Stock, Stock.id == Booking.stock_id)
    .where(Booking.id == bindparam("booking_id"))
)


def _load(session: db.Executor, booking: Booking) -> BookingDetails:
    return BookingDetails.of(session.execute(_DETAILS_OF_BOOKING, {"booking_id": booking.id}).one())


_MEMBER_EMAILS = (
    select(User.email)
    .join(UserOfferer, UserOfferer.user_id == User.id)
    .where(
        UserOfferer.offerer_id == bindparam("offerer_id"),
        UserOfferer.status == ValidationStatus.VALIDATED,
        User.is_active,
    )
    .order_by(User.email)
)


def member_emails(session: db.Executor, offerer_id: int) -> list[str]:
    """The structure's contact: its validated, active members."""
    return list(session.execute(_MEMBER_EMAILS, {"offerer_id": offerer_id}).scalars())


def pro_recipients(session: db.Executor, details: BookingDetails) -> list[str]:
    """Rules B4, O6: the venue's booking email, else the structure's validated members."""
    if details.venue_booking_email:
        return [details.venue_booking_email]
    return member_emails(session, details.offerer_id)


def pro_booking_link(code: str) -> str:
    """The pro's bookings page, its search prefilled with the booking's code."""
    return f"{get_settings().public_url}/pro/reservations?recherche={quote(code)}"


class _Mail(NamedTuple):
    to: list[str]
    subject: str
    body: str
    template: str


_INSERT_OUTBOX = EmailOutbox.__table__.insert()


def _enqueue(session: db.Executor, now: datetime, *mails: _Mail) -> None:
    """One INSERT for every recipient of every mail."""
    rows = [
        {
            "to_address": address,
            "subject": mail.subject,
            "body_text": mail.body,
            "template": mail.template,
            "created_at": now,
        }
        for mail in mails
        for address in mail.to
    ]
    if rows:
        session.execute(_INSERT_OUTBOX, rows)


def booking_confirmed(
    session: db.Executor, booking: Booking, details: BookingDetails, now: datetime
) -> None:
    """Rule B4: the young user gets the code, the pro gets the young user's identity."""
    what = details.what(booking)
    limit = (
        f"Vous pouvez l'annuler jusqu'au {paris_datetime(booking.cancellation_limit_at)}.\n"
        if booking.cancellation_limit_at
        else ""
    )
    to_young = _Mail(
        [details.young_email],
        f"Votre réservation : {details.offer_name}",
        f"Bonjour {details.young_first_name},\n\n"
        f"Votre réservation de {what} est confirmée.\n"
        f"Votre contremarque : {booking.code}\n"
        f"Montant débité de votre crédit : {euros(booking.amount)}.\n"
        f"{limit}\n"
        "Présentez la contremarque et une pièce d'identité au lieu.\n",
        "booking_confirmation",
    )
    to_pro = _Mail(
        pro_recipients(session, details),
        f"Nouvelle réservation : {details.offer_name}",
        f"Nouvelle réservation de {what}.\n"
        f"Réservé par : {details.young_identity}\n"
        f"Contremarque : {booking.code}\n"
        f"Prix : {euros(booking.amount)}\n"
        f"Voir la réservation : {pro_booking_link(booking.code)}\n",
        "booking_new_pro",
    )
    _enqueue(session, now, to_young, to_pro)


def booking_cancelled(session: Session, booking: Booking, now: datetime) -> None:
    """Rules B4, B8, B10: both sides learn of a cancellation; the credit is back (C6)."""
    details = _load(session, booking)
    what = details.what(booking)
    reason = _CANCELLED_BECAUSE[CancellationReason(booking.cancellation_reason)]
    comment = f"Motif : {booking.cancellation_comment}\n" if booking.cancellation_comment else ""
    refund = (
        f"{euros(booking.amount)} ont été recrédités sur votre pass Culture.\n"
        if booking.amount
        else ""
    )
    to_young = _Mail(
        [details.young_email],
        f"Réservation annulée : {details.offer_name}",
        f"Bonjour {details.young_first_name},\n\n"
        f"Votre réservation de {what} est annulée. {reason}\n{comment}{refund}",
        "booking_cancelled",
    )
    to_pro = _Mail(
        pro_recipients(session, details),
        f"Réservation annulée : {details.offer_name}",
        f"La réservation de {what} (contremarque {booking.code}) est annulée. {reason}\n"
        f"{comment}Réservé par : {details.young_identity}\n"
        f"Voir la réservation : {pro_booking_link(booking.code)}\n",
        "booking_cancelled_pro",
    )
    _enqueue(session, now, to_young, to_pro)


def expiry_reminder(session: Session, booking: Booking, now: datetime) -> None:
    """Rule B8: 7 days before a physical good not picked up is cancelled."""
    details = _load(session, booking)
    what = details.what(booking)
    deadline = booking.created_at + policy.PICKUP_DELAY
    reminder = _Mail(
        [details.young_email],
        f"Pensez à retirer votre réservation : {details.offer_name}",
        f"Bonjour {details.young_first_name},\n\n"
        f"Votre réservation de {what} vous attend. Retirez-la avant le "
        f"{paris_datetime(deadline)} avec la contremarque {booking.code} : "
        "passé ce délai, elle sera annulée et votre crédit vous sera rendu.\n",
        "booking_expiry_reminder",
    )
    _enqueue(session, now, reminder)


# --- Moderation (rule F12): to the structure of the offer ----------------------------

# Template → subject and what happened (the admin's reason follows).
_MODERATION = {
    "offer_approved": (
        "Offre validée",
        "a été validée par l'équipe pass Culture : les jeunes peuvent désormais la réserver.",
    ),
    "offer_rejected": (
        "Offre refusée",
        "n'a pas été validée par l'équipe pass Culture : elle ne sera pas proposée aux jeunes.",
    ),
    "offer_deactivated": (
        "Offre désactivée",
        "a été désactivée par l'équipe pass Culture : elle n'est plus proposée aux jeunes. "
        "Les réservations déjà faites restent valables.",
    ),
}


def offer_moderated(
    session: Session,
    offer: Offer,
    offerer_id: int,
    template: str,
    now: datetime,
    reason: str | None = None,
) -> None:
    """An admin's decision on an offer, to the structure's members, with the reason."""
    subject, what = _MODERATION[template]
    motive = f"Motif : {reason}\n" if reason else ""
    mail = _Mail(
        member_emails(session, offerer_id),
        f"{subject} : {offer.name}",
        f"Bonjour,\n\nVotre offre « {offer.name} » {what}\n{motive}\n"
        f"Vos offres : {get_settings().public_url}/pro/offres\n\nL'équipe pass Culture\n",
        template,
    )
    _enqueue(session, now, mail)


# --- Password reset --------------------------------------------------------------------


def password_reset(session: Session, user: User, link: str, minutes: int, now: datetime) -> None:
    """The single-use link to choose a new password (neutral wording: every surface)."""
    mail = _Mail(
        [user.email],
        "Réinitialisation de votre mot de passe",
        f"Bonjour {user.first_name},\n\n"
        "Une demande de nouveau mot de passe a été faite pour votre compte pass Culture. "
        f"Pour en choisir un, ouvrez ce lien (valable {minutes} minutes, une seule fois) :\n"
        f"{link}\n\n"
        "Si vous n'êtes pas à l'origine de cette demande, ignorez ce message : votre mot de "
        "passe actuel reste valable.\n\nL'équipe pass Culture\n",
        "password_reset",
    )
    _enqueue(session, now, mail)


# --- Youth sign-up: to the address typed on /inscription ------------------------------


def signup_verification(session: Session, email: str, link: str, now: datetime) -> None:
    """The link that verifies a new young user's address."""
    mail = _Mail(
        [email],
        "Confirme ton adresse email",
        "Bonjour,\n\nBienvenue sur le pass Culture ! Pour confirmer ton adresse email et "
        f"continuer ton inscription, ouvre ce lien :\n{link}\n\n"
        f"Il est valable {policy.SIGNUP_LINK_VALIDITY // timedelta(hours=1)} heures et ne sert "
        "qu'une fois. Si tu n'as pas demandé à t'inscrire, ignore cet email.\n\n"
        "L'équipe pass Culture\n",
        "signup_verification",
    )
    _enqueue(session, now, mail)


def signup_existing_account(session: Session, email: str, now: datetime) -> None:
    """Someone signed up with an address that already has an account (no new account)."""
    base = get_settings().public_url
    mail = _Mail(
        [email],
        "Tentative d'inscription avec ton adresse email",
        "Bonjour,\n\nQuelqu'un a essayé de créer un compte pass Culture avec ton adresse "
        "email, qui en a déjà un.\n\n"
        f"Si c'est toi, connecte-toi avec ton mot de passe : {base}/connexion\n"
        "Sinon, tu n'as rien à faire : ton compte n'a pas changé.\n\n"
        "L'équipe pass Culture\n",
        "signup_existing_account",
    )
    _enqueue(session, now, mail)


# --- Identity check: the credit is activated ------------------------------------------


def credit_activated(session: Session, user: User, deposit: Deposit, now: datetime) -> None:
    """Rule C1: the young user's credit is there, with its amount and end date."""
    until = long_date(clock.to_paris(deposit.expires_at).date())
    mail = _Mail(
        [user.email],
        "Ton crédit pass Culture est activé",
        f"Bonjour {user.first_name},\n\nTon identité est vérifiée : ton crédit pass Culture de "
        f"{euros(deposit.amount)} est activé. Il est valable jusqu'au {until}.\n"
        f"Découvre les offres autour de toi : {get_settings().public_url}/\n\n"
        "L'équipe pass Culture\n",
        "credit_activated",
    )
    _enqueue(session, now, mail)
