"""Who is signed in, per surface: the session token cookie and the sign-in/out events.

The browser holds only the opaque token (a cookie per surface); the user is looked up
from it on the server for every event that needs one, never taken from the client.
Page states of a surface subclass its session state and call `self._current_user()`.
"""

import asyncio
import json
import logging
import traceback
from typing import ClassVar

import reflex as rx
from reflex.event import EventSpec

from pass_culture.models import Role, Surface, User
from pass_culture.settings import get_settings
from services import auth, pro_home, verification_mails
from services.errors import DomainError

logger = logging.getLogger(__name__)

HOME_ROUTES = {Surface.YOUTH: "/", Surface.PRO: "/pro", Surface.ADMIN: "/admin"}
LOGIN_ROUTES = {
    Surface.YOUTH: "/connexion",
    Surface.PRO: "/pro/connexion",
    Surface.ADMIN: "/admin/connexion",
}
DOOR_LINKS = {
    Surface.YOUTH: "Se connecter à l'application jeunes",
    Surface.PRO: "Se connecter à l'espace professionnel",
    Surface.ADMIN: "Se connecter au back-office",
}
FORGOT_PASSWORD_ROUTES = {
    Surface.YOUTH: "/mot-de-passe-oublie",
    Surface.PRO: "/pro/mot-de-passe-oublie",
    Surface.ADMIN: "/admin/mot-de-passe-oublie",
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
    # After a right password at the wrong door: the link to the account's own sign-in.
    login_door_href: str = ""
    login_door_label: str = ""
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
        self.login_error = self.login_door_href = self.login_door_label = ""
        self._refused(None, "")
        if auth.user_for_token(self.session_token, self.surface) is not None:
            return rx.redirect(HOME_ROUTES[self.surface])
        return None

    def _refused(self, refusal: DomainError | None, email: str) -> None:
        """What a surface shows about a refused sign-in (None: a new try forgets it)."""

    @rx.event
    async def log_in(self, form_data: dict[str, str]):
        self.login_door_href = self.login_door_label = ""
        self._refused(None, "")
        try:
            token, user = await asyncio.to_thread(
                auth.login,
                form_data.get("email", ""),
                form_data.get("password", ""),
                self.surface,
                # The peer's address, or the one a trusted proxy forwarded when
                # REFLEX_TRUSTED_PROXY_HOPS says how many proxies stand in front.
                client_ip=self.router.session.client_ip,
            )
        except auth.WrongDoor as refusal:
            self.login_error = refusal.message
            self.login_door_href = LOGIN_ROUTES[refusal.door]
            self.login_door_label = DOOR_LINKS[refusal.door]
            return None
        except DomainError as refusal:
            self.login_error = refusal.message
            self._refused(refusal, form_data.get("email", ""))
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
    """Also the structure and venue in use, shown and switched in every pro page's frame;
    the choice is remembered in the browser and re-checked against the pro's structures."""

    surface: ClassVar[Surface] = Surface.PRO
    session_token: str = session_cookie(Surface.PRO)

    chosen_structure: str = rx.LocalStorage("", name="pc_pro_structure")
    chosen_venue: str = rx.LocalStorage("", name="pc_pro_lieu")
    offerer_id: int = 0  # 0: the pro belongs to no validated structure yet
    venue_id: int = 0  # 0: all the structure's venues
    offerer_name: str = ""
    offerer_status: str = ""
    structures: list[dict[str, str]] = []  # id (as text) and name, for the switcher
    venues: list[dict[str, str]] = []
    _choices: list[pro_home.StructureChoice] = []
    # Rule O2: the right password of an address not verified yet, « Renvoyer l'email ».
    login_unverified: bool = False
    resend_notice: str = ""
    resend_error: str = ""
    _unverified_email: str = ""

    def _refused(self, refusal: DomainError | None, email: str) -> None:
        self.login_unverified = refusal is not None and refusal.code == "email_not_verified"
        self._unverified_email = email if self.login_unverified else ""
        self.resend_notice = self.resend_error = ""

    @rx.event
    async def resend_verification(self):
        self.resend_notice = self.resend_error = ""
        if not self._unverified_email:
            return
        try:
            await asyncio.to_thread(verification_mails.resend, self._unverified_email)
        except DomainError as refusal:
            self.resend_error = refusal.message
            return
        self.resend_notice = (
            "Email renvoyé : regardez votre boîte mail et vos courriers indésirables."
        )

    @rx.event
    async def guard(self):
        """on_load of pro pages: the session, then the structures the pro may switch to."""
        user = await asyncio.to_thread(auth.user_for_token, self.session_token, self.surface)
        self._show(user)
        if user is None:
            return rx.redirect(LOGIN_ROUTES[self.surface])
        self._choices = await asyncio.to_thread(pro_home.structures_of, user.id)
        self.structures = [{"id": str(s.id), "name": s.name} for s in self._choices]
        self._use(self.chosen_structure, self.chosen_venue)
        return None

    def _use(self, structure: str, venue: str) -> None:
        """Picks the structure and venue asked for if they are the pro's, else the first
        structure and all its venues."""
        chosen = next((s for s in self._choices if str(s.id) == structure), None)
        chosen = chosen or (self._choices[0] if self._choices else None)
        venues = chosen.venues if chosen else ()
        self.offerer_id = chosen.id if chosen else 0
        self.offerer_name = chosen.name if chosen else ""
        self.offerer_status = chosen.status if chosen else ""
        self.venues = [{"id": str(v.id), "name": v.name} for v in venues]
        self.venue_id = next((v.id for v in venues if str(v.id) == venue), 0)
        self.chosen_structure = str(self.offerer_id or "")
        self.chosen_venue = str(self.venue_id or "")

    def _remember_and_reload(self):
        # Written by the script itself: the page reloads before Reflex would store it.
        return rx.call_script(
            f"localStorage.setItem('pc_pro_structure', {json.dumps(self.chosen_structure)});"
            f"localStorage.setItem('pc_pro_lieu', {json.dumps(self.chosen_venue)});"
            "window.location.reload()"
        )

    @rx.event
    def switch_structure(self, structure: str):
        self._use(structure, "")
        return self._remember_and_reload()

    @rx.event
    def switch_venue(self, venue: str):
        self._use(str(self.offerer_id), venue)
        return self._remember_and_reload()


class AdminSession(SessionMixin, rx.State):
    surface: ClassVar[Surface] = Surface.ADMIN
    session_token: str = session_cookie(Surface.ADMIN)
