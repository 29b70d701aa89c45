"""Identity check (/verification-identite, phone first): FranceConnect, or a photo or scan
of an identity document sent for an admin to check; then « vérification en cours »."""

import reflex as rx

from pages.components.brand import PURPLE
from pages.components.france_connect import france_connect_button
from pages.components.panels import loading, purple_link, refusal
from pages.components.signup_frame import signup_frame
from pages.components.upload import drop_zone
from pages.registry import page
from services.documents import MAX_BYTES
from services.identity_checks import Step
from state.auth import YouthSession
from state.youth.identity import IdentityState

S = IdentityState
UPLOAD_ID = "identity-document"
ACCEPTED = {"application/pdf": [".pdf"], "image/jpeg": [".jpg", ".jpeg"], "image/png": [".png"]}


def _home_link() -> rx.Component:
    return purple_link("Retour à l'accueil", href="/", weight="bold")


def _upload_zone() -> rx.Component:
    return drop_zone(
        rx.vstack(
            rx.icon("file-up", size=32, aria_hidden="true", color=PURPLE),
            rx.text(
                "Photo ou scan, PDF, JPEG ou PNG, 10\u00a0Mo au plus.", size="2", align="center"
            ),
            rx.button(
                "Choisir mon document", type="button", size="3", loading=S.busy, background=PURPLE
            ),
            align="center",
            spacing="2",
        ),
        upload_id=UPLOAD_ID,
        label="Ton document d'identité (PDF, JPEG ou PNG)",
        accept=ACCEPTED,
        max_size=MAX_BYTES,
        on_drop=S.upload,
        on_refused=S.refused_by_the_browser,
        padding="1.25rem",
    )


def _send() -> rx.Component:
    return rx.vstack(
        rx.cond(
            S.step == Step.REJECTED,
            rx.callout(
                rx.text("Refusé : ", S.message, " — envoie un autre document."),
                icon="triangle_alert",
                color_scheme="amber",
                high_contrast=True,
                width="100%",
            ),
        ),
        rx.text(
            "Pour activer ton crédit, nous vérifions que tu es bien toi. Envoie la photo ou le "
            "scan de ta carte d'identité, de ton passeport ou de ton titre de séjour : en "
            "cours de validité, lisible en entier, à ton nom."
        ),
        france_connect_button(),
        _upload_zone(),
        refusal(S.error),
        rx.text(
            "Ton document n'est vu que par l'équipe pass Culture, pour cette vérification.",
            size="2",
            color="var(--gray-11)",
        ),
        spacing="4",
        width="100%",
    )


def _pending() -> rx.Component:
    return rx.vstack(
        rx.callout(
            "Nous regardons ton document et t'écrivons dès que c'est fait. Ton crédit sera "
            "activé juste après.",
            icon="hourglass",
            high_contrast=True,
            role="status",
            width="100%",
        ),
        purple_link(
            "Voir le document envoyé",
            href="/documents/identite/" + S.pending_check_id.to_string(),
            is_external=True,
        ),
        _home_link(),
        spacing="4",
        width="100%",
    )


def _elsewhere(text: rx.Var | str, link: rx.Component) -> rx.Component:
    return rx.vstack(rx.text(text), link, spacing="4", width="100%")


def _content() -> rx.Component:
    profile = purple_link("Compléter mon profil", href="/inscription/profil", weight="bold")
    return rx.match(
        S.step,
        (Step.VERIFY_IDENTITY, _send()),
        (Step.REJECTED, _send()),
        (Step.PENDING, _pending()),
        (Step.CREDITED, _elsewhere(S.credit, _home_link())),
        (Step.VERIFY_EMAIL, _elsewhere("Confirme d'abord ton adresse email.", profile)),
        (Step.COMPLETE_PROFILE, _elsewhere("Complète d'abord ton profil.", profile)),
        (Step.NOT_ELIGIBLE, _elsewhere(S.message, _home_link())),
        _elsewhere("Cette page est réservée aux comptes jeunes.", _home_link()),
    )


@page(
    route="/verification-identite",
    title="Vérifie ton identité — pass Culture",
    on_load=[YouthSession.guard, IdentityState.load],
)
def identity() -> rx.Component:
    return signup_frame(
        rx.cond(S.step == Step.PENDING, "Vérification en cours", "Vérifie ton identité"),
        rx.cond(S.loaded, _content(), loading()),
    )
