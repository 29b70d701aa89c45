"""The HTTP routes served next to the app (partner routes come with their issue): under
/api (health, offers' images, FranceConnect's sign-in and return), the offline ticket view
at /billet/<id>, the pro bookings downloads, the identity documents, the bank details
proofs, the reimbursement statements and the payment runs' SEPA transfer files."""

from starlette.applications import Starlette
from starlette.routing import Route

from pass_culture.api.documents import admin_bank_proof, pro_bank_proof
from pass_culture.api.exports import bookings_csv, bookings_excel
from pass_culture.api.france_connect import callback, sign_in
from pass_culture.api.health import health
from pass_culture.api.identity_documents import admin_identity_document, own_identity_document
from pass_culture.api.images import offer_image
from pass_culture.api.statements import (
    admin_statement_csv,
    admin_statement_pdf,
    pro_statement_csv,
    pro_statement_pdf,
    pro_statements_csv,
)
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
        Route(
            "/pro/remboursements/{payment_id}/justificatif.pdf",
            pro_statement_pdf,
            methods=["GET"],
        ),
        Route(
            "/pro/remboursements/{payment_id}/justificatif.csv",
            pro_statement_csv,
            methods=["GET"],
        ),
        Route("/pro/remboursements/justificatifs.csv", pro_statements_csv, methods=["GET"]),
        Route(
            "/admin/paiements/justificatifs/{payment_id}.pdf",
            admin_statement_pdf,
            methods=["GET"],
        ),
        Route(
            "/admin/paiements/justificatifs/{payment_id}.csv",
            admin_statement_csv,
            methods=["GET"],
        ),
        Route("/admin/paiements/{run_id}/virements.xml", sepa_transfer_file, methods=["GET"]),
    ]
)
