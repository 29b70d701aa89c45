from pages.youth import (  # noqa: F401
    bookings,
    favorites,
    home,
    login,
    offer,
    profile,
    search,
    signup,
    signup_inbox,
    signup_link,
    signup_profile,
    ticket,
)
