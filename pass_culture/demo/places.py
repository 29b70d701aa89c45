"""Demo places: the five pilot départements, their towns (real coordinates) and the
structures with their venues."""

from dataclasses import dataclass

from pass_culture.models import VenueType


@dataclass(frozen=True)
class Department:
    code: str
    name: str
    phone_prefix: str


DEPARTMENTS: dict[str, Department] = {
    d.code: d
    for d in (
        Department("67", "Bas-Rhin", "03 88"),
        Department("29", "Finistère", "02 98"),
        Department("973", "Guyane", "05 94"),
        Department("34", "Hérault", "04 67"),
        Department("93", "Seine-Saint-Denis", "01 48"),
    )
}


@dataclass(frozen=True)
class Town:
    name: str
    postal_code: str
    department: str
    latitude: float
    longitude: float


TOWNS: dict[str, Town] = {
    t.name: t
    for t in (
        Town("Strasbourg", "67000", "67", 48.5734, 7.7521),
        Town("Sélestat", "67600", "67", 48.2594, 7.4542),
        Town("Haguenau", "67500", "67", 48.8156, 7.7906),
        Town("Saverne", "67700", "67", 48.7414, 7.3625),
        Town("Brest", "29200", "29", 48.3904, -4.4861),
        Town("Quimper", "29000", "29", 47.9960, -4.1024),
        Town("Morlaix", "29600", "29", 48.5776, -3.8280),
        Town("Concarneau", "29900", "29", 47.8753, -3.9189),
        Town("Douarnenez", "29100", "29", 48.0925, -4.3297),
        Town("Cayenne", "97300", "973", 4.9224, -52.3135),
        Town("Kourou", "97310", "973", 5.1599, -52.6503),
        Town("Saint-Laurent-du-Maroni", "97320", "973", 5.4984, -54.0325),
        Town("Montpellier", "34000", "34", 43.6108, 3.8767),
        Town("Sète", "34200", "34", 43.4028, 3.6936),
        Town("Béziers", "34500", "34", 43.3442, 3.2158),
        Town("Lodève", "34700", "34", 43.7317, 3.3194),
        Town("Saint-Denis", "93200", "93", 48.9362, 2.3574),
        Town("Montreuil", "93100", "93", 48.8638, 2.4485),
        Town("Bobigny", "93000", "93", 48.9086, 2.4397),
        Town("Pantin", "93500", "93", 48.8944, 2.4094),
        Town("Aubervilliers", "93300", "93", 48.9146, 2.3821),
    )
}


@dataclass(frozen=True)
class VenueSeed:
    name: str
    kind: VenueType
    town: str
    street: str
    booking_email: str | None = None


@dataclass(frozen=True)
class StructureSeed:
    name: str
    venues: tuple[VenueSeed, ...]
    validated: bool = True
    # A digital-only venue (no SIRET) priced with the structure's first venue (rule P2).
    digital_venue: str | None = None


_B, _C, _T = VenueType.BOOKSHOP, VenueType.CINEMA, VenueType.THEATRE
_M, _MV, _CO = VenueType.MUSEUM, VenueType.MUSIC_VENUE, VenueType.CONSERVATORY
_L, _H, _R = VenueType.LIBRARY, VenueType.HERITAGE, VenueType.RECORD_STORE

# The first structure belongs to the demo pro (pro@demo.passculture.fr), the pending one
# to pro.attente@demo.passculture.fr.
PRO_STRUCTURE = "Rhin Culture"
PENDING_STRUCTURE = "Les Vinyles de la Petite France"

