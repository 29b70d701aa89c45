"""The structure in use (/pro/structure): its name, SIREN and status, its venues, each
opening its form, with « Ajouter un lieu »; its team and joining another structure."""

import reflex as rx

from pages.components.brand import PURPLE
from pages.components.panels import detail, loading, panel, purple_link
from pages.components.pro_shell import pro_page
from pages.pro.structure_team import team_and_join
from pages.registry import page
from state.auth import ProSession
from state.pro.team import TeamState
from state.pro.venues import StructureState as S

_CELL = {"padding": "0.6rem 0.75rem", "vertical_align": "top", "text_align": "left"}


def add_venue_button() -> rx.Component:
    return rx.button(
        rx.link(
            rx.icon("plus", size=18, aria_hidden="true"),
            "Ajouter un lieu",
            href="/pro/lieux/nouveau",
            color="white",
            _hover={"color": "white"},
            underline="none",
        ),
        as_child=True,
        size="3",
        background=PURPLE,
    )


def _row(line: rx.Var) -> rx.Component:
    return rx.el.tr(
        rx.el.td(purple_link(line["name"], href=line["href"], weight="bold"), style=_CELL),
        rx.el.td(line["kind"], style=_CELL),
        rx.el.td(line["siret"], style=_CELL | {"font_variant_numeric": "tabular-nums"}),
        rx.el.td(line["where"], style=_CELL),
        border_top="1px solid var(--gray-5)",
    )


def _venues() -> rx.Component:
    head = {**_CELL, "font_size": "0.85rem", "color": "var(--gray-11)"}
    return rx.el.section(
        rx.flex(
            rx.heading("Lieux", as_="h2", size="5"),
            add_venue_button(),
            justify="between",
            align="center",
            wrap="wrap",
            gap="1rem",
            width="100%",
        ),
        rx.cond(
            S.venue_lines.length() > 0,
            rx.box(
                rx.el.table(
                    rx.el.caption(
                        "Les lieux de la structure, par nom",
                        style={"text_align": "left", "padding": "0.6rem 0.75rem"},
                        color="var(--gray-11)",
                    ),
                    rx.el.thead(
                        rx.el.tr(
                            *[
                                rx.el.th(title, scope="col", style=head)
                                for title in ("Lieu", "Type", "SIRET", "Commune")
                            ]
                        )
                    ),
                    rx.el.tbody(rx.foreach(S.venue_lines, _row)),
                    width="100%",
                    style={"border_collapse": "collapse"},
                ),
                background="white",
                border="1px solid var(--gray-5)",
                border_radius="12px",
                overflow_x="auto",
                width="100%",
                margin_top="0.75rem",
            ),
            rx.text(
                "La structure n’a pas encore de lieu : ajoutez-en un pour y proposer des offres.",
                margin_top="0.75rem",
            ),
        ),
        width="100%",
    )


def _structure() -> rx.Component:
    return rx.vstack(
        panel(
            S.name,
            rx.el.dl(
                detail("SIREN", S.siren, font_variant_numeric="tabular-nums"),
                detail("Statut", S.status),
                margin="0",
                width="100%",
            ),
            max_width="48rem",
        ),
        _venues(),
        spacing="5",
        width="100%",
    )


@page(
    route="/pro/structure",
    title="Structure — Espace professionnel — pass Culture",
    on_load=[ProSession.guard, S.load, TeamState.load],
)
def structure() -> rx.Component:
    return pro_page(
        rx.heading("Structure", as_="h1", size="7"),
        rx.cond(
            S.loaded,
            rx.cond(S.error != "", rx.callout(S.error, icon="info", width="100%"), _structure()),
            loading("Chargement de la structure"),
        ),
        team_and_join(),
        active="structure",
    )
