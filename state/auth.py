"""Who is signed in, per surface: the session token cookie and the sign-in/out events.

The browser holds only the opaque token (a cookie per surface); the user is looked up
from it on the server for every event that needs one, never taken from the client.
Page states of a surface subclass its session state and call `self._current_user()`.
"""

import asyncio
import logging
import traceback
from typing import ClassVar

import reflex as rx
from reflex.event import EventSpec

from pass_culture.models import Role, Surface, User
from pass_culture.settings import get_settings
from services import auth
from services.errors import DomainError

logger = logging.getLogger(__name__)

HOME_ROUTES = {Surface.YOUTH: "/", Surface.PRO: "/pro", Surface.ADMIN: "/admin"}
LOGIN_ROUTES = {
    Surface.YOUTH: "/connexion",
    Surface.PRO: "/pro/connexion",
    Surface.ADMIN: "/admin/connexion",
}
ROLE_LABELS = {
    Role.BENEFICIARY: "Bénéficiaire du pass Culture",
    Role.PRO: "Professionnel",
    Role.ADMIN: "Administrateur",
}


class SignedOut(Exception):
    """No live session on this surface: the user must sign in again."""

    def __init__(self, surface: Surface):
        super().__init__(f"Pas de session sur {surface}")
        self.surface = surface


def on_backend_exception(exception: Exception) -> EventSpec:
    """App backend exception handler: an event that meets an ended session goes to sign-in."""
    if isinstance(exception, SignedOut):
        return rx.redirect(LOGIN_ROUTES[exception.surface])
    logger.error("Erreur du serveur :\n%s", "".join(traceback.format_exception(exception)))
    return rx.toast.error(
        "Une erreur inattendue est survenue. Réessayez dans un instant ; si elle persiste, "
        "contactez le support du pass Culture.",
        id="backend_error",
        position="top-center",
    )


def _cookie_options(surface: Surface) -> dict:
    return {
        "name": f"pc_session_{surface}",
        "path": "/",
        "same_site": "strict",
        "secure": get_settings().public_url.startswith("https://"),
        "max_age": get_settings().session_lifetime_hours * 3600,
    }


def session_cookie(surface: Surface) -> rx.Cookie:
    return rx.Cookie("", **_cookie_options(surface))


class SessionMixin(rx.State, mixin=True):
    """Sign-in, sign-out and the page guard of one surface (set by the concrete state)."""

    surface: ClassVar[Surface]
    session_token: str  # the surface's cookie, declared by the concrete state

    login_error: str = ""
    # Shown in the page header; filled by the guard from the server-side session.
    user_first_name: str = ""
    user_full_name: str = ""
    user_email: str = ""
    user_role: str = ""

    def _current_user(self) -> User:
        """The signed-in user, from the session token; raises SignedOut without one."""
        user = auth.user_for_token(self.session_token, self.surface)
        if user is None:
            raise SignedOut(self.surface)
        return user

    async def _signed_in_user(self) -> User:
        """`_current_user`, looked up off the event loop (for async handlers)."""
        return await asyncio.to_thread(self._current_user)

    def _show(self, user: User | None) -> None:
        self.user_first_name = user.first_name if user else ""
        self.user_full_name = user.full_name if user else ""
        self.user_email = user.email if user else ""
        self.user_role = ROLE_LABELS[Role(user.role)] if user else ""

    @rx.event
    def guard(self):
        """on_load of protected pages: to the sign-in page unless signed in here."""
        user = auth.user_for_token(self.session_token, self.surface)
        self._show(user)
        if user is None:
            return rx.redirect(LOGIN_ROUTES[self.surface])
        return None

    @rx.event
    def skip_sign_in(self):
        """on_load of the sign-in page: someone already signed in goes home."""
        self.login_error = ""
        if auth.user_for_token(self.session_token, self.surface) is not None:
            return rx.redirect(HOME_ROUTES[self.surface])
        return None

    @rx.event
    def log_in(self, form_data: dict[str, str]):
        try:
            token, user = auth.login(
                form_data.get("email", ""), form_data.get("password", ""), self.surface
            )
        except DomainError as refusal:
            self.login_error = refusal.message
            return None
        self.login_error = ""
        self.session_token = token
        self._show(user)
        return rx.redirect(HOME_ROUTES[self.surface])

    @rx.event
    def log_out(self):
        auth.logout(self.session_token)
        self.session_token = ""
        self._show(None)
        options = _cookie_options(self.surface)
        return [
            rx.remove_cookie(options["name"], {"path": options["path"]}),
            rx.redirect(LOGIN_ROUTES[self.surface]),
        ]


class YouthSession(SessionMixin, rx.State):
    surface: ClassVar[Surface] = Surface.YOUTH
    session_token: str = session_cookie(Surface.YOUTH)
    # Rule E4: a pro signed in here previews the app and cannot book.
    is_preview: bool = False

    def _show(self, user: User | None) -> None:
        super()._show(user)
        self.is_preview = user is not None and user.role == Role.PRO


class ProSession(SessionMixin, rx.State):
    surface: ClassVar[Surface] = Surface.PRO
    session_token: str = session_cookie(Surface.PRO)


class AdminSession(SessionMixin, rx.State):
    surface: ClassVar[Surface] = Surface.ADMIN
    session_token: str = session_cookie(Surface.ADMIN)
