"""The youth app is installable: manifest, icons and a service worker."""

import struct

import pytest
from playwright.sync_api import expect

from tests.e2e.browser import expect_path

pytestmark = pytest.mark.e2e


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


def test_manifest_is_linked_and_describes_the_app(page):
    page.goto("/connexion")

    href = page.locator('link[rel="manifest"]').get_attribute("href")
    manifest = page.request.get(href).json()

    assert manifest["name"] == "pass Culture"
    assert manifest["lang"] == "fr"
    assert manifest["start_url"] == manifest["scope"] == "/"
    assert manifest["display"] == "standalone"
    assert manifest["theme_color"] == "#320096"
    assert {icon["sizes"] for icon in manifest["icons"]} == {"192x192", "512x512"}
    for icon in manifest["icons"]:
        assert icon["purpose"] == "any maskable"
        response = page.request.get(icon["src"])
        assert response.headers["content-type"] == "image/png"
        width, height = _png_size(response.body())
        assert f"{width}x{height}" == icon["sizes"]
    apple_icon = page.locator('link[rel="apple-touch-icon"]').get_attribute("href")
    assert page.request.get(apple_icon).ok


def test_service_worker_registers_and_serves_the_shell_offline(page, app_url):
    page.goto("/connexion")

    scope = page.evaluate("async () => (await navigator.serviceWorker.ready).scope")
    assert scope == f"{app_url}/"

    # Once the worker controls the page, a visited page opens without the network.
    page.reload()
    page.wait_for_function("navigator.serviceWorker.controller !== null")
    expect(page.get_by_role("heading", level=1)).to_have_text("Connexion")
    page.context.set_offline(True)
    page.reload()
    expect_path(page, "/connexion")
    expect(page.get_by_role("heading", level=1)).to_have_text("Connexion")
    page.context.set_offline(False)
