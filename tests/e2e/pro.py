"""What pro staff do in the browser, shared by the pro portal's browser tests."""

import io
import json
import re
from contextlib import contextmanager

from PIL import Image
from playwright.sync_api import Page, expect

from tests import factories
from tests.e2e.browser import expect_path, sign_in
from tests.e2e.conftest import CHROMIUM_ARGS

TABLET = {"width": 1024, "height": 768}
DESKTOP = {"width": 1366, "height": 900}


def new_context(browser, app_url, **options):
    context = browser.new_context(base_url=app_url, locale="fr-FR", **options)
    context.set_default_timeout(15_000)
    return context


def fill_signup(
    page: Page,
    email: str,
    siren: str,
    structure: str,
    password: str = factories.PASSWORD,
    name: tuple[str, str] = ("Claire", "Dupont"),
) -> None:
    """The form of /pro/inscription filled in and sent."""
    submit = page.get_by_role("button", name="Créer mon compte")
    # Enabled once hydrated: its on_load (which empties the fields' state) is over.
    expect(submit).to_be_enabled()
    page.get_by_label("Adresse email professionnelle").fill(email)
    page.get_by_label("Mot de passe", exact=True).fill(password)
    page.get_by_label("Prénom").fill(name[0])
    page.get_by_label("Nom", exact=True).fill(name[1])
    page.get_by_label("Téléphone").fill("01 23 45 67 89")
    page.get_by_label("SIREN de la structure").fill(siren)
    page.get_by_label("Nom de la structure").fill(structure)
    submit.click()


def drop_bank_proof(page: Page, name: str, mime: str, content: bytes) -> None:
    """A file dropped on the proof zone of /pro/coordonnees-bancaires."""
    page.locator("#bank-proof input[type=file]").set_input_files(
        files=[{"name": name, "mimeType": mime, "buffer": content}]
    )


def open_counter(page: Page, pro) -> None:
    sign_in(page, "/pro/connexion", pro.email)
    expect_path(page, "/pro")
    nav = page.get_by_role("navigation", name="Navigation de l’espace professionnel")
    expect(nav.get_by_role("link", name="Accueil")).to_have_attribute("aria-current", "page")
    nav.get_by_role("link", name="Guichet").click()
    expect_path(page, "/pro/guichet")
    expect(page.get_by_role("heading", level=1)).to_have_text("Guichet")


def look_up(page: Page, code: str) -> None:
    field = page.get_by_label("Code de la contremarque (6 caractères)")
    field.fill(code)
    field.press("Enter")


def booking_card(page: Page, code: str):
    return page.get_by_role("region", name=f"Réservation {code}")


def y4m(png: bytes, path) -> None:
    """One 640×480 frame (grey levels only) for Chromium's fake camera."""
    qr = Image.open(io.BytesIO(png)).convert("L")
    qr.thumbnail((440, 440))
    frame = Image.new("L", (640, 480), 255)
    frame.paste(qr, ((640 - qr.width) // 2, (480 - qr.height) // 2))
    chroma = bytes([128]) * (320 * 240)
    path.write_bytes(
        b"YUV4MPEG2 W640 H480 F30:1 Ip A1:1 C420jpeg\nFRAME\n" + frame.tobytes() + chroma * 2
    )


def qr_png(browser, svg: str) -> bytes:
    context = browser.new_context()
    drawing = context.new_page()
    drawing.set_content(f"<div id='qr' style='width:300px;background:white'>{svg}</div>")
    png = drawing.locator("#qr").screenshot()
    context.close()
    return png


@contextmanager
def camera_showing(browser, app_url, png: bytes, video):
    """A tablet whose camera films `png` (a separate Chromium: the fake camera is a
    launch option)."""
    y4m(png, video)
    camera_browser = browser.browser_type.launch(
        executable_path="/usr/bin/chromium",
        args=CHROMIUM_ARGS
        + [
            "--use-fake-device-for-media-stream",
            "--use-fake-ui-for-media-stream",
            f"--use-file-for-fake-video-capture={video.resolve()}",
        ],
    )
    try:
        context = new_context(camera_browser, app_url, viewport=TABLET)
        context.grant_permissions(["camera"])
        yield context.new_page()
    finally:
        camera_browser.close()


def booking_row(page: Page, booking_id: int):
    return page.locator(f"tr[data-booking='{booking_id}']")


def forger(page: Page):
    """Lets the test send events the page never offers, as a hostile browser would:
    `forge(handler, payload)` rewrites the next event the page sends into a call of
    this page state's `handler` with `payload`."""
    armed: list[tuple[str, dict]] = []
    forged: list[str] = []

    def rewrite(ws):
        server = ws.connect_to_server()

        def to_server(message):
            if armed and isinstance(message, str) and message.startswith("42/_event,"):
                handler, payload = armed.pop()
                name, event = json.loads(message.removeprefix("42/_event,"))
                event["name"] = re.sub(r"\.[a-z_]+$", f".{handler}", event["name"])
                event["payload"] = payload
                message = "42/_event," + json.dumps([name, event])
                forged.append(handler)
            server.send(message)

        ws.on_message(to_server)

    page.route_web_socket(re.compile(r"/_event"), rewrite)
    return lambda handler, payload: armed.append((handler, payload)), forged
