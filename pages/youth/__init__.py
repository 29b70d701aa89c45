from pages.youth import favorites, home, login, search  # noqa: F401
