from pages.youth import bookings, home, login, offer, profile, ticket  # noqa: F401
