"""The « Justificatif de remboursement » in PDF (rule P4; pcapi's invoice): an A4 page (or
more) drawn with fpdf2 from a statement's sums (services/statements.py).

Page header « Relevé n°<reference> » and page numbers on every page; a table's headings
come back at the top of each page it runs onto. Font: DejaVu Sans Condensed, from the
Debian package fonts-dejavu-extra (accents, « € », the narrow no-break space of amounts).
The document's dates are the statement's: the same statement gives the same bytes.
"""

from datetime import datetime, time
from pathlib import Path

from fpdf import FPDF, FontFace

from pass_culture import clock
from services.formatting import euros, percent
from services.statements import RateGroup, Statement, Totals, VenueRow, statement_for

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
FONT = "DejaVu"
FONT_FILES = {"": "DejaVuSansCondensed.ttf", "B": "DejaVuSansCondensed-Bold.ttf"}

MARGIN = 15  # mm
INK = (33, 33, 33)
MUTED = (96, 96, 96)
HEADINGS = FontFace(emphasis="BOLD", fill_color=(232, 234, 246))
BOLD = FontFace(emphasis="BOLD")
TOTAL = FontFace(emphasis="BOLD", fill_color=(245, 245, 245))

RATE_COLUMNS = (
    "Typologie",
    "Taux de remboursement (%)",
    "Montant des réservations validées (TTC)",
    "Taux de contribution offreur (%)",
    "Montant de la contribution offreur (TTC)",
    "Montant remboursé (TTC)",
)
RATE_WIDTHS = (50, 28, 26, 22, 27, 27)  # 180 mm
VENUE_COLUMNS = (
    "Lieu",
    "Montant des réservations validées (TTC)",
    "Montant de la contribution offreur (TTC)",
    "Montant remboursé (TTC)",
)
VENUE_WIDTHS = (81, 33, 33, 33)
VAT_NOTE = (
    "La contribution offreur est une réduction de prix au sens du 1° du II de l'article 267 "
    "du code général des impôts : elle n'entre pas dans la base d'imposition à la TVA. "
    "Les montants sont toutes taxes comprises (TTC)."
)


def _euros(cents: int) -> str:
    return euros(cents).replace(" €", "\u00a0€")  # never « € » alone on a line


def _siren(siren: str) -> str:
    return "\u00a0".join((siren[:3], siren[3:6], siren[6:]))


