from pages.pro import bookings, counter, home, login  # noqa: F401
