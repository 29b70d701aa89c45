"""The HTTP routes served next to the app (partner routes come with their issue): under
/api (health, offers' images, FranceConnect's sign-in and return), the offline ticket view
at /billet/<id>, the pro bookings downloads, the identity documents, the bank details
proofs and the payment runs' SEPA transfer files."""

from starlette.applications import Starlette
from starlette.routing import Route

from pass_culture.api.documents import admin_bank_proof, pro_bank_proof
from pass_culture.api.exports import bookings_csv, bookings_excel
from pass_culture.api.france_connect import callback, sign_in
from pass_culture.api.health import health
from pass_culture.api.identity_documents import admin_identity_document, own_identity_document
from pass_culture.api.images import offer_image
from pass_culture.api.tickets import offline_ticket
from pass_culture.api.transfer_files import sepa_transfer_file

api = Starlette(
    routes=[
        Route("/api/sante", health, methods=["GET"]),
        Route("/api/images/offres/{name}", offer_image, methods=["GET"]),
        Route("/api/franceconnect/connexion", sign_in, methods=["GET"]),
        Route("/api/franceconnect/retour", callback, methods=["GET"]),
        Route("/billet/{booking_id}", offline_ticket, methods=["GET"]),
        Route("/pro/exports/reservations.csv", bookings_csv, methods=["GET"]),
        Route("/pro/exports/reservations.xlsx", bookings_excel, methods=["GET"]),
        Route("/admin/documents/identite/{check_id}", admin_identity_document, methods=["GET"]),
        Route("/documents/identite/{check_id}", own_identity_document, methods=["GET"]),
        Route("/pro/documents/rib/{account_id}", pro_bank_proof, methods=["GET"]),
        Route("/admin/documents/rib/{account_id}", admin_bank_proof, methods=["GET"]),
        Route("/admin/paiements/{run_id}/virements.xml", sepa_transfer_file, methods=["GET"]),
    ]
)
