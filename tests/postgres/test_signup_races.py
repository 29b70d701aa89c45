"""Sign-up under concurrency: « Renvoyer l'email » tapped several times at once sends one
email, and one link clicked twice at once verifies once. Each proof has a twin with the
locks switched off showing the race then breaks the rule."""

import re
from datetime import timedelta
from functools import partial
from urllib.parse import unquote

from sqlmodel import select

from pass_culture import db
from pass_culture.models import EmailOutbox
from services import signup
from tests import factories
from tests.postgres.race import run_together, widened_race_window

NOW = factories.NOW
EMAIL = "lea@example.fr"
CALLS = 4


def _mail_count() -> int:
    with db.transaction(write=False) as session:
        return len(session.exec(select(EmailOutbox.id)).all())


def _resends_at_once() -> list:
    signup.sign_up(EMAIL, factories.PASSWORD, True, now=NOW)
    later = NOW + signup.MAIL_INTERVAL
    with widened_race_window():
        return run_together([partial(signup.resend, EMAIL, now=later)] * CALLS)


def _clicks_at_once() -> list:
    signup.sign_up(EMAIL, factories.PASSWORD, True, now=NOW)
    with db.transaction(write=False) as session:
        body = session.exec(select(EmailOutbox.body_text)).one()
    token = unquote(re.search(r"token=(\S+)", body)[1])
    click = partial(signup.verify_email, token, now=NOW + timedelta(minutes=5))
    with widened_race_window():
        return run_together([click, click])


def test_resend_tapped_at_once_sends_one_email(database):
    outcomes = _resends_at_once()

    sent = [o for o in outcomes if o.ok]
    assert len(sent) == 1, [o.error for o in outcomes]
    assert all(o.code == "mail_too_soon" or o.crashed for o in outcomes if not o.ok)
    assert _mail_count() == 2  # the sign-up's and one resend


def test_without_locks_resend_tapped_at_once_sends_several(postgres):
    db.locking_enabled = False

    outcomes = _resends_at_once()

    assert sum(o.ok for o in outcomes) > 1
    assert _mail_count() > 2


def test_a_link_clicked_twice_at_once_verifies_once(database):
    outcomes = _clicks_at_once()

    assert sum(o.ok for o in outcomes) == 1, [o.error for o in outcomes]
    assert all(o.code == "link_used" or o.crashed for o in outcomes if not o.ok)


def test_without_locks_a_link_serves_twice(postgres):
    db.locking_enabled = False

    outcomes = _clicks_at_once()

    assert all(o.ok for o in outcomes), [o.error for o in outcomes]
