from pages.pro import (  # noqa: F401
    bookings,
    counter,
    home,
    invitation,
    login,
    offer_form,
    offers,
    signup,
    signup_inbox,
    signup_link,
    structure,
    venue_form,
)
