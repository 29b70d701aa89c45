"""Review rules (rule F12): the conditions, edited by admins as data, that send a newly
published offer to manual review instead of approving it at once.

A rule matches on the offer as the pro publishes it: its highest price strictly above a
threshold, a word or phrase in its name or description (case and accents ignored, whole
words), or its subcategory. Rules are checked at publication only: later edits of an
approved offer (a price raised, a title changed) are not re-checked — an admin who spots
one deactivates it (services.moderation), so that a live offer with bookings is never
hidden by an automatic re-check.
"""

import re
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func
from sqlmodel import Session, select

from pass_culture import clock, db
from pass_culture.models import (
    Offer,
    OfferReviewMatch,
    OfferReviewRule,
    OfferStatus,
    ReviewRuleKind,
    Stock,
    User,
)
from services import audit, policy
from services.audit import AuditAction
from services.errors import DomainError, NotFound
from services.formatting import euros
from services.search_index import fold_words
from services.subcategories import SUBCATEGORIES

KIND_LABELS = {
    ReviewRuleKind.PRICE_ABOVE: "Prix supérieur à un seuil",
    ReviewRuleKind.WORD: "Mot dans le titre ou la description",
    ReviewRuleKind.SUBCATEGORY: "Sous-catégorie",
}
_WORD_MAX = 140
_EUROS = re.compile(r"(\d{1,3}(?:[ \u202f\u00a0]?\d{3})*|\d+)(?:[,.](\d{1,2}))?")


@dataclass(frozen=True)
class RuleView:
    id: int
    kind: str
    kind_label: str
    value: str  # as stored: cents, the word, the subcategory id
    editable_value: str  # as an admin types it: "150,00", the word, the subcategory id
    description: str  # "Prix supérieur à 150,00 €"
    is_active: bool
    created_by: str
    created_at: datetime


def describe(kind: str, value: str) -> str:
    if kind == ReviewRuleKind.PRICE_ABOVE:
        return f"Prix supérieur à {euros(int(value))}"
    if kind == ReviewRuleKind.WORD:
        return f"Le mot « {value} » dans le titre ou la description"
    return f"Sous-catégorie « {SUBCATEGORIES[value].label} »"


def _editable(kind: str, value: str) -> str:
    return euros(int(value)).removesuffix(" €") if kind == ReviewRuleKind.PRICE_ABOVE else value


def parse_euros(raw: str) -> int | None:
    """ "150", "150,5", "1 000,00 €" → cents; None when it is not an amount."""
    match = _EUROS.fullmatch(raw.strip().removesuffix("€").strip())
    if not match:
        return None
    whole = int(re.sub(r"\D", "", match.group(1)))
    return whole * 100 + int((match.group(2) or "0").ljust(2, "0"))


def check_rule(kind: str, raw_value: str) -> tuple[ReviewRuleKind, str]:
    """The rule's kind and its value as stored, or a French refusal."""
    try:
        rule_kind = ReviewRuleKind(kind)
    except ValueError:
        raise DomainError("invalid_rule_kind", "Choisissez le type de la règle.") from None
    raw = (raw_value or "").strip()
    if rule_kind == ReviewRuleKind.PRICE_ABOVE:
        cents = parse_euros(raw)
        if cents is None:
            raise DomainError(
                "invalid_threshold", "Indiquez le seuil en euros, par exemple 150 ou 149,99."
            )
        if cents >= policy.MAX_PRICE:
            raise DomainError(
                "threshold_too_high",
                f"Le seuil doit être inférieur au prix maximal d'une offre "
                f"({euros(policy.MAX_PRICE)}).",
            )
        return rule_kind, str(cents)
    if rule_kind == ReviewRuleKind.WORD:
        if not fold_words(raw):
            raise DomainError("word_required", "Indiquez le mot ou l'expression à repérer.")
        if len(raw) > _WORD_MAX:
            raise DomainError(
                "word_too_long", f"Le mot ne doit pas dépasser {_WORD_MAX} caractères."
            )
        return rule_kind, " ".join(raw.split())
    if raw not in SUBCATEGORIES:
        raise DomainError("unknown_subcategory", "Choisissez une sous-catégorie du catalogue.")
    return rule_kind, raw


# --- Matching (at publication, services.offers.publish_offer) -------------------------


def _contains(words: list[str], phrase: list[str]) -> bool:
    size = len(phrase)
    return any(words[i : i + size] == phrase for i in range(len(words) - size + 1))


def match_reason(rule: OfferReviewRule, offer: Offer, top_price: int | None) -> str | None:
    """Why this rule sends the offer to review, or None when it does not match."""
    if rule.kind == ReviewRuleKind.PRICE_ABOVE:
        threshold = int(rule.value)
        if top_price is not None and top_price > threshold:
            return f"Prix de {euros(top_price)}, au-dessus du seuil de {euros(threshold)}"
        return None
    if rule.kind == ReviewRuleKind.WORD:
        text = fold_words(f"{offer.name} {offer.description or ''}")
        if _contains(text, fold_words(rule.value)):
            return f"Le titre ou la description contient « {rule.value} »"
        return None
    if offer.subcategory_id == rule.value:
        return f"Sous-catégorie « {SUBCATEGORIES[rule.value].label} »"
    return None


