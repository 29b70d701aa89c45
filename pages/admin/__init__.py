from pages.admin import (  # noqa: F401
    emails,
    home,
    identities,
    journal,
    login,
    memberships,
    offers,
    rules,
    search,
    structure,
    structures,
)
