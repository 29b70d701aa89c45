"""The SEPA credit transfer file of a payment run (issue point 4, rule P4): one pain.001
message for the treasurer's bank, one transaction per payment of the run.

- debtor: pass Culture's account (settings PAYER_NAME, PAYER_IBAN, PAYER_BIC);
- creditor: the structure (the legal holder of the account, the name the bank checks
  against the IBAN), the IBAN and BIC of the accepted account — never changed once
  accepted (services/bank_accounts.py), so the file reads the same later;
- end-to-end id: the payment's reference (« F26… », the statement's number); remittance
  information: that reference and the run's label (« VIR12 »);
- deterministic: the message id comes from the run's label, the creation time is the
  run's end, the execution date the cut-off day (or the day the run ended, if later) on
  the next TARGET2 business day: two downloads give the same bytes.

Texts are written in SEPA's basic Latin character set (EPC: letters, digits, spaces and
/ - ? : ( ) . , ' +): accents dropped, « & » spelled « et », anything else a space.
"""

import unicodedata
from dataclasses import dataclass
from datetime import date

from sepaxml import SepaTransfer
from sqlmodel import select

from pass_culture import clock, db
from pass_culture.models import BankAccount, Offerer, Payment, PaymentRun, PaymentRunStatus
from pass_culture.settings import get_settings
from services import audit, payment_admin
from services.bank_days import bank_day_from
from services.errors import DomainError

SCHEMA = "pain.001.001.03"
NAME_MAX = 70  # Max70Text
READ_CHUNK = 1000  # payments read from the database at a time
_ALLOWED = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/-?:().,'+ ")
# Letters NFKD does not take apart, and the typography French names carry.
_SPELLED = {
    "&": " et ",
    "œ": "oe",
    "Œ": "OE",
    "æ": "ae",
    "Æ": "AE",
    "ß": "ss",
    "’": "'",
    "‘": "'",
    "–": "-",
    "—": "-",
}


def sepa_text(text: str, limit: int = NAME_MAX) -> str:
    """`text` in SEPA's basic character set, spaces squeezed, at most `limit` characters."""
    kept = []
    for char in unicodedata.normalize("NFKD", text):
        if unicodedata.combining(char):
            continue
        char = _SPELLED.get(char, char)
        kept.append(char if all(c in _ALLOWED for c in char) else " ")
    return " ".join("".join(kept).split())[:limit].strip()


@dataclass(frozen=True)
class SepaFile:
    filename: str
    content: bytes


class _RunTransfer(SepaTransfer):
    """sepaxml's transfer, with the ids and creation time of the run instead of random
    ones and the clock's."""

    def __init__(self, config: dict, *, message_id: str, created_at: str):
        self._message_id, self._created_at = message_id, created_at
        super().__init__(config, schema=SCHEMA, clean=False)

    def _create_header(self):
        super()._create_header()
        header = self._xml.find("CstmrCdtTrfInitn/GrpHdr")
        header.find("MsgId").text = self._message_id
        header.find("CreDtTm").text = self._created_at

    def _finalize_batch(self):
        super()._finalize_batch()
        for node in self._xml.iter("PmtInfId"):
            node.text = self._message_id


def execution_date(run: PaymentRun) -> date:
    """The cut-off day, or the day the run ended if later, as a TARGET2 business day."""
    ended = clock.to_paris(run.finished_at).date()
    return bank_day_from(max(run.cutoff, ended))


def _payer() -> dict:
    settings = get_settings()
    return {
        "name": sepa_text(settings.payer_name),
        "IBAN": settings.payer_iban.replace(" ", "").upper(),
        "BIC": settings.payer_bic.replace(" ", "").upper(),
        "batch": True,
        "currency": "EUR",
    }


def transfer_file(admin_id: int, run_id: int) -> SepaFile:
    """The run's pain.001 file, for admins only, once the run is finished."""
    with db.transaction(write=False) as session:
        audit.check_admin(session, admin_id)
        run = session.get(PaymentRun, run_id)
        if run is None:
            raise payment_admin.missing_run()
        if run.status != PaymentRunStatus.DONE:
            raise DomainError(
                "payment_run_unfinished",
                "Ce paiement n'est pas terminé : son fichier de virements sera prêt à la fin. "
                "Relancez-le depuis la liste des paiements s'il s'est arrêté.",
            )
        if run.payment_count == 0:
            raise DomainError(
                "payment_run_empty",
                "Ce paiement ne compte aucun virement : il n'a pas de fichier de virements.",
            )
        message_id = f"{run.label}-{run.cutoff:%Y%m%d}"
        created = clock.to_paris(run.finished_at).strftime("%Y-%m-%dT%H:%M:%S")
        transfer = _RunTransfer(_payer(), message_id=message_id, created_at=created)
        day = execution_date(run)
        rows = session.exec(
            select(Payment, BankAccount.iban, BankAccount.bic, Offerer.name, Offerer.siren)
            .join(BankAccount, BankAccount.id == Payment.bank_account_id)
            .join(Offerer, Offerer.id == Payment.offerer_id)
            .where(Payment.run_id == run.id)
            .order_by(Payment.id)
            .execution_options(yield_per=READ_CHUNK)
        )
        for payment, iban, bic, name, siren in rows:
            transfer.add_payment(
                {
                    "name": sepa_text(name) or f"SIREN {siren}",
                    "IBAN": iban,
                    "BIC": bic,
                    "amount": payment.amount,
                    "execution_date": day,
                    "description": f"{payment.reference} {run.label}",
                    "endtoend_id": payment.reference,
                }
            )
    # Not validated here: xmlschema takes ~20 s on 10,000 transactions. The texts are
    # written in the allowed set and cut to their lengths, IBAN and BIC were checked when
    # the account was accepted; tests/services/test_sepa.py validates against the XSD.
    filename = f"virements-{run.label}-{run.cutoff.isoformat()}.xml"
    return SepaFile(filename, transfer.export(validate=False))
