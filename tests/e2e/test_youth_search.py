"""Discovery as a young user does it on a phone: a typed town, filters, list and map,
an offer opened from its card, a favourite from a card."""

import re
from datetime import timedelta

import pytest
from playwright.sync_api import Page, expect

from pass_culture import clock
from tests import factories
from tests.e2e.browser import expect_accessible, expect_path, screenshot, sign_in

pytestmark = pytest.mark.e2e

# Around Strasbourg, far enough apart for the map to show them as separate markers.
SPOTS = [(48.5734, 7.7521), (48.80, 7.78), (48.35, 7.45)]


def _catalogue(word: str) -> dict[str, int]:
    """Three offers sharing a rare word: a cinema screening, a free book, a concert."""
    soon = clock.utcnow() + timedelta(hours=1)  # in "Cette semaine" but on Sunday 23:00+
    venues = [
        factories.make_venue(name=f"Lieu {word} {n}", latitude=lat, longitude=lon)
        for n, (lat, lon) in enumerate(SPOTS)
    ]
    film = factories.make_offer(
        venues[0], subcategory_id="SEANCE_CINE", name=f"Film {word}", is_duo=True
    )
    factories.make_stock(film, price=6_50, beginning_at=soon, booking_limit_at=soon)
    later = soon + timedelta(days=1)
    factories.make_stock(film, price=9_00, beginning_at=later, booking_limit_at=later)
    book = factories.make_offer(venues[1], subcategory_id="LIVRE_PAPIER", name=f"Livre {word}")
    factories.make_stock(book, price=0)
    concert = factories.make_offer(venues[2], subcategory_id="CONCERT", name=f"Concert {word}")
    factories.make_stock(concert, price=25_00, beginning_at=soon, booking_limit_at=soon)
    return {"film": film.id, "book": book.id, "concert": concert.id}


def _signed_in(page: Page) -> None:
    user, _deposit = factories.make_beneficiary(first_name="Léa")
    sign_in(page, "/connexion", user.email)
    expect_path(page, "/")


def _choose_strasbourg(page: Page) -> None:
    page.get_by_role("button", name=re.compile("^Où")).click()
    field = page.get_by_label("Ville ou code postal")
    field.press_sequentially("Strasb")
    # With the keyboard: down to the first suggestion, then Enter.
    expect(page.get_by_role("button", name="Strasbourg (67000)")).to_be_visible()
    field.press("ArrowDown")
    expect(page.get_by_role("button", name="Strasbourg (67000)")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.get_by_role("button", name=re.compile("^Où"))).to_have_text(
        "Où : Strasbourg (67000) · 50 km"
    )


def _search_text(page: Page, text: str) -> None:
    field = page.get_by_label("Rechercher une offre, un artiste, un lieu")
    field.fill(text)
    field.press("Enter")


def _cards(page: Page):
    return page.get_by_role("list", name="Offres trouvées").get_by_role("article")


