from pages.admin import (  # noqa: F401
    emails,
    home,
    journal,
    login,
    offers,
    rules,
    search,
    structure,
    structures,
)
