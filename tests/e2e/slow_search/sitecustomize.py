"""Loaded by the browser tests' app server only (its PYTHONPATH): a search for
SLOW_TEXT takes SLOW_SECONDS, so a test can show that a slow search in one browser does
not stall another user's events (database work runs off the event loop)."""

import sys
import time
from pathlib import Path

# Site hooks run before the working directory joins sys.path: import this tree's code.
sys.path.insert(0, str(Path(__file__).resolve().parents[3]))

from services import search  # noqa: E402

SLOW_TEXT = "recherche-lente"
SLOW_SECONDS = 3.0

_search_offers = search.search_offers


def _slow_for_the_test(query, *args, **kwargs):
    if query.text == SLOW_TEXT:
        time.sleep(SLOW_SECONDS)
    return _search_offers(query, *args, **kwargs)


search.search_offers = _slow_for_the_test
