"""Settings read from the environment (and an optional `.env` file)."""

from functools import lru_cache
from typing import Literal

from pydantic import AliasChoices, Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", extra="ignore")

    database_url: str = Field(
        default="sqlite:///passculture.db",
        validation_alias=AliasChoices("DATABASE_URL", "REFLEX_DB_URL"),
    )
    # PostgreSQL connections per process; past them, callers wait up to the timeout.
    db_pool_size: int = Field(default=16, validation_alias="DB_POOL_SIZE")
    db_max_overflow: int = Field(default=0, validation_alias="DB_MAX_OVERFLOW")
    db_pool_timeout_seconds: int = Field(default=30, validation_alias="DB_POOL_TIMEOUT_SECONDS")
    # Public address printed to users and put in emails.
    public_url: str = Field(default="http://localhost:3000", validation_alias="PUBLIC_URL")
    session_lifetime_hours: int = Field(default=24 * 7, validation_alias="SESSION_LIFETIME_HOURS")
    # Wrong passwords for one account from one address before each try waits: the first
    # wait, doubled at each further wrong password up to the cap (services/auth.py).
    login_free_failures: int = Field(default=5, validation_alias="LOGIN_FREE_FAILURES")
    login_delay_seconds: int = Field(default=30, validation_alias="LOGIN_DELAY_SECONDS")
    login_delay_cap_minutes: int = Field(default=15, validation_alias="LOGIN_DELAY_CAP_MINUTES")
    # Wrong passwords older than this are forgotten.
    login_failure_window_minutes: int = Field(
        default=60, validation_alias="LOGIN_FAILURE_WINDOW_MINUTES"
    )
    # Files the app writes (offers' hook images…), outside the web root.
    data_dir: str = Field(default="var", validation_alias="DATA_DIR")
    # Password reset links sent by email stay valid this long.
    password_reset_minutes: int = Field(default=60, validation_alias="PASSWORD_RESET_MINUTES")
    # Rule C1: the credit granted to young users from now on ("standard" or
    # "experimentation_2018", services/policy.GRANT_PRESETS).
    grant_preset: str = Field(default="standard", validation_alias="GRANT_PRESET")
    # FranceConnect (OpenID Connect) for the young users' identity check; off when unset.
    france_connect_issuer: str | None = Field(
        default=None, validation_alias="FRANCE_CONNECT_ISSUER"
    )
    france_connect_client_id: str | None = Field(
        default=None, validation_alias="FRANCE_CONNECT_CLIENT_ID"
    )
    france_connect_client_secret: SecretStr | None = Field(
        default=None, validation_alias="FRANCE_CONNECT_CLIENT_SECRET"
    )
    scheduler_enabled: bool = Field(default=True, validation_alias="SCHEDULER_ENABLED")
    # How long the elected scheduler leader keeps its lease without renewing it.
    scheduler_lease_seconds: int = Field(default=30, validation_alias="SCHEDULER_LEASE_SECONDS")
    smtp_host: str | None = Field(default=None, validation_alias="SMTP_HOST")
    smtp_port: int = Field(default=25, validation_alias="SMTP_PORT")
    # "starttls": upgrade a plain connection (port 587); "tls": TLS from the start (465).
    smtp_security: Literal["none", "starttls", "tls"] = Field(
        default="none", validation_alias="SMTP_SECURITY"
    )
    smtp_user: str | None = Field(default=None, validation_alias="SMTP_USER")
    # SecretStr: printed as '**********' by repr, logs and tracebacks.
    smtp_password: SecretStr | None = Field(default=None, validation_alias="SMTP_PASSWORD")
    smtp_timeout_seconds: float = Field(default=30, validation_alias="SMTP_TIMEOUT_SECONDS")
    mail_from: str = Field(
        default="pass Culture <ne-pas-repondre@passculture.local>", validation_alias="MAIL_FROM"
    )
    # Map tiles of the youth app's search (Leaflet URL template); empty = no tile layer.
    map_tile_url: str = Field(
        default="https://tile.openstreetmap.org/{z}/{x}/{y}.png", validation_alias="MAP_TILE_URL"
    )
    map_tile_attribution: str = Field(
        default="&copy; les contributeurs d'"
        '<a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>',
        validation_alias="MAP_TILE_ATTRIBUTION",
    )
    # The national address API places a venue's pin from its street address; off: the pin
    # starts on the commune (offline list).
    address_api_enabled: bool = Field(default=False, validation_alias="ADDRESS_API_ENABLED")
    address_api_url: str = Field(
        default="https://api-adresse.data.gouv.fr", validation_alias="ADDRESS_API_URL"
    )
    address_api_timeout_seconds: float = Field(
        default=3, validation_alias="ADDRESS_API_TIMEOUT_SECONDS"
    )
    # INSEE's Sirene API names a SIREN's legal unit and head office at pro sign-up; no
    # token: the step is skipped (services/sirene.py).
    sirene_api_token: SecretStr | None = Field(default=None, validation_alias="SIRENE_API_TOKEN")
    sirene_api_url: str = Field(
        default="https://api.insee.fr/entreprises/sirene/V3.11", validation_alias="SIRENE_API_URL"
    )
    sirene_api_timeout_seconds: float = Field(
        default=5, validation_alias="SIRENE_API_TIMEOUT_SECONDS"
    )
    # The account the payment runs' SEPA transfers are debited from (services/sepa.py).
    # The defaults are a demonstration account (Banque de France's sample IBAN).
    payer_name: str = Field(default="pass Culture", validation_alias="PAYER_NAME")
    payer_iban: str = Field(default="FR7630001007941234567890185", validation_alias="PAYER_IBAN")
    payer_bic: str = Field(default="BDFEFRPPCCT", validation_alias="PAYER_BIC")


@lru_cache
def get_settings() -> Settings:
    return Settings()
