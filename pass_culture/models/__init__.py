"""All tables, imported here so that `SQLModel.metadata` knows every one of them."""

from pass_culture.models.booking_events import BookingEvent, BookingEventKind
from pass_culture.models.bookings import (
    Booking,
    BookingStatus,
    CancellationReason,
    ValidationAuthor,
)
from pass_culture.models.deposits import Deposit
from pass_culture.models.finance import (
    Payment,
    PaymentRun,
    PaymentRunStatus,
    Pricing,
    PricingStatus,
)
from pass_culture.models.france_connect import FranceConnectCheck
from pass_culture.models.identity import IdentityCheck, IdentityMethod, IdentityStatus
from pass_culture.models.jobs import JobRun, SchedulerLease
from pass_culture.models.moderation import (
    AdminAuditLog,
    OfferReviewMatch,
    OfferReviewRule,
    ReviewRuleKind,
)
from pass_culture.models.notifications import EmailOutbox
from pass_culture.models.offerers import (
    BankAccount,
    BankAccountStatus,
    Offerer,
    ProInvitation,
    UserOfferer,
    ValidationStatus,
    Venue,
    VenueBankAccountLink,
    VenueType,
)
from pass_culture.models.offers import Favorite, Offer, OfferStatus, Stock
from pass_culture.models.providers import Provider, VenueProvider
from pass_culture.models.search import (
    SearchOffer,
    SearchVocabulary,
    SearchWord,
)
from pass_culture.models.signup import SignupMail
from pass_culture.models.users import (
    LoginAttempt,
    PasswordResetToken,
    Role,
    Surface,
    User,
    UserSession,
)

__all__ = [
    "AdminAuditLog",
    "BankAccount",
    "BankAccountStatus",
    "Booking",
    "BookingEvent",
    "BookingEventKind",
    "BookingStatus",
    "CancellationReason",
    "Deposit",
    "EmailOutbox",
    "Favorite",
    "FranceConnectCheck",
    "IdentityCheck",
    "IdentityMethod",
    "IdentityStatus",
    "JobRun",
    "LoginAttempt",
    "PasswordResetToken",
    "ProInvitation",
    "Offer",
    "OfferReviewMatch",
    "OfferReviewRule",
    "OfferStatus",
    "Offerer",
    "Payment",
    "PaymentRun",
    "PaymentRunStatus",
    "Pricing",
    "PricingStatus",
    "Provider",
    "ReviewRuleKind",
    "Role",
    "SchedulerLease",
    "SearchOffer",
    "SearchVocabulary",
    "SearchWord",
    "SignupMail",
    "Stock",
    "Surface",
    "User",
    "UserOfferer",
    "UserSession",
    "ValidationAuthor",
    "ValidationStatus",
    "Venue",
    "VenueBankAccountLink",
    "VenueProvider",
    "VenueType",
]
