"""Liveness probe for load balancers and the start scripts: is the database answering?"""

import asyncio

from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError
from starlette.requests import Request
from starlette.responses import JSONResponse

from pass_culture import db


def _database_dialect() -> str:
    with db.get_engine().connect() as connection:
        connection.execute(text("SELECT 1"))
    return db.get_engine().dialect.name


async def health(_request: Request) -> JSONResponse:
    try:
        dialect = await asyncio.to_thread(_database_dialect)
    except SQLAlchemyError:
        return JSONResponse({"statut": "indisponible", "base": "injoignable"}, status_code=503)
    return JSONResponse({"statut": "ok", "base": dialect})
