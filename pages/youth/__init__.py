from pages.youth import home, login  # noqa: F401
