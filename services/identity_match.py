"""Whether the names of a certified identity (FranceConnect) are those of a young user's
profile, compared loosely: accents, case, hyphens, apostrophes and spaces do not count
(« Éloïse-Marie » = « eloise marie »), and the profile's first name may be only the first
of the official first names (« Camille » for « Camille Louise »).
"""

import unicodedata


def name_words(name: str) -> list[str]:
    """The words of a name without accents nor case: « D'Arc-Éloi » → ["d", "arc", "eloi"]."""
    decomposed = unicodedata.normalize("NFKD", name)
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    letters = "".join(char if char.isalnum() else " " for char in plain.casefold())
    return letters.split()


def same_names(first_name: str, last_name: str, given_names: str, family_name: str) -> bool:
    declared_first = name_words(first_name)
    declared_last = name_words(last_name)
    return (
        bool(declared_first)
        and name_words(given_names)[: len(declared_first)] == declared_first
        and bool(declared_last)
        and name_words(family_name) == declared_last
    )