class _Document(FPDF):
    def __init__(self, statement: Statement):
        super().__init__(orientation="portrait", unit="mm", format="A4")
        self.statement = statement
        for style, name in FONT_FILES.items():
            self.add_font(FONT, style, FONT_DIR / name)
        self.set_margins(MARGIN, 22, MARGIN)
        self.set_auto_page_break(True, margin=18)
        self.set_title(f"Justificatif de remboursement {statement.reference}")
        self.set_author("pass Culture")
        self.set_lang("fr")
        issued = datetime.combine(statement.issued_on, time(), tzinfo=clock.PARIS)
        self.set_creation_date(issued)

    def header(self):
        self.set_y(10)
        self.set_font(FONT, "B", 9)
        self.set_text_color(*INK)
        self.cell(90, 5, "pass Culture")
        self.cell(0, 5, f"Relevé n°{self.statement.reference}", align="R")
        self.set_draw_color(200, 200, 200)
        self.line(MARGIN, 16.5, self.w - MARGIN, 16.5)
        self.set_y(22)

    def footer(self):
        self.set_y(-13)
        self.set_font(FONT, "", 8)
        self.set_text_color(*MUTED)
        self.cell(90, 5, f"Justificatif de remboursement n°{self.statement.reference}")
        self.cell(0, 5, f"Page {self.page_no()} / {{nb}}", align="R")

    # --- Blocks ---

    def title_block(self):
        statement = self.statement
        self.set_text_color(*INK)
        self.set_font(FONT, "B", 17)
        self.cell(0, 9, "Justificatif de remboursement", new_x="LMARGIN", new_y="NEXT")
        self.ln(2)
        top = self.get_y()
        self.set_font(FONT, "B", 10.5)
        self.multi_cell(95, 5.5, statement.offerer_name, align="L", new_x="LMARGIN", new_y="NEXT")
        self.set_font(FONT, "", 9.5)
        self.cell(95, 5.5, f"SIREN {_siren(statement.siren)}", new_x="LMARGIN", new_y="NEXT")
        left_bottom = self.get_y()
        self.set_xy(MARGIN + 100, top)
        for label, value in (
            ("Date du justificatif", f"{statement.issued_on:%d/%m/%Y}"),
            ("N° de virement", statement.transfer_label),
            ("Compte bancaire", statement.account_label),
            ("IBAN", statement.iban),
        ):
            self.set_x(MARGIN + 100)
            self.set_font(FONT, "", 9.5)
            self.set_text_color(*MUTED)
            self.cell(32, 5.5, label)
            self.set_text_color(*INK)
            self.multi_cell(0, 5.5, value, align="L", new_x="LMARGIN", new_y="NEXT")
        self.set_y(max(left_bottom, self.get_y()) + 4)
        self.set_font(FONT, "", 10)
        self.multi_cell(
            0, 5.5, f"{statement.period_text}.", align="L", new_x="LMARGIN", new_y="NEXT"
        )
        self.ln(2)
        self.set_font(FONT, "B", 12)
        self.cell(0, 7, f"Montant remboursé : {_euros(statement.total.amount)}")
        self.ln(11)

    def heading(self, text: str):
        if self.will_page_break(20):  # a heading never ends a page alone
            self.add_page()
        self.set_font(FONT, "B", 11)
        self.set_text_color(*INK)
        self.cell(0, 7, text, new_x="LMARGIN", new_y="NEXT")
        self.ln(1)

    def _table(self, widths, columns, first_row_as_headings=True):
        self.set_font(FONT, "", 8.5)
        return self.table(
            col_widths=widths,
            width=sum(widths),
            align="LEFT",
            text_align=("LEFT",) + ("RIGHT",) * (len(widths) - 1),
            headings_style=HEADINGS,
            first_row_as_headings=first_row_as_headings,
            line_height=4.2,
            padding=(1.4, 1.6),
            v_align="MIDDLE",
            borders_layout="SINGLE_TOP_LINE" if not first_row_as_headings else "ALL",
        )

    def rate_group(self, group: RateGroup):
        self.heading(group.title)
        with self._table(RATE_WIDTHS, RATE_COLUMNS) as table:
            _headings(table, RATE_COLUMNS)
            for row in group.rows:
                _rate_cells(
                    table.row(),
                    row.label,
                    percent(row.rate_bp),
                    row.totals,
                    percent(row.contribution_rate_bp),
                )
            _rate_cells(table.row(), f"Sous-total {group.title}", "", group.subtotal, "", TOTAL)
        self.ln(5)

    def grand_total(self):
        if self.will_page_break(22):  # the total and its VAT note stay together
            self.add_page()
        with self._table(RATE_WIDTHS, RATE_COLUMNS, first_row_as_headings=False) as table:
            _rate_cells(table.row(), "TOTAL", "", self.statement.total, "", TOTAL)
        self.ln(3)
        self.set_font(FONT, "", 8)
        self.set_text_color(*MUTED)
        self.multi_cell(0, 4, VAT_NOTE, align="L", new_x="LMARGIN", new_y="NEXT")
        self.set_text_color(*INK)
        self.ln(6)

    def venues(self, venues: tuple[VenueRow, ...]):
        self.heading("Détail par lieu")
        with self._table(VENUE_WIDTHS, VENUE_COLUMNS) as table:
            _headings(table, VENUE_COLUMNS)
            for venue in venues:
                siret = f"SIRET {venue.siret}" if venue.siret else "Lieu numérique, sans SIRET"
                place = f"{venue.name}\n{siret}"
                _venue_cells(table.row(), place, venue.totals)
            _venue_cells(table.row(), "TOTAL", self.statement.total, TOTAL)


def _headings(table, columns):
    row = table.row()
    for text in columns:
        row.cell(text, align="CENTER")


def _rate_cells(row, label: str, rate: str, totals: Totals, contribution_rate: str, style=None):
    row.cell(label, style=style)
    for text in (
        rate,
        _euros(totals.booking_amount),
        contribution_rate,
        _euros(totals.contribution),
        _euros(totals.amount),
    ):
        row.cell(text.replace(" %", "\u00a0%"), style=style)


def _venue_cells(row, place: str, totals: Totals, style=None):
    row.cell(place, style=style)
    for cents in (totals.booking_amount, totals.contribution, totals.amount):
        row.cell(_euros(cents), style=style)


def render(statement: Statement) -> bytes:
    document = _Document(statement)
    document.add_page()
    document.title_block()
    for group in statement.groups:
        document.rate_group(group)
    document.grand_total()
    document.venues(statement.venues)
    return bytes(document.output())


def pdf_for(user, payment_id: int) -> tuple[str, bytes]:
    """(file name, PDF) of a payment's statement the user may read (else NotFound)."""
    statement = statement_for(user, payment_id)
    return f"justificatif-{statement.reference}.pdf", render(statement)
