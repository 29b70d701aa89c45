"""The FranceConnect result page (/verification-identite/franceconnect): the French text of
the code the return route put in the address (never a text read from the address)."""

import reflex as rx

from services import france_connect
from state.auth import YouthSession


class FranceConnectState(YouthSession):
    activated: bool = False
    error_message: str = ""

    @rx.event
    def load(self):
        query = self.router.url.query_parameters
        self.activated = query.get("resultat") == france_connect.ACTIVATED
        code = str(query.get("erreur", ""))
        self.error_message = france_connect.message_for(code) if code else ""
