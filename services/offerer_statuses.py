"""How the back office names a structure's validation status and its rejection reasons
(pcapi's `OffererRejectionReason`, the ones pass Culture uses here)."""

from pass_culture.models import ValidationStatus

STATUS_LABELS = {
    ValidationStatus.PENDING: "Nouvelle",
    ValidationStatus.ON_HOLD: "En attente",
    ValidationStatus.VALIDATED: "Validée",
    ValidationStatus.REJECTED: "Rejetée",
}
# The flash message's end: « La structure X est déjà validée ».
STATUS_ADJECTIVES = {
    ValidationStatus.PENDING: "nouvelle",
    ValidationStatus.ON_HOLD: "en attente",
    ValidationStatus.VALIDATED: "validée",
    ValidationStatus.REJECTED: "rejetée",
}
REJECTION_REASONS = {
    "ineligible": "Non éligible",
    "closed_siren": "SIREN caduc",
    "missing_documents": "Non réception des documents",
    "young_or_school": "Erreur jeune ou établissement scolaire",
    "other": "Autre",
}


def status_label(status: str) -> str:
    return STATUS_LABELS.get(status, status)


def reason_label(reason: str) -> str:
    return REJECTION_REASONS.get(reason, reason)
