"""The frame of every back-office page (desktop first): the signed-in header, then the
back office's navigation."""

import reflex as rx

from pages.components.section_nav import Section, section_nav
from pages.components.shell import signed_in_page
from state.auth import AdminSession

MAX_WIDTH = "76rem"

SECTIONS = (
    Section("accueil", "Accueil", "/admin"),
    Section("offres", "Offres à valider", "/admin/offres"),
    Section("structures", "Structures", "/admin/structures"),
    Section("recherche", "Recherche", "/admin/recherche"),
    Section("identites", "Identités à vérifier", "/admin/identites"),
    Section("rattachements", "Rattachements", "/admin/rattachements"),
    Section("coordonnees", "Coordonnées bancaires", "/admin/coordonnees-bancaires"),
    Section("paiements", "Paiements", "/admin/paiements"),
    Section("regles", "Règles de validation", "/admin/regles"),
    Section("journal", "Journal", "/admin/journal"),
    Section("emails", "Emails envoyés", "/admin/emails"),
)


def admin_page(*content: rx.Component, active: str) -> rx.Component:
    """A signed-in back-office page; `active` is the key of its section in SECTIONS."""
    nav = section_nav(SECTIONS, active, label="Navigation du back-office", max_width=MAX_WIDTH)
    return signed_in_page(
        AdminSession, *content, surface_name="Admin", max_width=MAX_WIDTH, nav=nav
    )
