from pages.admin import (  # noqa: F401
    bank_accounts,
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
