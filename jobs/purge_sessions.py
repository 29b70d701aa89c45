"""Job: delete expired or revoked login sessions and old login attempts."""

from jobs.registry import job
from pass_culture import clock
from services import auth


@job("purge_sessions", "Supprime les sessions expirées", trigger="interval", minutes=60)
def purge_sessions() -> str:
    deleted = auth.purge_expired_sessions(now=clock.utcnow())
    return f"Sessions expirées et anciennes tentatives de connexion supprimées : {deleted}."
