"""UI only. Importing this package registers every page of the three surfaces."""

from pages import admin, pro, youth  # noqa: F401
