"""Rule O2: the password policy, and argon2 hashing."""

import pytest

from services.errors import DomainError
from services.passwords import check_password_policy, hash_password, verify_password

STRONG = "Culture-2026!"  # 13 characters, every class


def _missing(password: str) -> str:
    with pytest.raises(DomainError) as refused:
        check_password_policy(password)
    assert refused.value.code == "password_too_weak"
    return refused.value.message


def test_twelve_characters_with_every_class_is_accepted():
    check_password_policy("Culture-202!")  # rule O2: exactly 12


def test_eleven_characters_is_refused():
    assert _missing("Culture-20!") == "Le mot de passe doit contenir au moins 12 caractères."


@pytest.mark.parametrize(
    ("password", "missing"),
    [
        ("CULTURE-2026!", "une minuscule"),
        ("culture-2026!", "une majuscule"),
        ("Culture-deux!", "un chiffre"),
        ("Culture20266a", "un caractère spécial"),
    ],
)
def test_each_missing_class_is_named(password, missing):
    assert len(password) >= 12
    assert _missing(password) == f"Le mot de passe doit contenir {missing}."


def test_every_missing_requirement_is_listed():
    assert _missing("abc") == (
        "Le mot de passe doit contenir au moins 12 caractères, une majuscule, un chiffre, "
        "un caractère spécial."
    )


def test_a_space_or_an_accented_letter_counts_as_special():
    check_password_policy("Culture 2026a")
    check_password_policy("Culturé2026ab")


def test_hash_verifies_only_the_same_password():
    password_hash = hash_password(STRONG)

    assert password_hash != STRONG
    assert verify_password(password_hash, STRONG)
    assert not verify_password(password_hash, STRONG.lower())
    assert not verify_password(None, STRONG)
    assert not verify_password("pas-un-hash", STRONG)
