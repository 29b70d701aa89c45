"""The search categories of the youth app's discovery (pcapi-facts §6, `CATEGORY_CRITERIA`).

Thirteen groups, in the app's landing order; every subcategory of the catalogue (rule F1)
belongs to exactly one of them. `icon` is a lucide icon name (`rx.icon`).
"""

from dataclasses import dataclass

from services.errors import DomainError
from services.subcategories import SUBCATEGORIES


@dataclass(frozen=True)
class SearchCategory:
    id: str
    label: str
    icon: str


SEARCH_CATEGORIES: tuple[SearchCategory, ...] = (
    SearchCategory("CONCERTS_FESTIVALS", "Concerts & festivals", "music"),
    SearchCategory("CINEMA", "Cinéma", "clapperboard"),
    SearchCategory("FILMS_DOCUMENTAIRES_SERIES", "Films, documentaires et séries", "film"),
    SearchCategory("LIVRES", "Livres", "book-open"),
    SearchCategory("MUSIQUE", "Musique", "headphones"),
    SearchCategory("ARTS_LOISIRS_CREATIFS", "Arts & loisirs créatifs", "palette"),
    SearchCategory("SPECTACLES", "Spectacles", "drama"),
    SearchCategory("MUSEES_VISITES_CULTURELLES", "Musées & visites culturelles", "landmark"),
    SearchCategory("JEUX_JEUX_VIDEOS", "Jeux & jeux vidéo", "gamepad-2"),
    SearchCategory("MEDIA_PRESSE", "Médias & presse", "newspaper"),
    SearchCategory("CARTES_JEUNES", "Cartes jeunes", "id-card"),
    SearchCategory("RENCONTRES_CONFERENCES", "Rencontres & conférences", "mic"),
    SearchCategory("EVENEMENTS_EN_LIGNE", "Évènements en ligne", "monitor-play"),
)

_BY_ID: dict[str, SearchCategory] = {category.id: category for category in SEARCH_CATEGORIES}

# Subcategory → search category, by subcategory id (as pcapi's search groups, adapted to
# this catalogue: instruments and scores go with music, live streams with online events).
_GROUPS: dict[str, tuple[str, ...]] = {
    "CONCERTS_FESTIVALS": ("CONCERT", "FESTIVAL_MUSIQUE", "EVENEMENT_MUSIQUE", "ABO_CONCERT"),
    "CINEMA": (
        "SEANCE_CINE",
        "CINE_PLEIN_AIR",
        "EVENEMENT_CINE",
        "FESTIVAL_CINE",
        "CARTE_CINE_ILLIMITE",
        "CARTE_CINE_MULTISEANCES",
        "CINE_VENTE_DISTANCE",
    ),
    "FILMS_DOCUMENTAIRES_SERIES": (
        "SUPPORT_PHYSIQUE_FILM",
        "ABO_MEDIATHEQUE",
        "VOD",
        "ABO_PLATEFORME_VIDEO",
        "AUTRE_SUPPORT_NUMERIQUE",
    ),
    "LIVRES": (
        "LIVRE_PAPIER",
        "LIVRE_AUDIO_PHYSIQUE",
        "LIVRE_NUMERIQUE",
        "TELECHARGEMENT_LIVRE_AUDIO",
        "ABO_LIVRE_NUMERIQUE",
        "ABO_BIBLIOTHEQUE",
        "FESTIVAL_LIVRE",
    ),
    "MUSIQUE": (
        "SUPPORT_PHYSIQUE_MUSIQUE_CD",
        "SUPPORT_PHYSIQUE_MUSIQUE_VINYLE",
        "TELECHARGEMENT_MUSIQUE",
        "ABO_PLATEFORME_MUSIQUE",
        "CAPTATION_MUSIQUE",
        "ACHAT_INSTRUMENT",
        "LOCATION_INSTRUMENT",
        "PARTITION",
    ),
    "ARTS_LOISIRS_CREATIFS": (
        "ATELIER_PRATIQUE_ART",
        "SEANCE_ESSAI_PRATIQUE_ART",
        "ABO_PRATIQUE_ART",
        "PRATIQUE_ART_VENTE_DISTANCE",
        "PLATEFORME_PRATIQUE_ARTISTIQUE",
        "MATERIEL_ART_CREATIF",
    ),
    "SPECTACLES": (
        "SPECTACLE_REPRESENTATION",
        "FESTIVAL_SPECTACLE",
        "ABO_SPECTACLE",
        "SPECTACLE_VENTE_DISTANCE",
        "SPECTACLE_ENREGISTRE",
    ),
    "MUSEES_VISITES_CULTURELLES": (
        "VISITE",
        "VISITE_GUIDEE",
        "EVENEMENT_PATRIMOINE",
        "FESTIVAL_ART_VISUEL",
        "CARTE_MUSEE",
        "MUSEE_VENTE_DISTANCE",
        "VISITE_VIRTUELLE",
    ),
    "JEUX_JEUX_VIDEOS": (
        "JEU_SUPPORT_PHYSIQUE",
        "JEU_EN_LIGNE",
        "ABO_JEU_VIDEO",
        "ESCAPE_GAME",
        "CONCOURS",
        "RENCONTRE_JEU",
        "EVENEMENT_JEU",
    ),
    "MEDIA_PRESSE": ("ABO_PRESSE_EN_LIGNE", "PODCAST", "APP_CULTURELLE"),
    "CARTES_JEUNES": ("CARTE_JEUNES",),
    "RENCONTRES_CONFERENCES": ("CONFERENCE", "RENCONTRE", "SALON"),
    "EVENEMENTS_EN_LIGNE": (
        "LIVESTREAM_MUSIQUE",
        "LIVESTREAM_EVENEMENT",
        "LIVESTREAM_PRATIQUE_ARTISTIQUE",
        "RENCONTRE_EN_LIGNE",
    ),
}

CATEGORY_OF_SUBCATEGORY: dict[str, SearchCategory] = {
    subcategory_id: _BY_ID[category_id]
    for category_id, subcategory_ids in _GROUPS.items()
    for subcategory_id in subcategory_ids
}


def get_search_category(category_id: str) -> SearchCategory:
    try:
        return _BY_ID[category_id]
    except (KeyError, TypeError):
        raise DomainError(
            "unknown_category", "Cette catégorie de recherche n'existe pas."
        ) from None


def search_category_of(subcategory_id: str) -> SearchCategory:
    """The search category of a subcategory of the catalogue (rule F1)."""
    try:
        return CATEGORY_OF_SUBCATEGORY[subcategory_id]
    except KeyError:
        raise DomainError("unknown_subcategory", "Cette sous-catégorie n'existe pas.") from None


def subcategory_ids_of(category_id: str) -> tuple[str, ...]:
    """The subcategories a search category groups, in catalogue order."""
    get_search_category(category_id)
    return tuple(s for s in SUBCATEGORIES if CATEGORY_OF_SUBCATEGORY[s].id == category_id)
