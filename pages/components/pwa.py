"""What makes the youth app installable: manifest, icons, service worker (assets/)."""

import reflex as rx

from pages.components.brand import PURPLE

# Registered once the page has loaded, so it never competes with the app's first paint.
_REGISTER_SERVICE_WORKER = """
if ("serviceWorker" in navigator) {
  const register = () => navigator.serviceWorker.register("/sw.js", { scope: "/" });
  if (document.readyState === "complete") register();
  else window.addEventListener("load", register, { once: true });
}
"""


# The offline tickets the service worker keeps (assets/sw.js, cache TICKETS): dropped on
# the youth sign-in page, where a sign-out lands, so the next user of the phone never
# sees them.
FORGET_OFFLINE_TICKETS = "if (window.caches) caches.delete('pass-culture-tickets-v1');"


def head_components() -> list[rx.Component]:
    return [
        rx.el.link(rel="manifest", href="/manifest.json"),
        rx.el.link(rel="apple-touch-icon", href="/icons/apple-touch-icon.png"),
        rx.el.link(rel="icon", type="image/png", sizes="192x192", href="/icons/icon-192.png"),
        rx.el.meta(name="theme-color", content=PURPLE),
        rx.el.meta(name="mobile-web-app-capable", content="yes"),
        rx.script(_REGISTER_SERVICE_WORKER),
    ]
