from pages.pro import (  # noqa: F401
    bank_details,
    bookings,
    counter,
    home,
    login,
    offer_form,
    offers,
    structure,
    venue_form,
)
