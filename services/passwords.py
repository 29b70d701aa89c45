"""Password hashing (argon2) and the password policy of rule O2."""

import re
from collections.abc import Callable

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from services.errors import DomainError

_hasher = PasswordHasher()

MIN_LENGTH = 12

# A hash to verify against when the email is unknown, so both cases take as long.
_DUMMY_HASH = _hasher.hash("pass-culture-dummy-password")


# Rule O2, point by point: what a password must contain, and the test of each point.
POLICY_POINTS: tuple[tuple[str, Callable[[str], bool]], ...] = (
    (f"au moins {MIN_LENGTH} caractères", lambda password: len(password) >= MIN_LENGTH),
    ("une minuscule", lambda password: re.search(r"[a-z]", password) is not None),
    ("une majuscule", lambda password: re.search(r"[A-Z]", password) is not None),
    ("un chiffre", lambda password: re.search(r"\d", password) is not None),
    ("un caractère spécial", lambda password: re.search(r"[^A-Za-z0-9]", password) is not None),
)


def missing_points(password: str) -> list[str]:
    """The points of rule O2 the password does not meet yet (for live feedback too)."""
    return [point for point, met in POLICY_POINTS if not met(password)]


def check_password_policy(password: str) -> None:
    """Rule O2: ≥ 12 characters with a lower case, an upper case, a digit and a special one."""
    missing = missing_points(password)
    if missing:
        raise DomainError(
            "password_too_weak",
            "Le mot de passe doit contenir " + ", ".join(missing) + ".",
        )


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    try:
        return _hasher.verify(password_hash or _DUMMY_HASH, password) and password_hash is not None
    except (VerificationError, InvalidHashError):
        return False
