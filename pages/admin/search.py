"""The back office's search (/admin/recherche): users, structures and venues found by
name, email, SIREN, SIRET or postal code, grouped, each structure linked to its page."""

import reflex as rx

from pages.components.admin_shell import admin_page
from pages.components.brand import PURPLE
from pages.components.fields import FIELD_STYLE, field_label
from pages.components.pager import pager
from pages.components.panels import panel, purple_link, refusal
from pages.registry import page
from state.admin.search import AdminSearchState, GroupLines, HitLine
from state.auth import AdminSession


def _hit(hit: HitLine) -> rx.Component:
    return rx.el.li(
        rx.cond(
            hit.href != "",
            purple_link(hit.title, href=hit.href, weight="bold"),
            rx.text(hit.title, weight="bold"),
        ),
        rx.text(hit.subtitle, size="2", color="var(--gray-11)"),
        padding="0.5rem 0",
        border_bottom="1px solid var(--gray-4)",
    )


def _group(title: str, group: GroupLines, none: str) -> rx.Component:
    return panel(
        rx.text.span(title, " (", group.total, ")"),
        rx.cond(
            group.total > 0,
            rx.el.ul(
                rx.foreach(group.hits, _hit),
                list_style="none",
                margin="0",
                padding="0",
                width="100%",
            ),
            rx.text(none, color="var(--gray-11)"),
        ),
    )


def _form() -> rx.Component:
    return rx.form(
        rx.vstack(
            field_label("Nom, email, SIREN, SIRET ou code postal", "q"),
            rx.flex(
                rx.el.input(
                    id="q",
                    name="q",
                    type="search",
                    auto_complete="off",
                    auto_focus=True,
                    style=FIELD_STYLE | {"max_width": "30rem"},
                ),
                rx.button("Rechercher", type="submit", size="3", background=PURPLE),
                spacing="3",
                align="center",
                width="100%",
            ),
            spacing="2",
            width="100%",
        ),
        role="search",
        aria_label="Recherche dans le back-office",
        on_submit=AdminSearchState.search,
        reset_on_submit=False,
        width="100%",
    )


@page(
    route="/admin/recherche",
    title="Recherche — Back-office — pass Culture",
    on_load=[AdminSession.guard, AdminSearchState.load],
)
def search() -> rx.Component:
    return admin_page(
        rx.heading("Recherche", as_="h1", size="7"),
        _form(),
        refusal(AdminSearchState.error),
        rx.cond(
            AdminSearchState.searched,
            rx.vstack(
                rx.text("Résultats pour « ", AdminSearchState.query, " »", role="status"),
                _group("Structures", AdminSearchState.structures, "Aucune structure."),
                _group("Lieux", AdminSearchState.venues, "Aucun lieu."),
                _group("Utilisateurs", AdminSearchState.users, "Aucun utilisateur."),
                pager(
                    AdminSearchState.page,
                    AdminSearchState.pages,
                    AdminSearchState.go_to_page,
                    label="Pages des résultats",
                ),
                spacing="3",
                width="100%",
            ),
        ),
        active="recherche",
    )
