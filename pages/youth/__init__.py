from pages.youth import bookings, favorites, home, login, offer, profile, search, ticket  # noqa: F401
