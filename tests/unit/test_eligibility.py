"""Rule C1: eligibility on the day the credit is granted, from the preset's data."""

from datetime import date

import pytest

from services import policy
from services.eligibility import eligibility, eligible_age_day

GRANT_DAY = date(2026, 3, 2)


def test_eighteen_on_the_day_of_the_grant_is_eligible():  # rule C1
    result = eligibility(date(2008, 3, 2), "75", GRANT_DAY)

    assert result.eligible
    assert result.message == "Tu es éligible : prochaine étape, la vérification de ton identité."


def test_seventeen_years_and_364_days_is_told_the_day_to_come_back():  # rule C1
    result = eligibility(date(2008, 3, 3), "75", GRANT_DAY)

    assert (result.eligible, result.code, result.eligible_from) == (
        False,
        "too_young",
        date(2026, 3, 3),
    )
    assert result.message == (
        "Le pass Culture est ouvert aux jeunes de 18 ans : "
        "tu pourras t'inscrire à partir du mardi 3 mars 2026."
    )


def test_the_last_day_before_nineteen_is_eligible_and_nineteen_is_not():  # rule C1
    assert eligibility(date(2007, 3, 3), "75", GRANT_DAY).eligible
    too_old = eligibility(date(2007, 3, 2), "75", GRANT_DAY)
    assert (too_old.eligible, too_old.code) == (False, "too_old")
    assert "passé tes 19 ans" in too_old.message


def test_born_on_29_february_turns_eighteen_on_1_march():
    assert eligible_age_day(date(2008, 2, 29)) == date(2026, 3, 1)
    assert not eligibility(date(2008, 2, 29), "75", date(2026, 2, 28)).eligible
    assert eligibility(date(2008, 2, 29), "75", date(2026, 3, 1)).eligible


@pytest.mark.parametrize("department", ["75", "2A", "2B", "974", "976", "29"])
def test_every_department_is_eligible_by_default(department):  # rule C1
    assert eligibility(date(2008, 3, 2), department, GRANT_DAY).eligible


@pytest.mark.parametrize("department", ["29", "34", "67", "93", "973"])
def test_the_five_pilot_departments_of_the_2018_preset(department):  # rule C1
    assert eligibility(date(2008, 3, 2), department, GRANT_DAY, "experimentation_2018").eligible


@pytest.mark.parametrize("department", ["75", "2A", "974", "35"])
def test_other_departments_do_not_take_part_under_the_2018_preset(department):  # rule C1
    result = eligibility(date(2008, 3, 2), department, GRANT_DAY, "experimentation_2018")

    assert (result.eligible, result.code) == (False, "department")
    assert result.message.startswith("Ce département ne participe pas encore au pass Culture.")
    assert "29, 34, 67, 93, 973" in result.message


def test_the_presets_hold_their_departments_as_data():
    assert policy.GRANT_PRESETS["standard"].departments is None
    assert len(policy.GRANT_PRESETS["experimentation_2018"].departments) == 5