def test_search_around_a_typed_town_then_filter_by_category_and_price(mobile_page):
    page = mobile_page
    _catalogue("Quetzal")
    _signed_in(page)
    page.goto("/recherche")
    expect(page.get_by_role("heading", level=1)).to_have_text("Rechercher")

    _choose_strasbourg(page)
    _search_text(page, "quetzal")
    expect(page.get_by_role("heading", level=2, name="3 offres")).to_be_visible()
    expect(_cards(page)).to_have_count(3)
    film = _cards(page).filter(has_text="Film Quetzal")
    expect(film).to_contain_text("dès 6,50 €")
    expect(film).to_contain_text("Duo")
    expect(film).to_contain_text("à ")
    expect(_cards(page).filter(has_text="Livre Quetzal")).to_contain_text("Gratuit")
    screenshot(page, "youth-search-results")
    expect_accessible(page)

    page.get_by_role("button", name="Filtres").click()
    dialog = page.get_by_role("dialog", name="Filtres")
    dialog.get_by_label("Catégorie", exact=True).select_option(label="Cinéma")
    expect(dialog.get_by_role("button", name="Voir 1 offre")).to_be_visible()
    screenshot(page, "youth-search-filters")
    expect_accessible(page)
    dialog.get_by_role("button", name=re.compile("^Voir ")).click()
    expect(_cards(page)).to_have_count(1)
    expect(_cards(page)).to_contain_text("Film Quetzal")

    # The active filter is shown and removable; then "free only".
    page.get_by_role("button", name="Retirer le filtre Cinéma").click()
    expect(_cards(page)).to_have_count(3)
    page.get_by_role("button", name="Filtres").click()
    dialog.get_by_role("radio", name="Gratuit uniquement").click()
    dialog.get_by_role("button", name=re.compile("^Voir ")).click()
    expect(_cards(page)).to_have_count(1)
    expect(_cards(page)).to_contain_text("Livre Quetzal")
    expect(page.get_by_role("button", name="Retirer le filtre Gratuit uniquement")).to_be_visible()

    # A price ceiling keeps the screening and the book, not the 25 € concert.
    page.get_by_role("button", name=re.compile("^Filtres")).click()
    dialog.get_by_role("radio", name="Jusqu'à un prix maximum").click()
    dialog.get_by_label("Prix maximum (en €)").fill("500")
    expect(dialog.get_by_role("alert")).to_have_text("Le prix maximum va de 0 à 300 €.")
    dialog.get_by_label("Prix maximum (en €)").fill("10")
    expect(dialog.get_by_role("button", name="Voir 2 offres")).to_be_visible()
    expect(dialog.get_by_role("alert")).to_have_count(0)

    # Dates keep events only: this week, the screening and the concert (within the hour).
    dialog.get_by_role("radio", name="Tous les prix").click()
    dialog.get_by_role("radio", name="Cette semaine").click()
    expect(dialog.get_by_role("button", name="Voir 2 offres")).to_be_visible()
    # A range of days: an end before the start is refused in French.
    dialog.get_by_role("radio", name="Choisir des dates").click()
    today = clock.to_paris(clock.utcnow()).date()
    dialog.get_by_label("Du", exact=True).fill((today + timedelta(days=5)).isoformat())
    dialog.get_by_label("Au", exact=True).fill((today + timedelta(days=4)).isoformat())
    expect(dialog.get_by_role("alert")).to_have_text("La date de fin doit suivre la date de début.")
    dialog.get_by_label("Du", exact=True).fill(today.isoformat())
    expect(dialog.get_by_role("button", name="Voir 2 offres")).to_be_visible()
    dialog.get_by_role("button", name="Réinitialiser").click()
    expect(dialog.get_by_role("button", name="Voir 3 offres")).to_be_visible()


def test_switch_to_the_map_and_back_without_tiles(mobile_page):
    page = mobile_page
    _catalogue("Ornithorynque")
    _signed_in(page)
    page.goto("/recherche?q=ornithorynque")
    _choose_strasbourg(page)
    expect(_cards(page)).to_have_count(3)

    page.get_by_role("button", name="Carte").click()
    expect(page.get_by_role("button", name="Carte")).to_have_attribute("aria-pressed", "true")
    region = page.get_by_role("region", name="Carte des offres")
    expect(region.locator(".leaflet-container")).to_be_visible()
    # Every loaded hit is on the map, alone or inside a cluster (clusters settle after
    # their animation: wait for the sum rather than read it once).
    page.wait_for_function(
        """() => {
            const map = document.querySelector('[aria-label="Carte des offres"]');
            const single = map.querySelectorAll(".pc-map-marker").length;
            const clustered = [...map.querySelectorAll(".pc-map-cluster")]
                .reduce((sum, c) => sum + Number(c.innerText), 0);
            return single + clustered === 3;
        }"""
    )
    screenshot(page, "youth-search-map")
    expect_accessible(page)

    # A marker opens a popup that leads to its offer (with the keyboard, as markers are
    # focusable buttons).
    region.locator(".pc-map-marker").first.focus()
    page.keyboard.press("Enter")
    popup_link = region.locator(".leaflet-popup a.pc-map-popup-link")
    expect(popup_link).to_be_visible()
    expect(popup_link).to_have_attribute("href", re.compile(r"^/offre/\d+$"))

    page.get_by_role("button", name="Liste").click()
    expect(_cards(page)).to_have_count(3)


