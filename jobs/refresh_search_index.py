"""Job: rewrite the search rows whose dates the clock has passed (the search stays exact
without it — stale rows are checked against their stocks — and stays fast with it)."""

from jobs.registry import job
from pass_culture import clock
from services import search_index


@job(
    "refresh_search_index",
    "Met à jour l'index de recherche des offres dont une date est passée",
    trigger="interval",
    minutes=5,
)
def refresh_search_index() -> str:
    refreshed = search_index.refresh_stale(now=clock.utcnow())
    return f"Offres remises à jour dans l'index de recherche : {refreshed}."
