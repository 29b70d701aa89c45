"""Demo accounts: who can sign in, with which role (printed by the README and the CLI)."""

from dataclasses import dataclass

from pass_culture.models import Role

DEMO_PASSWORD = "Culture-Pass-2026!"  # noqa: S105 -- public demo password; passes rule O2


@dataclass(frozen=True)
class DemoAccount:
    email: str
    role_label: str
    description: str
    role: Role
    first_name: str
    last_name: str
    town: str
    grant_preset: str | None = None  # young users: rule C1 preset of their credit


DEMO_ACCOUNTS: tuple[DemoAccount, ...] = (
    DemoAccount(
        "jeune@demo.passculture.fr",
        "jeune bénéficiaire",
        "Camille Dupont, 18 ans, Strasbourg : crédit de 300 € accordé aujourd'hui",
        Role.BENEFICIARY,
        "Camille",
        "Dupont",
        "Strasbourg",
        grant_preset="standard",
    ),
    DemoAccount(
        "jeune.experimentation@demo.passculture.fr",
        "jeune bénéficiaire",
        "Yanis Le Goff, 18 ans, Brest : crédit de 500 € de l'expérimentation 2018",
        Role.BENEFICIARY,
        "Yanis",
        "Le Goff",
        "Brest",
        grant_preset="experimentation_2018",
    ),
    DemoAccount(
        "jeune.inscrite@demo.passculture.fr",
        "jeune sans crédit",
        "Inès Moreau, 18 ans, Strasbourg : profil complet, identité à vérifier",
        Role.BENEFICIARY,
        "Inès",
        "Moreau",
        "Strasbourg",
    ),
    DemoAccount(
        "jeune.verification@demo.passculture.fr",
        "jeune sans crédit",
        "Théo Girard, 18 ans, Brest : pièce d'identité envoyée, en attente dans /admin/identites",
        Role.BENEFICIARY,
        "Théo",
        "Girard",
        "Brest",
    ),
    DemoAccount(
        "pro@demo.passculture.fr",
        "professionnel",
        "Léa Martin, structure validée « Rhin Culture » : librairies et cinémas en Alsace",
        Role.PRO,
        "Léa",
        "Martin",
        "Strasbourg",
    ),
    DemoAccount(
        "pro.attente@demo.passculture.fr",
        "professionnel",
        "Hugo Lefèvre, structure « Les Vinyles de la Petite France » en attente de validation",
        Role.PRO,
        "Hugo",
        "Lefèvre",
        "Strasbourg",
    ),
    DemoAccount(
        "admin@demo.passculture.fr",
        "administrateur",
        "Nadia Benali, équipe pass Culture : back-office",
        Role.ADMIN,
        "Nadia",
        "Benali",
        "Saint-Denis",
    ),
)

# Present once the demo is loaded: a second load adds nothing.
MARKER_EMAIL = "admin@demo.passculture.fr"
