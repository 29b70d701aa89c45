"""Command line: database migrations, demo data and scheduled jobs.

python -m pass_culture.cli [--database URL] db upgrade | db downgrade [RÉVISION]
python -m pass_culture.cli demo load [--if-empty] | demo accounts
python -m pass_culture.cli jobs list | jobs run NOM
python -m pass_culture.cli payments run [ÉCHÉANCE]
"""

import argparse
import logging
import sys
from collections.abc import Callable, Sequence
from datetime import date, datetime

from sqlalchemy.exc import OperationalError, ProgrammingError
from sqlmodel import select

from jobs.registry import JOBS, last_runs, load_jobs, run_job
from jobs.scheduler import new_holder_id
from pass_culture import clock, db, migrations
from pass_culture.models import User
from services import payouts
from services.errors import DomainError

RUN_STATUS = {"running": "en cours", "success": "réussie", "failure": "échouée"}

Command = Callable[[argparse.Namespace], int]


def db_upgrade(args: argparse.Namespace) -> int:
    migrations.upgrade(args.revision)
    print(f"Base de données migrée jusqu'à la révision « {args.revision} ».")
    return 0


def db_downgrade(args: argparse.Namespace) -> int:
    migrations.downgrade(args.revision)
    print(f"Base de données ramenée à la révision « {args.revision} ».")
    return 0


def demo_load(args: argparse.Namespace) -> int:
    from pass_culture.demo import load_demo

    if args.if_empty and _has_accounts():
        print("La base contient déjà des comptes : données de démonstration non chargées.")
        return 0
    print(load_demo())
    return 0


def demo_accounts(_args: argparse.Namespace) -> int:
    from pass_culture.demo import DEMO_ACCOUNTS, DEMO_PASSWORD

    print(f"Comptes de démonstration (mot de passe commun : {DEMO_PASSWORD}) :")
    for account in DEMO_ACCOUNTS:
        print(f"  {account.email:<45} {account.role_label} — {account.description}")
    return 0


def jobs_list(_args: argparse.Namespace) -> int:
    jobs = load_jobs()
    runs = last_runs()
    now = clock.to_paris(clock.utcnow())
    for name, job in sorted(jobs.items()):
        next_run = job.build_trigger().get_next_fire_time(None, now)
        print(f"{name} — {job.description}")
        print(f"  planification : {job.schedule} (prochaine : {_when(next_run)})")
        run = runs.get(name)
        if run is None:
            print("  dernière exécution : jamais")
        else:
            print(
                f"  dernière exécution : {_when(run.started_at)}, {RUN_STATUS[run.status]}"
                + (f" — {run.detail}" if run.detail else "")
            )
    return 0


def jobs_run(args: argparse.Namespace) -> int:
    if args.name not in load_jobs():
        known = ", ".join(sorted(JOBS))
        print(f"Tâche inconnue : « {args.name} ». Tâches disponibles : {known}.", file=sys.stderr)
        return 2
    run = run_job(args.name, holder=f"cli:{new_holder_id()}")
    if run.status != "success":
        print(f"Échec de « {args.name} » : {run.detail}", file=sys.stderr)
        return 1
    print(run.detail)
    return 0


def payments_run(args: argparse.Namespace) -> int:
    try:
        cutoff = date.fromisoformat(args.cutoff) if args.cutoff else None
        run = payouts.run_payments(cutoff)
    except ValueError:
        print(f"Date invalide : « {args.cutoff} » (attendu : AAAA-MM-JJ).", file=sys.stderr)
        return 2
    except DomainError as refused:
        print(refused.message, file=sys.stderr)
        return 1
    print(run.text)
    return 0


def _has_accounts() -> bool:
    with db.transaction(write=False) as session:
        return session.exec(select(User.id)).first() is not None


def _when(moment: datetime | None) -> str:
    return clock.to_paris(moment).strftime("%d/%m/%Y %H:%M") if moment else "—"


class _FrenchHelpFormatter(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):
        super().add_usage(usage, actions, groups, "utilisation : " if prefix is None else prefix)


def _help_option(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
    parser.add_argument("-h", "--help", action="help", help="affiche cette aide et quitte")
    return parser


def _subcommands(parser: argparse.ArgumentParser, dest: str) -> argparse._SubParsersAction:
    return parser.add_subparsers(dest=dest, required=True, title="commandes", metavar="COMMANDE")


def _command(
    commands: argparse._SubParsersAction, name: str, help_text: str, handler: Command
) -> argparse._ArgumentGroup:
    """A leaf command; returns the group its arguments go to."""
    parser = commands.add_parser(
        name,
        help=help_text,
        description=help_text,
        add_help=False,
        formatter_class=_FrenchHelpFormatter,
    )
    parser.set_defaults(handler=handler)
    return _help_option(parser).add_argument_group("arguments")


def _group(
    commands: argparse._SubParsersAction, name: str, help_text: str
) -> argparse._SubParsersAction:
    parser = commands.add_parser(
        name,
        help=help_text,
        description=help_text,
        add_help=False,
        formatter_class=_FrenchHelpFormatter,
    )
    return _subcommands(_help_option(parser), f"{name}_command")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="pass-culture",
        description=(
            "Administration de pass Culture : base de données, démonstration, tâches, paiements."
        ),
        add_help=False,
        formatter_class=_FrenchHelpFormatter,
    )
    _help_option(parser).add_argument(
        "--database",
        metavar="URL",
        help="base de données à utiliser (par défaut DATABASE_URL ou la base SQLite locale)",
    )
    groups = _subcommands(parser, "group")

    database = _group(groups, "db", "migrations du schéma de la base")
    _command(database, "upgrade", "applique les migrations", db_upgrade).add_argument(
        "revision", nargs="?", default="head", metavar="RÉVISION", help="par défaut : head"
    )
    _command(database, "downgrade", "annule des migrations", db_downgrade).add_argument(
        "revision",
        nargs="?",
        default="-1",
        metavar="RÉVISION",
        help="par défaut : -1 (la dernière migration)",
    )

    demo = _group(groups, "demo", "données de démonstration")
    _command(demo, "load", "charge les données de démonstration", demo_load).add_argument(
        "--if-empty",
        action="store_true",
        help="seulement si la base ne contient encore aucun compte",
    )
    _command(demo, "accounts", "affiche les comptes de démonstration", demo_accounts)

    jobs = _group(groups, "jobs", "tâches planifiées")
    _command(
        jobs, "list", "liste les tâches, leur planification et leur dernière exécution", jobs_list
    )
    _command(jobs, "run", "exécute une tâche maintenant", jobs_run).add_argument(
        "name", metavar="NOM", help="nom de la tâche (voir « jobs list »)"
    )

    payments = _group(groups, "payments", "paiements des remboursements")
    pay = _command(payments, "run", "paie une échéance (reprend un inachevé)", payments_run)
    pay.add_argument(
        "cutoff",
        nargs="?",
        metavar="ÉCHÉANCE",
        help="le 1er ou le 16 d'un mois, AAAA-MM-JJ (par défaut : la dernière échue)",
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s : %(message)s")
    if args.database:
        db.use_database(args.database)
    try:
        return args.handler(args)
    except (OperationalError, ProgrammingError) as error:
        # Missing tables or an unreachable server: say what to do rather than a traceback.
        print(
            f"Base de données inutilisable ({db.database_url()}) : {error.orig}\n"
            "Vérifiez l'adresse de la base puis appliquez les migrations : "
            "python -m pass_culture.cli db upgrade",
            file=sys.stderr,
        )
        return 1


if __name__ == "__main__":
    sys.exit(main())
