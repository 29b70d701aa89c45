"""The subcategory catalogue (rule F1): what each kind of offer is and how rules treat it.

Ids, categories and flags follow the pass Culture backend (pcapi `subcategories_v2`), with
the project's own rules where they differ: digital offers are never reimbursed (F10), books
on paper or physical audio use the book scale (P2), events never expire (B8).
"""

from dataclasses import dataclass
from enum import StrEnum

from services.errors import DomainError


class Reimbursement(StrEnum):
    STANDARD = "standard"
    BOOK = "book"
    NOT_REIMBURSED = "not_reimbursed"


class Channel(StrEnum):
    ONLINE = "online"
    OFFLINE = "offline"
    BOTH = "both"


class Cap(StrEnum):
    """Which cap of the credit (rule C4) a booking counts against, if any."""

    DIGITAL = "digital"
    PHYSICAL = "physical"
    NONE = "none"


@dataclass(frozen=True)
class Subcategory:
    id: str
    label: str
    category: str  # category id, e.g. "LIVRE", "CINEMA"
    is_event: bool
    can_expire: bool  # rule B8: physical goods not picked up are cancelled after 30 days
    can_be_duo: bool  # rule F5
    channel: Channel
    cap: Cap
    reimbursement: Reimbursement

    @property
    def category_label(self) -> str:
        return CATEGORIES[self.category]


CATEGORIES: dict[str, str] = {
    "LIVRE": "Livre",
    "CINEMA": "Cinéma",
    "FILM": "Films, vidéos",
    "MUSIQUE_LIVE": "Musique live",
    "MUSIQUE_ENREGISTREE": "Musique enregistrée",
    "SPECTACLE": "Spectacle vivant",
    "MUSEE": "Musée, patrimoine, architecture, arts visuels",
    "PRATIQUE_ART": "Pratique artistique",
    "INSTRUMENT": "Instrument de musique",
    "BEAUX_ARTS": "Beaux-arts",
    "MEDIA": "Médias",
    "JEU": "Jeux",
    "CONFERENCE_RENCONTRE": "Conférences, rencontres",
    "CARTE_JEUNES": "Carte jeunes",
}

# Profiles: the flag sets most subcategories share, as
# (is_event, can_expire, can_be_duo, channel, cap, reimbursement).
_EVENT = (True, False, True, Channel.OFFLINE, Cap.NONE, Reimbursement.STANDARD)
# A physical good picked up in a shop (B8: expires if not picked up; C4: physical cap).
_GOOD = (False, True, False, Channel.OFFLINE, Cap.PHYSICAL, Reimbursement.STANDARD)
# A card or subscription collected at the venue.
_PASS = (False, True, False, Channel.OFFLINE, Cap.NONE, Reimbursement.STANDARD)
# Digital goods and services (C4: digital cap; F10: never reimbursed).
_DIGITAL = (False, False, False, Channel.ONLINE, Cap.DIGITAL, Reimbursement.NOT_REIMBURSED)
_DIGITAL_EVENT = (True, False, False, Channel.ONLINE, Cap.DIGITAL, Reimbursement.NOT_REIMBURSED)
# A ticket for a physical place sold online ("vente à distance").
_REMOTE_SALE = (False, False, False, Channel.ONLINE, Cap.NONE, Reimbursement.STANDARD)

_BOOK = (False, True, False, Channel.OFFLINE, Cap.PHYSICAL, Reimbursement.BOOK)
_ESCAPE_GAME = (False, False, True, Channel.OFFLINE, Cap.NONE, Reimbursement.STANDARD)
_MUSEUM_PASS = (False, True, True, Channel.OFFLINE, Cap.NONE, Reimbursement.STANDARD)

