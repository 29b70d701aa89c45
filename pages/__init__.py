"""UI only. Importing this package registers every page of the three surfaces."""

from pages import youth  # noqa: F401
