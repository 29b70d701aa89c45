"""The command line, end to end on a throwaway SQLite file given with --database."""

import subprocess
import sys
from datetime import timedelta

import pytest
from sqlalchemy import inspect
from sqlmodel import select

import pass_culture.demo
from jobs import registry
from jobs.registry import Job
from pass_culture import clock, db
from pass_culture.cli import main
from pass_culture.models import UserSession
from tests.factories import make_user


def migrations_head_minus_one() -> str:
    from alembic.script import ScriptDirectory

    from pass_culture import migrations

    script = ScriptDirectory.from_config(migrations.alembic_config())
    return script.get_revision(script.get_current_head()).down_revision


@pytest.fixture
def cli(tmp_path, capsys):
    """Runs the CLI against a migrated database; returns (exit code, stdout, stderr)."""
    url = f"sqlite:///{tmp_path / 'cli.db'}"

    def run(*args: str) -> tuple[int, str, str]:
        code = main(["--database", url, *args])
        out, err = capsys.readouterr()
        return code, out, err

    assert run("db", "upgrade")[0] == 0
    yield run
    db.use_database(None)


def test_db_upgrade_then_downgrade_one_step(cli):
    assert "job_runs" in inspect(db.get_engine()).get_table_names()
    code, out, _ = cli("db", "downgrade")
    assert code == 0 and "« -1 »" in out
    # One step: the last migration is undone, the tables of the earlier ones stay.
    assert "job_runs" in inspect(db.get_engine()).get_table_names()
    with db.get_engine().connect() as connection:
        revision = connection.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
    assert revision == migrations_head_minus_one()


def test_jobs_list_shows_each_job_with_its_schedule_and_no_run_yet(cli):
    code, out, _ = cli("jobs", "list")
    assert code == 0
    assert "purge_sessions — Supprime les sessions expirées" in out
    assert "planification : toutes les 60 min (prochaine : " in out
    assert "dernière exécution : jamais" in out


def test_jobs_run_purge_sessions_prints_its_summary_and_list_shows_it(cli):
    user = make_user()
    with db.transaction() as session:
        session.add(
            UserSession(
                token_hash="expiree",
                user_id=user.id,
                surface="pro",
                expires_at=clock.utcnow() - timedelta(seconds=1),
            )
        )
    code, out, _ = cli("jobs", "run", "purge_sessions")
    assert code == 0
    assert out.strip().endswith(": 1.")
    with db.transaction(write=False) as session:
        assert session.exec(select(UserSession)).all() == []
    _, listing, _ = cli("jobs", "list")
    assert ", réussie — " in listing


def test_jobs_run_a_failing_job_exits_1(cli, monkeypatch):
    def broken() -> str:
        raise RuntimeError("serveur injoignable")

    monkeypatch.setitem(
        registry.JOBS, "cassee", Job("cassee", "Échoue", broken, "interval", {"minutes": 5})
    )
    code, out, err = cli("jobs", "run", "cassee")
    assert (code, out) == (1, "")
    assert "Échec de « cassee » : RuntimeError: serveur injoignable" in err


def test_jobs_run_an_unknown_job_exits_2_in_french(cli):
    code, _, err = cli("jobs", "run", "inconnue")
    assert code == 2
    assert "Tâche inconnue : « inconnue ». Tâches disponibles : " in err
    assert "purge_sessions" in err


def test_module_entry_point_exit_code(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "pass_culture.cli", "jobs", "run", "inconnue"],
        capture_output=True,
        text=True,
        env={"DATABASE_URL": f"sqlite:///{tmp_path / 'vide.db'}", "PATH": ""},
        timeout=60,
        check=False,
    )
    assert result.returncode == 2, result.stderr
    assert "Tâche inconnue" in result.stderr


def test_demo_load_if_empty_loads_only_into_a_database_without_accounts(cli, monkeypatch):
    monkeypatch.setattr(pass_culture.demo, "load_demo", lambda: "Chargées.")
    assert cli("demo", "load", "--if-empty")[1] == "Chargées.\n"
    make_user()
    code, out, _ = cli("demo", "load", "--if-empty")
    assert code == 0 and "non chargées" in out
    assert cli("demo", "load")[1] == "Chargées.\n"


def test_demo_accounts_lists_every_account_and_the_password(cli):
    code, out, _ = cli("demo", "accounts")
    assert code == 0
    assert "mot de passe commun : Culture-Pass-2026!" in out
    assert "pro.attente@demo.passculture.fr" in out


def test_an_unmigrated_database_gets_a_french_hint_not_a_traceback(tmp_path, capsys):
    code = main(["--database", f"sqlite:///{tmp_path / 'vide.db'}", "jobs", "list"])
    err = capsys.readouterr().err
    db.use_database(None)
    assert code == 1
    assert "Base de données inutilisable" in err
    assert "db upgrade" in err
    assert "Traceback" not in err
