"""Job: the fortnight's payment run, on the 1st and the 16th (rules P4, P5)."""

from jobs.registry import job
from services import payouts


@job(
    "pay_reimbursements",
    "Paie les remboursements de la quinzaine",
    trigger="cron",
    day="1,16",
    hour=5,
)
def pay_reimbursements() -> str:
    return " ".join(run.text for run in payouts.run_due_payments())
