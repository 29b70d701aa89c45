from pages.youth import home  # noqa: F401