def review(session: Session, offer: Offer, now: datetime) -> OfferStatus:
    """The status a published draft gets: pending when an active rule matches (the
    matches are recorded), approved otherwise."""
    rules = session.exec(
        select(OfferReviewRule).where(OfferReviewRule.is_active).order_by(OfferReviewRule.id)
    ).all()
    if not rules:
        return OfferStatus.APPROVED
    top_price = session.exec(
        select(func.max(Stock.price)).where(Stock.offer_id == offer.id, ~Stock.is_soft_deleted)
    ).one()
    matches = [
        OfferReviewMatch(offer_id=offer.id, rule_id=rule.id, reason=reason, created_at=now)
        for rule in rules
        if (reason := match_reason(rule, offer, top_price))
    ]
    session.add_all(matches)
    return OfferStatus.PENDING if matches else OfferStatus.APPROVED


# --- Admin: list, add, edit, (de)activate ---------------------------------------------


def _view(rule: OfferReviewRule, author: User) -> RuleView:
    return RuleView(
        id=rule.id,
        kind=rule.kind,
        kind_label=KIND_LABELS[ReviewRuleKind(rule.kind)],
        value=rule.value,
        editable_value=_editable(rule.kind, rule.value),
        description=describe(rule.kind, rule.value),
        is_active=rule.is_active,
        created_by=author.full_name,
        created_at=rule.created_at,
    )


def list_rules(admin_id: int) -> list[RuleView]:
    """Active rules first, then the newest."""
    with db.transaction(write=False) as session:
        audit.check_admin(session, admin_id)
        rows = session.exec(
            select(OfferReviewRule, User)
            .join(User, User.id == OfferReviewRule.created_by_id)
            .order_by(OfferReviewRule.is_active.desc(), OfferReviewRule.id.desc())
        ).all()
        return [_view(rule, author) for rule, author in rows]


def _check_not_duplicate(
    session: Session, kind: str, value: str, except_id: int | None = None
) -> None:
    same = session.exec(
        select(OfferReviewRule).where(
            OfferReviewRule.kind == kind,
            OfferReviewRule.is_active,
            OfferReviewRule.id != (except_id or 0),
        )
    ).all()
    if kind == ReviewRuleKind.WORD:
        duplicate = any(fold_words(rule.value) == fold_words(value) for rule in same)
    else:
        duplicate = any(rule.value == value for rule in same)
    if duplicate:
        raise DomainError("duplicate_rule", "Une règle active identique existe déjà.")


def _rule_for(session: Session, rule_id: int) -> OfferReviewRule:
    rule = db.lock_one(session, OfferReviewRule, rule_id)
    if rule is None:
        raise NotFound("rule_not_found", "Cette règle n'existe pas.")
    return rule


def create_rule(
    admin_id: int, kind: str, value: str, *, now: datetime | None = None
) -> OfferReviewRule:
    now = now or clock.utcnow()
    with db.transaction() as session:
        admin = audit.check_admin(session, admin_id)
        rule_kind, stored = check_rule(kind, value)
        _check_not_duplicate(session, rule_kind, stored)
        rule = OfferReviewRule(
            kind=rule_kind, value=stored, created_by_id=admin.id, created_at=now, updated_at=now
        )
        session.add(rule)
        session.flush()
        audit.record(
            session,
            admin,
            AuditAction.RULE_CREATED,
            "review_rule",
            rule.id,
            {"règle": describe(rule_kind, stored)},
            now,
        )
    return rule


def update_rule(
    admin_id: int, rule_id: int, kind: str, value: str, *, now: datetime | None = None
) -> OfferReviewRule:
    """Offers already sent to review keep the reason worded when they matched."""
    now = now or clock.utcnow()
    with db.transaction() as session:
        admin = audit.check_admin(session, admin_id)
        rule = _rule_for(session, rule_id)
        rule_kind, stored = check_rule(kind, value)
        if rule.is_active:
            _check_not_duplicate(session, rule_kind, stored, except_id=rule.id)
        before = describe(rule.kind, rule.value)
        rule.kind, rule.value, rule.updated_at = rule_kind, stored, now
        audit.record(
            session,
            admin,
            AuditAction.RULE_UPDATED,
            "review_rule",
            rule.id,
            {"avant": before, "après": describe(rule_kind, stored)},
            now,
        )
    return rule


def set_rule_active(
    admin_id: int, rule_id: int, active: bool, *, now: datetime | None = None
) -> OfferReviewRule:
    now = now or clock.utcnow()
    with db.transaction() as session:
        admin = audit.check_admin(session, admin_id)
        rule = _rule_for(session, rule_id)
        if rule.is_active == active:
            return rule
        if active:
            _check_not_duplicate(session, rule.kind, rule.value, except_id=rule.id)
        rule.is_active, rule.updated_at = active, now
        action = AuditAction.RULE_REACTIVATED if active else AuditAction.RULE_DEACTIVATED
        audit.record(
            session,
            admin,
            action,
            "review_rule",
            rule.id,
            {"règle": describe(rule.kind, rule.value)},
            now,
        )
    return rule