STRUCTURES: tuple[StructureSeed, ...] = (
    StructureSeed(
        PRO_STRUCTURE,
        (
            VenueSeed(
                "Librairie des Deux Rives",
                _B,
                "Strasbourg",
                "18 rue des Grandes Arcades",
                "commandes@deuxrives-librairie.fr",
            ),
            VenueSeed(
                "Cinéma Le Rhénan",
                _C,
                "Strasbourg",
                "5 quai des Bateliers",
                "caisse@cinema-lerhenan.fr",
            ),
            VenueSeed("Cinéma Le Sélect", _C, "Sélestat", "3 rue du Président Poincaré"),
            VenueSeed("Librairie du Marché", _B, "Haguenau", "9 rue du Maréchal Foch"),
        ),
        digital_venue="Rhin Culture — offres numériques",
    ),
    StructureSeed(
        "Ville de Haguenau",
        (
            VenueSeed(
                "Conservatoire de musique et de danse", _CO, "Haguenau", "1 place Joseph Thierry"
            ),
            VenueSeed("Médiathèque de la Vieille-Île", _L, "Haguenau", "24 rue du Grenier"),
            VenueSeed("Musée historique de Haguenau", _M, "Haguenau", "9 rue du Maréchal Foch"),
        ),
    ),
    StructureSeed(
        "Théâtre de l'Ill",
        (
            VenueSeed(
                "Théâtre de l'Ill",
                _T,
                "Strasbourg",
                "2 rue de la Division-Leclerc",
                "billetterie@theatre-ill.fr",
            ),
            VenueSeed("La Grange aux Concerts", _MV, "Saverne", "14 Grand'Rue"),
        ),
    ),
    StructureSeed(
        PENDING_STRUCTURE,
        (
            VenueSeed(
                "Les Vinyles de la Petite France", _R, "Strasbourg", "7 rue du Bain-aux-Plantes"
            ),
        ),
        validated=False,
    ),
    StructureSeed(
        "Librairies du Ponant",
        (
            VenueSeed(
                "Librairie Le Goéland", _B, "Brest", "54 rue de Siam", "librairie@legoeland.bzh"
            ),
            VenueSeed("Librairie Ty Levrioù", _B, "Quimper", "11 rue Kéréon"),
            VenueSeed("Librairie du Port", _B, "Morlaix", "6 place des Otages"),
        ),
    ),
    StructureSeed(
        "Cinémas de l'Iroise",
        (
            VenueSeed("Cinéma Les Studios de l'Iroise", _C, "Brest", "136 rue Jean Jaurès"),
            VenueSeed("Cinéma Le Goyen", _C, "Douarnenez", "2 rue du Rosmeur"),
        ),
    ),
    StructureSeed(
        "Scènes de Cornouaille",
        (
            VenueSeed(
                "Théâtre de Cornouaille",
                _T,
                "Quimper",
                "1 esplanade François Mitterrand",
                "accueil@scenes-cornouaille.fr",
            ),
            VenueSeed(
                "Le Phare, scène de musiques actuelles", _MV, "Brest", "30 rue Jean-Marie Le Bris"
            ),
        ),
    ),
    StructureSeed(
        "Musée de la Pêche et du Large",
        (VenueSeed("Musée de la Pêche et du Large", _M, "Concarneau", "3 rue Vauban"),),
    ),
    StructureSeed(
        "Association Kaz Kiltir",
        (
            VenueSeed("Théâtre des Palmistes", _T, "Cayenne", "12 avenue du Général de Gaulle"),
            VenueSeed("Salle Zéphyr", _MV, "Cayenne", "45 rue Lalouette"),
        ),
    ),
    StructureSeed(
        "Librairie des Alizés",
        (
            VenueSeed(
                "Librairie des Alizés",
                _B,
                "Cayenne",
                "21 rue Christophe Colomb",
                "contact@librairie-alizes.gf",
            ),
            VenueSeed("Librairie des Alizés Kourou", _B, "Kourou", "8 avenue des Roches"),
            VenueSeed("Cinéma Le Toucan", _C, "Kourou", "2 place de l'Europe"),
        ),
    ),
    StructureSeed(
        "Patrimoine et cultures de Guyane",
        (
            VenueSeed("Musée des cultures guyanaises", _M, "Cayenne", "78 rue Madame Payé"),
            VenueSeed(
                "Camp de la Transportation", _H, "Saint-Laurent-du-Maroni", "1 esplanade Baudin"
            ),
            VenueSeed(
                "Conservatoire de l'Ouest guyanais", _CO, "Saint-Laurent-du-Maroni", "17 rue Thiers"
            ),
        ),
    ),
    StructureSeed(
        "Cinémas du Languedoc",
        (
            VenueSeed(
                "Cinéma Le Clapas",
                _C,
                "Montpellier",
                "5 rue de Verdun",
                "reservations@cinema-clapas.fr",
            ),
            VenueSeed("Cinéma Le Palace", _C, "Béziers", "22 allées Paul Riquet"),
        ),
    ),
    StructureSeed(
        "Musiques et mots d'Occitanie",
        (
            VenueSeed("La Friche musicale", _MV, "Montpellier", "12 rue du Faubourg Figuerolles"),
            VenueSeed("Disquaire Sillons du Sud", _R, "Montpellier", "3 rue de l'Université"),
            VenueSeed("Librairie Le Grain des Mots", _B, "Montpellier", "14 rue Saint-Guilhem"),
            VenueSeed("Librairie La Promenade", _B, "Lodève", "4 boulevard de la Liberté"),
        ),
    ),
    StructureSeed(
        "Ville de Sète",
        (
            VenueSeed("Musée Paul Valéry", _M, "Sète", "148 rue François Desnoyer"),
            VenueSeed("Médiathèque François Mitterrand", _L, "Sète", "Boulevard Danielle Casanova"),
            VenueSeed(
                "Théâtre Molière",
                _T,
                "Sète",
                "Avenue Victor Hugo",
                "billetterie@theatre-moliere-sete.fr",
            ),
        ),
    ),
    StructureSeed(
        "Scènes de la Plaine",
        (
            VenueSeed("Théâtre de la Plaine", _T, "Saint-Denis", "59 boulevard Jules Guesde"),
            VenueSeed("Les Docks de Pantin", _MV, "Pantin", "10 quai de l'Aisne"),
        ),
    ),
    StructureSeed(
        "Cinémas de l'Est parisien",
        (
            VenueSeed(
                "Cinéma Les Lumières",
                _C,
                "Montreuil",
                "12 place Jean Jaurès",
                "caisse@cinema-leslumieres.fr",
            ),
            VenueSeed("Cinéma Le Canal", _C, "Bobigny", "1 boulevard Lénine"),
        ),
    ),
    StructureSeed(
        "Librairie La Ruche",
        (
            VenueSeed("Librairie La Ruche", _B, "Montreuil", "31 rue de Paris"),
            VenueSeed(
                "Librairie La Ruche Aubervilliers", _B, "Aubervilliers", "8 avenue de la République"
            ),
        ),
    ),
    StructureSeed(
        "Ville de Bobigny",
        (
            VenueSeed("Conservatoire Jean Wiener", _CO, "Bobigny", "11 rue du Chemin Vert"),
            VenueSeed("Médiathèque Elsa Triolet", _L, "Bobigny", "4 rue de l'Union"),
            VenueSeed("Ancienne gare de déportation", _H, "Bobigny", "151 avenue Henri Barbusse"),
        ),
    ),
)
