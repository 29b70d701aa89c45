"""Apply the Alembic migrations from code (app start, CLI, tests)."""

from pathlib import Path

from alembic import command
from alembic.config import Config

from pass_culture import db

ROOT = Path(__file__).resolve().parent.parent


def alembic_config() -> Config:
    config = Config(str(ROOT / "alembic.ini"))
    config.set_main_option("script_location", str(ROOT / "alembic"))
    config.attributes["configure_logger"] = False
    return config


def upgrade(revision: str = "head") -> None:
    with db.get_engine().begin() as connection:
        config = alembic_config()
        config.attributes["connection"] = connection
        command.upgrade(config, revision)


def downgrade(revision: str = "base") -> None:
    with db.get_engine().begin() as connection:
        config = alembic_config()
        config.attributes["connection"] = connection
        command.downgrade(config, revision)
