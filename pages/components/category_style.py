"""One colour per search category: placeholders of offers without an image, category
doors of the home, demo posters (scripts/make_demo_posters.py)."""

import reflex as rx

from services.search_categories import SEARCH_CATEGORIES

# (background, motif) colours, light backgrounds under a dark motif.
CATEGORY_COLOURS: dict[str, tuple[str, str]] = {
    "CONCERTS_FESTIVALS": ("#FFE1D6", "#A33B12"),
    "CINEMA": ("#E4DCFF", "#4B2A9E"),
    "FILMS_DOCUMENTAIRES_SERIES": ("#DDE6FF", "#284A9E"),
    "LIVRES": ("#FFF0C7", "#7A5600"),
    "MUSIQUE": ("#D9F5E8", "#17684A"),
    "ARTS_LOISIRS_CREATIFS": ("#FFDDEE", "#9B1D5E"),
    "SPECTACLES": ("#FBE0E0", "#9C1C1C"),
    "MUSEES_VISITES_CULTURELLES": ("#E8E3D8", "#5C4A26"),
    "JEUX_JEUX_VIDEOS": ("#DDF3FB", "#125F7A"),
    "MEDIA_PRESSE": ("#E6E8EB", "#3A4350"),
    "CARTES_JEUNES": ("#F1E4FF", "#6B2C99"),
    "RENCONTRES_CONFERENCES": ("#E2F4D5", "#3D6A12"),
    "EVENEMENTS_EN_LIGNE": ("#D8F1F1", "#17615F"),
}
DEFAULT_COLOURS = ("#ECE6FF", "#320096")


def category_placeholder(category_id, *, size: int = 32, **props) -> rx.Component:
    """The category's colour and icon, decorative (the card names the offer)."""

    def tile(background: str, colour: str, icon: str) -> rx.Component:
        return rx.flex(
            rx.icon(icon, size=size, color=colour, aria_hidden="true"),
            background=background,
            align="center",
            justify="center",
            width="100%",
            height="100%",
            aria_hidden="true",
            **props,
        )

    return rx.match(
        category_id,
        *[(c.id, tile(*CATEGORY_COLOURS[c.id], c.icon)) for c in SEARCH_CATEGORIES],
        tile(*DEFAULT_COLOURS, "sparkles"),
    )
