"""The credit once the identity is checked: eligibility under the preset in force (rule C1)."""

from datetime import date

import pytest
from sqlmodel import select

from pass_culture import db
from pass_culture.models import Deposit, EmailOutbox, Role
from pass_culture.settings import get_settings
from services import credit_activation
from services.errors import DomainError
from tests.factories import NOW, make_user

# NOW is 2 March 2026: 18 years old means born from 3 March 2007 to 2 March 2008.


def _young(**fields):
    values = {"birth_date": date(2008, 3, 2), "postal_code": "29200", "department_code": "29"}
    return make_user(Role.BENEFICIARY, **(values | fields))


def _activate(user_id: int) -> Deposit:
    with db.transaction() as session:
        return credit_activation.activate_credit(session, user_id, NOW)


def _refused(user) -> DomainError:
    user_id = user.id
    with pytest.raises(DomainError) as refused:
        _activate(user_id)
    with db.transaction(write=False) as session:
        assert session.exec(select(Deposit).where(Deposit.user_id == user_id)).first() is None
        mails = select(EmailOutbox).where(EmailOutbox.template == "credit_activated")
        assert session.exec(mails.where(EmailOutbox.to_address == user.email)).all() == []
    return refused.value


def test_an_eligible_young_user_gets_the_credit_and_an_email(database):  # rule C1
    young = _young()
    deposit = _activate(young.id)
    assert (deposit.amount, deposit.preset) == (300_00, "standard")
    with db.transaction(write=False) as session:
        (mail,) = session.exec(select(EmailOutbox)).all()
    assert (mail.to_address, mail.template) == (young.email, "credit_activated")
    assert "300,00 €" in mail.body_text and "2 mars 2028" in mail.body_text


def test_the_preset_in_force_decides_amount_and_departments(database, monkeypatch):  # rule C1
    monkeypatch.setattr(get_settings(), "grant_preset", "experimentation_2018")
    assert _activate(_young().id).amount == 500_00
    refused = _refused(_young(postal_code="75011", department_code="75"))
    assert refused.code == "not_eligible_department"


@pytest.mark.parametrize(
    ("birth_date", "code"),
    [(date(2008, 3, 3), "not_eligible_too_young"), (date(2007, 3, 2), "not_eligible_too_old")],
)
def test_age_is_checked_on_the_grant_day(database, birth_date, code):  # rule C1, edges
    assert _refused(_young(birth_date=birth_date)).code == code


def test_an_incomplete_profile_or_an_unknown_preset_is_refused(database, monkeypatch):
    assert _refused(_young(birth_date=None)).code == "profile_incomplete"
    monkeypatch.setattr(get_settings(), "grant_preset", "inconnu")
    assert _refused(_young()).code == "unknown_preset"


def test_a_second_activation_is_refused(database):  # rule C1: one credit
    young = _young()
    _activate(young.id)
    with pytest.raises(DomainError) as refused:
        _activate(young.id)
    assert refused.value.code == "already_granted"