_TABLE = (
    # LIVRE
    ("LIVRE_PAPIER", "Livre papier", "LIVRE", _BOOK),
    ("LIVRE_AUDIO_PHYSIQUE", "Livre audio sur support physique", "LIVRE", _BOOK),
    ("LIVRE_NUMERIQUE", "Livre numérique, e-book", "LIVRE", _DIGITAL),
    ("TELECHARGEMENT_LIVRE_AUDIO", "Livre audio à télécharger", "LIVRE", _DIGITAL),
    ("ABO_LIVRE_NUMERIQUE", "Abonnement livres numériques", "LIVRE", _DIGITAL),
    ("ABO_BIBLIOTHEQUE", "Abonnement (bibliothèques, médiathèques…)", "LIVRE", _GOOD),
    ("FESTIVAL_LIVRE", "Festival et salon du livre", "LIVRE", _EVENT),
    # CINEMA
    ("SEANCE_CINE", "Séance de cinéma", "CINEMA", _EVENT),
    ("CINE_PLEIN_AIR", "Cinéma plein air", "CINEMA", _EVENT),
    ("EVENEMENT_CINE", "Évènement cinématographique", "CINEMA", _EVENT),
    ("FESTIVAL_CINE", "Festival de cinéma", "CINEMA", _EVENT),
    ("CARTE_CINE_ILLIMITE", "Carte cinéma illimité", "CINEMA", _PASS),
    ("CARTE_CINE_MULTISEANCES", "Carte cinéma multi-séances", "CINEMA", _PASS),
    ("CINE_VENTE_DISTANCE", "Cinéma vente à distance", "CINEMA", _REMOTE_SALE),
    # FILM
    ("SUPPORT_PHYSIQUE_FILM", "Support physique (DVD, Blu-ray…)", "FILM", _GOOD),
    ("ABO_MEDIATHEQUE", "Abonnement médiathèque", "FILM", _GOOD),
    ("VOD", "Vidéo à la demande", "FILM", _DIGITAL),
    ("ABO_PLATEFORME_VIDEO", "Abonnement plateforme streaming", "FILM", _DIGITAL),
    ("AUTRE_SUPPORT_NUMERIQUE", "Autre support numérique", "FILM", _DIGITAL),
    # MUSIQUE_LIVE
    ("CONCERT", "Concert", "MUSIQUE_LIVE", _EVENT),
    ("FESTIVAL_MUSIQUE", "Festival de musique", "MUSIQUE_LIVE", _EVENT),
    ("EVENEMENT_MUSIQUE", "Autre type d'évènement musical", "MUSIQUE_LIVE", _EVENT),
    ("ABO_CONCERT", "Abonnement concert", "MUSIQUE_LIVE", _PASS),
    ("LIVESTREAM_MUSIQUE", "Livestream musical", "MUSIQUE_LIVE", _DIGITAL_EVENT),
    # MUSIQUE_ENREGISTREE
    ("SUPPORT_PHYSIQUE_MUSIQUE_CD", "CD", "MUSIQUE_ENREGISTREE", _GOOD),
    (
        "SUPPORT_PHYSIQUE_MUSIQUE_VINYLE",
        "Vinyles et autres supports",
        "MUSIQUE_ENREGISTREE",
        _GOOD,
    ),
    ("TELECHARGEMENT_MUSIQUE", "Téléchargement de musique", "MUSIQUE_ENREGISTREE", _DIGITAL),
    ("ABO_PLATEFORME_MUSIQUE", "Abonnement plateforme musicale", "MUSIQUE_ENREGISTREE", _DIGITAL),
    ("CAPTATION_MUSIQUE", "Captation musicale", "MUSIQUE_ENREGISTREE", _DIGITAL),
    # SPECTACLE
    ("SPECTACLE_REPRESENTATION", "Spectacle, représentation", "SPECTACLE", _EVENT),
    ("FESTIVAL_SPECTACLE", "Festival de spectacle vivant", "SPECTACLE", _EVENT),
    ("ABO_SPECTACLE", "Abonnement spectacle", "SPECTACLE", _PASS),
    ("SPECTACLE_VENTE_DISTANCE", "Spectacle vivant - vente à distance", "SPECTACLE", _REMOTE_SALE),
    ("SPECTACLE_ENREGISTRE", "Spectacle enregistré", "SPECTACLE", _DIGITAL),
    ("LIVESTREAM_EVENEMENT", "Livestream d'évènement", "SPECTACLE", _DIGITAL_EVENT),
    # MUSEE
    ("VISITE", "Visite", "MUSEE", _EVENT),
    ("VISITE_GUIDEE", "Visite guidée", "MUSEE", _EVENT),
    ("EVENEMENT_PATRIMOINE", "Évènement et atelier patrimoine", "MUSEE", _EVENT),
    ("FESTIVAL_ART_VISUEL", "Festival d'arts visuels / arts numériques", "MUSEE", _EVENT),
    ("CARTE_MUSEE", "Abonnement musée, carte ou pass", "MUSEE", _MUSEUM_PASS),
    ("MUSEE_VENTE_DISTANCE", "Musée vente à distance", "MUSEE", _REMOTE_SALE),
    ("VISITE_VIRTUELLE", "Visite virtuelle", "MUSEE", _DIGITAL),
    # PRATIQUE_ART
    ("ATELIER_PRATIQUE_ART", "Atelier, stage de pratique artistique", "PRATIQUE_ART", _EVENT),
    ("SEANCE_ESSAI_PRATIQUE_ART", "Séance d'essai", "PRATIQUE_ART", _EVENT),
    ("ABO_PRATIQUE_ART", "Abonnement pratique artistique", "PRATIQUE_ART", _PASS),
    (
        "PRATIQUE_ART_VENTE_DISTANCE",
        "Pratique artistique - vente à distance",
        "PRATIQUE_ART",
        _REMOTE_SALE,
    ),
    (
        "PLATEFORME_PRATIQUE_ARTISTIQUE",
        "Pratique artistique - plateforme en ligne",
        "PRATIQUE_ART",
        _DIGITAL,
    ),
    (
        "LIVESTREAM_PRATIQUE_ARTISTIQUE",
        "Pratique artistique - livestream",
        "PRATIQUE_ART",
        _DIGITAL_EVENT,
    ),
    # INSTRUMENT
    ("ACHAT_INSTRUMENT", "Achat instrument", "INSTRUMENT", _GOOD),
    ("LOCATION_INSTRUMENT", "Location instrument", "INSTRUMENT", _GOOD),
    ("PARTITION", "Partition", "INSTRUMENT", _GOOD),
    # BEAUX_ARTS
    ("MATERIEL_ART_CREATIF", "Matériel arts créatifs", "BEAUX_ARTS", _GOOD),
    # MEDIA
    ("ABO_PRESSE_EN_LIGNE", "Abonnement presse en ligne", "MEDIA", _DIGITAL),
    ("PODCAST", "Podcast", "MEDIA", _DIGITAL),
    ("APP_CULTURELLE", "Application culturelle", "MEDIA", _DIGITAL),
    # JEU
    ("JEU_SUPPORT_PHYSIQUE", "Jeu sur support physique", "JEU", _GOOD),
    ("JEU_EN_LIGNE", "Jeux en ligne", "JEU", _DIGITAL),
    ("ABO_JEU_VIDEO", "Abonnement jeux vidéos", "JEU", _DIGITAL),
    ("ESCAPE_GAME", "Escape game", "JEU", _ESCAPE_GAME),
    ("CONCOURS", "Concours - jeux", "JEU", _EVENT),
    ("RENCONTRE_JEU", "Rencontres - jeux", "JEU", _EVENT),
    ("EVENEMENT_JEU", "Évènements - jeux", "JEU", _EVENT),
    # CONFERENCE_RENCONTRE
    ("CONFERENCE", "Conférence", "CONFERENCE_RENCONTRE", _EVENT),
    ("RENCONTRE", "Rencontre", "CONFERENCE_RENCONTRE", _EVENT),
    ("SALON", "Salon, convention", "CONFERENCE_RENCONTRE", _EVENT),
    ("RENCONTRE_EN_LIGNE", "Rencontre en ligne", "CONFERENCE_RENCONTRE", _DIGITAL_EVENT),
    # CARTE_JEUNES
    ("CARTE_JEUNES", "Carte jeunes", "CARTE_JEUNES", _GOOD),
)

SUBCATEGORIES: dict[str, Subcategory] = {
    row[0]: Subcategory(row[0], row[1], row[2], *row[3]) for row in _TABLE
}


def get_subcategory(subcategory_id: str) -> Subcategory:
    try:
        return SUBCATEGORIES[subcategory_id]
    except KeyError:
        raise DomainError("unknown_subcategory", "Cette sous-catégorie n'existe pas.") from None


def subcategories_of(category_id: str) -> list[Subcategory]:
    """The subcategories of one category, in catalogue order (for pickers and filters)."""
    return [s for s in SUBCATEGORIES.values() if s.category == category_id]
