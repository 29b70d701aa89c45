// pass Culture service worker: keeps the app shell available offline and fast.
// A page already visited opens from the cache at once and is refreshed in the background
// for the next visit (the pages are shells: what they show comes over the live channel);
// a page never visited goes to the network. The built scripts and styles (content-hashed,
// never changed in place) and the images are served from the cache once fetched. The live channel (/_event…) and the API are never cached.
// Offline tickets (/billet/<id>) go to the network first and are kept, by URL, in their
// own cache, which the youth sign-in page empties (a sign-out lands there), so a phone
// never keeps one user's tickets for the next.

const CACHE = "pass-culture-shell-v2";
const TICKETS = "pass-culture-tickets-v1";
// The tab bar's pages (their canonical URLs: the server redirects "/recherche" to
// "/recherche/"): their shells and the scripts and styles they load are stored at install.
const TABS = ["/", "/recherche/", "/reservations/", "/favoris/", "/profil/"];
const SHELL = [...TABS, "/manifest.json", "/icons/icon-192.png", "/icons/icon-512.png"];

// Chrome compiles the scripts put in the cache during install and keeps their code, so
// the next starts skip parsing them (the costly part on a cheap phone).
async function precache() {
  const cache = await caches.open(CACHE);
  await cache.addAll(SHELL);
  const assets = new Set();
  for (const tab of TABS) {
    const html = await (await cache.match(tab)).text();
    for (const match of html.matchAll(/href="(\/assets\/[^"]+)"/g)) assets.add(match[1]);
  }
  await cache.addAll([...assets]);
}

self.addEventListener("install", (event) => {
  event.waitUntil(precache().then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) =>
        Promise.all(
          keys.filter((key) => key !== CACHE && key !== TICKETS).map((key) => caches.delete(key)),
        ),
      )
      .then(() => self.clients.claim()),
  );
});

const neverCached = (url) =>
  url.origin !== self.location.origin ||
  url.pathname.startsWith("/_") ||
  url.pathname === "/api" ||
  url.pathname.startsWith("/api/");

async function staleWhileRevalidate(event) {
  const cache = await caches.open(CACHE);
  const refreshed = fetch(event.request).then((response) => {
    if (response.ok && !response.redirected) cache.put(event.request, response.clone());
    return response;
  });
  const cached = await cache.match(event.request);
  if (cached) {
    event.waitUntil(refreshed.catch(() => undefined));
    return cached;
  }
  try {
    return await refreshed;
  } catch (error) {
    return (await cache.match("/")) || Response.error();
  }
}

const NOT_YET_SAVED = `<!doctype html><html lang="fr"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>Billet indisponible hors ligne</title></head>
<body style="font-family:system-ui,sans-serif;margin:0;padding:1rem"><h1>Billet indisponible hors ligne</h1>
<p>Ce billet n’a pas encore été ouvert avec une connexion sur ce téléphone. Ouvre-le une fois en ligne pour le garder.</p>
</body></html>`;

async function ticketNetworkFirst(request) {
  const cache = await caches.open(TICKETS);
  const key = request.url;
  let response;
  try {
    response = await fetch(request);
  } catch (error) {
    const kept = await cache.match(key);
    if (kept) return kept;
    return new Response(NOT_YET_SAVED, {
      status: 503,
      headers: { "Content-Type": "text/html; charset=utf-8" },
    });
  }
  if (response.ok && !response.redirected) {
    // Kept only once its body has fully arrived: a transfer cut halfway (the network
    // lost) never replaces the copy kept before.
    try {
      const body = await response.clone().blob();
      await cache.put(key, new Response(body, { status: response.status, headers: response.headers }));
    } catch (error) {
      // the copy kept before stays
    }
  } else if (response.status === 401 || response.status === 404) {
    await cache.delete(key);
  }
  return response;
}

async function cacheFirst(request) {
  const cache = await caches.open(CACHE);
  const cached = await cache.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) cache.put(request, response.clone());
  return response;
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (neverCached(url)) return;
  if (url.pathname.startsWith("/billet/")) {
    event.respondWith(ticketNetworkFirst(request));
  } else if (request.mode === "navigate") {
    event.respondWith(staleWhileRevalidate(event));
  } else if (/^\/(assets|icons|demo)\//.test(url.pathname)) {
    event.respondWith(cacheFirst(request));
  }
});
