"""Password hashing (argon2) and the password policy of rule O2."""

import re

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from services.errors import DomainError

_hasher = PasswordHasher()

MIN_LENGTH = 12

# A hash to verify against when the email is unknown, so both cases take as long.
_DUMMY_HASH = _hasher.hash("pass-culture-dummy-password")


def check_password_policy(password: str) -> None:
    """Rule O2: ≥ 12 characters with a lower case, an upper case, a digit and a special one."""
    missing = []
    if len(password) < MIN_LENGTH:
        missing.append(f"au moins {MIN_LENGTH} caractères")
    if not re.search(r"[a-z]", password):
        missing.append("une minuscule")
    if not re.search(r"[A-Z]", password):
        missing.append("une majuscule")
    if not re.search(r"\d", password):
        missing.append("un chiffre")
    if not re.search(r"[^A-Za-z0-9]", password):
        missing.append("un caractère spécial")
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
