"""People, their sign-in sessions, login attempts and password reset links."""

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import CheckConstraint, Column, Index, String
from sqlmodel import Field, SQLModel

from pass_culture.models.types import now_utc, utc_field


class Role(StrEnum):
    BENEFICIARY = "beneficiary"
    PRO = "pro"
    ADMIN = "admin"


class Surface(StrEnum):
    """The three doors of the app, each with its own sign-in."""

    YOUTH = "youth"
    PRO = "pro"
    ADMIN = "admin"


class User(SQLModel, table=True):
    __tablename__ = "users"
    __table_args__ = (
        CheckConstraint("role IN ('beneficiary', 'pro', 'admin')", name="ck_users_role"),
        CheckConstraint("email = lower(email)", name="ck_users_email_lowercase"),
    )

    id: int | None = Field(default=None, primary_key=True)
    email: str = Field(sa_column=Column(String(320), nullable=False, unique=True))
    password_hash: str = Field(max_length=255)
    role: str = Field(max_length=20, index=True)
    first_name: str = Field(max_length=128)
    last_name: str = Field(max_length=128)
    phone: str | None = Field(default=None, max_length=32)
    birth_date: date | None = None
    postal_code: str | None = Field(default=None, max_length=10)
    department_code: str | None = Field(default=None, max_length=3, index=True)
    is_active: bool = True
    email_validated_at: datetime | None = utc_field()
    created_at: datetime = utc_field(nullable=False, default_factory=now_utc)

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"


class UserSession(SQLModel, table=True):
    """Server-side session; the browser only holds the random token, we keep its hash."""

    __tablename__ = "user_sessions"
    __table_args__ = (
        CheckConstraint("surface IN ('youth', 'pro', 'admin')", name="ck_user_sessions_surface"),
    )

    id: int | None = Field(default=None, primary_key=True)
    token_hash: str = Field(max_length=64, unique=True)
    user_id: int = Field(foreign_key="users.id", index=True, ondelete="CASCADE")
    surface: str = Field(max_length=10)
    created_at: datetime = utc_field(nullable=False, default_factory=now_utc)
    expires_at: datetime = utc_field(nullable=False, index=True)
    revoked_at: datetime | None = utc_field()


class LoginAttempt(SQLModel, table=True):
    """Each sign-in try, to slow password guessing per account and per client address."""

    __tablename__ = "login_attempts"
    __table_args__ = (
        Index("ix_login_attempts_email_at", "email", "attempted_at"),
        Index("ix_login_attempts_client_ip_at", "client_ip", "attempted_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    email: str = Field(max_length=320)
    succeeded: bool
    # Only these count towards the delay (not a right password at the wrong door).
    wrong_password: bool = False
    client_ip: str | None = Field(default=None, max_length=45)
    attempted_at: datetime = utc_field(nullable=False, default_factory=now_utc)


class PasswordResetToken(SQLModel, table=True):
    """A password reset link sent by email: single use, short-lived; we keep the token's hash."""

    __tablename__ = "password_reset_tokens"

    id: int | None = Field(default=None, primary_key=True)
    token_hash: str = Field(max_length=64, unique=True)
    user_id: int = Field(foreign_key="users.id", index=True, ondelete="CASCADE")
    created_at: datetime = utc_field(nullable=False, default_factory=now_utc)
    expires_at: datetime = utc_field(nullable=False)
    used_at: datetime | None = utc_field()
