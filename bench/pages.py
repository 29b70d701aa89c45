"""Page speed of the youth app on a weak phone: bytes transferred and time until the page
responds to a tap, cold (empty caches) and warm (service-worker cache filled).

    .venv/bin/python bench/pages.py [--runs 3] [--pages /,/recherche/]

It starts the production build on a throwaway SQLite database with the demo data, signs
the demo young user in, and drives Debian's Chromium at phone size with network
throttling (1.6 Mbit/s both ways, 150 ms round trip) and a 4× CPU slowdown. "Responds to
a tap" = the page's signed-in content is on screen, which needs the live connection and
a server round trip (the guard), so a tap is then answered. The baseline is the same
load without throttling, in the same run. Targets: ≤ 4 s cold, ≤ 1.5 s warm.
"""

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

from pass_culture import db, migrations, server
from pass_culture.demo.accounts import DEMO_PASSWORD
from pass_culture.demo.loader import load_demo
from pass_culture.models import Surface
from services import auth

YOUNG_EMAIL = "jeune@demo.passculture.fr"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic"]
THROTTLED = {"latency": 150, "throughput": 1_600_000 / 8, "cpu": 4}
# What shows that each page has its signed-in content (and so answers a tap). The pages'
# canonical URLs: the server redirects "/recherche" to "/recherche/".
READY = {
    "/": "main h1",
    "/recherche/": "main h1",
    "/reservations/": "main h1",
    "/profil/": "main h1",
}
TARGET_COLD_S, TARGET_WARM_S = 4.0, 1.5


def _prepare_database(folder: Path) -> str:
    url = f"sqlite:///{folder / 'pages.db'}"
    db.use_database(url)
    migrations.upgrade()
    load_demo()
    return url


def _token() -> str:
    token, _user = auth.login(YOUNG_EMAIL, DEMO_PASSWORD, Surface.YOUTH)
    return token


def _throttle(page, throttled: bool) -> None:
    cdp = page.context.new_cdp_session(page)
    cdp.send("Network.enable")
    if throttled:
        cdp.send(
            "Network.emulateNetworkConditions",
            {
                "offline": False,
                "latency": THROTTLED["latency"],
                "downloadThroughput": THROTTLED["throughput"],
                "uploadThroughput": THROTTLED["throughput"],
            },
        )
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": THROTTLED["cpu"]})
    transferred = []
    cdp.on("Network.loadingFinished", lambda event: transferred.append(event["encodedDataLength"]))
    return transferred


def _load(context, path: str, throttled: bool) -> tuple[float, int]:
    """Seconds until the page's content shows, and bytes that came over the network."""
    page = context.new_page()
    transferred = _throttle(page, throttled)
    started = time.perf_counter()
    page.goto(path, wait_until="commit")
    page.locator(READY[path]).first.wait_for(state="visible", timeout=60_000)
    elapsed = time.perf_counter() - started
    page.close()
    return elapsed, sum(transferred)


def _context(browser, url: str, token: str):
    context = browser.new_context(
        base_url=url,
        locale="fr-FR",
        viewport={"width": 390, "height": 844},
        is_mobile=True,
        has_touch=True,
    )
    context.add_cookies([{"name": "pc_session_youth", "value": token, "url": url}])
    return context


def _measure(browser, url: str, path: str, throttled: bool) -> dict[str, tuple[float, int]]:
    context = _context(browser, url, _token())
    try:
        cold = _load(context, path, throttled)
        # Let the service worker install and take control, then load again.
        warm_page = context.new_page()
        warm_page.goto(path)
        warm_page.wait_for_function("navigator.serviceWorker.controller !== null", timeout=30_000)
        warm_page.close()
        warm = _load(context, path, throttled)
    finally:
        context.close()
    return {"cold": cold, "warm": warm}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--pages", default="/,/recherche/")
    args = parser.parse_args()
    paths = [path for path in args.pages.split(",") if path]
    unknown = [path for path in paths if path not in READY]
    if unknown:
        print(f"Pages inconnues du banc : {', '.join(unknown)}", file=sys.stderr)
        return 2

    with tempfile.TemporaryDirectory() as folder:
        url = _prepare_database(Path(folder))
        log = Path(folder) / "reflex.log"
        print("Démarrage de l'application (build de production)…", flush=True)
        with server.running_app(url, log) as app_url, sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS
            )
            rows = []
            for path in paths:
                for throttled in (False, True):
                    runs = [_measure(browser, app_url, path, throttled) for _ in range(args.runs)]
                    rows.append((path, throttled, runs))
            browser.close()

    print(
        f"\n{'page':<14}{'réseau':<22}{'mode':<7}{'s (médiane)':>12}{'s (max)':>9}"
        f"{'Ko transférés':>15}{'cible':>8}"
    )
    failed = False
    for path, throttled, runs in rows:
        for mode, target in (("cold", TARGET_COLD_S), ("warm", TARGET_WARM_S)):
            seconds = [run[mode][0] for run in runs]
            kilobytes = statistics.median(run[mode][1] for run in runs) / 1024
            network = "1,6 Mbit/s, CPU ×4" if throttled else "sans bridage (base)"
            verdict = ""
            if throttled:
                ok = statistics.median(seconds) <= target
                failed |= not ok
                verdict = f"≤ {target:g} s {'ok' if ok else 'MANQUÉ'}"
            print(
                f"{path:<14}{network:<22}{mode:<7}{statistics.median(seconds):>12.2f}"
                f"{max(seconds):>9.2f}{kilobytes:>15.0f}  {verdict}"
            )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