def test_open_an_offer_and_keep_a_favourite_from_a_card(mobile_page):
    page = mobile_page
    offers = _catalogue("Pangolin")
    _signed_in(page)
    page.goto("/recherche?q=pangolin")
    card = _cards(page).filter(has_text="Livre Pangolin")
    expect(card).to_have_count(1)

    heart = card.get_by_role("button", name="Ajouter aux favoris")
    heart.click()
    expect(card.get_by_role("button", name="Retirer des favoris")).to_have_attribute(
        "aria-pressed", "true"
    )
    page.get_by_role("navigation", name="Navigation principale").get_by_role(
        "link", name="Favoris"
    ).click()
    expect_path(page, "/favoris")
    expect(page.get_by_role("article").filter(has_text="Livre Pangolin")).to_be_visible()

    page.goto("/recherche?q=pangolin")
    card = _cards(page).filter(has_text="Livre Pangolin")
    card.get_by_role("button", name="Retirer des favoris").click()
    expect(card.get_by_role("button", name="Ajouter aux favoris")).to_have_attribute(
        "aria-pressed", "false"
    )
    card.get_by_role("link", name="Livre Pangolin").click()
    expect_path(page, f"/offre/{offers['book']}")


def test_a_category_door_and_a_refused_position(mobile_page):
    page = mobile_page
    page.context.grant_permissions([])  # the geolocation prompt is refused
    _catalogue("Axolotl")
    _signed_in(page)
    page.goto("/recherche?categorie=CINEMA&q=axolotl")
    expect(page.get_by_role("button", name="Retirer le filtre Cinéma")).to_be_visible()
    expect(_cards(page)).to_have_count(1)

    page.get_by_role("button", name=re.compile("^Où")).click()
    page.get_by_role("button", name="Utiliser ma position").click()
    expect(page.get_by_role("alert")).to_contain_text("Tu n'as pas autorisé l'accès à ta position")
    expect(page.get_by_role("button", name="France entière", exact=True)).to_be_visible()

    # Allowed this time: the browser's position becomes the search's centre.
    page.context.grant_permissions(["geolocation"])
    page.context.set_geolocation({"latitude": 48.58, "longitude": 7.75})
    page.get_by_role("button", name="Utiliser ma position").click()
    expect(page.get_by_role("button", name=re.compile("^Où"))).to_have_text(
        "Où : Ma position · 50 km"
    )
    expect(_cards(page).first).to_contain_text("à ")

    page.goto("/recherche?q=introuvablissime")
    expect(page.get_by_role("heading", name="Aucune offre ne correspond")).to_be_visible()
    screenshot(page, "youth-search-empty")

    page.goto("/recherche?categorie=INCONNUE")
    expect(page.get_by_role("alert")).to_have_text("Cette catégorie de recherche n'existe pas.")


def test_results_come_twenty_at_a_time(mobile_page):
    page = mobile_page
    venue = factories.make_venue(name="Bouquinerie Tatou")
    for n in range(21):
        factories.make_stock(factories.make_offer(venue, name=f"Tatou, tome {n + 1}"))
    _signed_in(page)
    page.goto("/recherche?q=tatou")
    expect(page.get_by_role("heading", level=2, name="21 offres")).to_be_visible()
    expect(_cards(page)).to_have_count(20)
    page.get_by_role("button", name="Voir plus").click()
    expect(_cards(page)).to_have_count(21)
    expect(page.get_by_role("button", name="Voir plus")).to_have_count(0)
