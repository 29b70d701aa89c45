"""Security headers on every HTTP response of the app: pages, assets, API routes and
downloads (an ASGI middleware around the whole backend, mounted frontend included)."""

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from pass_culture.settings import get_settings

# Reflex's built pages boot through inline scripts that differ per page and per build (no
# stable hash or nonce to give), and `rx.call_script` runs its code through eval: both
# must be allowed. The counter's QR scanner compiles its WebAssembly reader. Radix and
# emotion write inline styles. Offer images may come from a pro's https address and the
# map tiles from the tile server; the live channel is a websocket to the app itself.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self' 'unsafe-inline' 'unsafe-eval' 'wasm-unsafe-eval'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: blob: https:",
        "font-src 'self' data:",
        "connect-src 'self' ws: wss:",
        "media-src 'self' blob:",
        "worker-src 'self' blob:",
        "manifest-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)


# Private documents that the app's own pages show inline (the admins' queues, the pro's proof):
# framed by the app itself, never by another site.
FRAMED_BY_THE_APP = ("/pro/documents/", "/admin/documents/")


def _headers(*, framed: bool = False) -> list[tuple[bytes, bytes]]:
    headers = {
        "content-security-policy": (
            CONTENT_SECURITY_POLICY.replace("frame-ancestors 'none'", "frame-ancestors 'self'")
            if framed
            else CONTENT_SECURITY_POLICY
        ),
        "x-frame-options": "SAMEORIGIN" if framed else "DENY",
        # The origin only, to other sites (the map's tile server asks for one); the full
        # address (a reset link's token) never leaves the app.
        "referrer-policy": "strict-origin-when-cross-origin",
        "x-content-type-options": "nosniff",
        "permissions-policy": "camera=(self), geolocation=(self), microphone=()",
    }
    if get_settings().public_url.startswith("https://"):
        headers["strict-transport-security"] = "max-age=31536000; includeSubDomains"
    return [(name.encode(), value.encode()) for name, value in headers.items()]


def security_headers(app: ASGIApp) -> ASGIApp:
    """Wraps `app` (an `api_transformer` step); websockets pass through untouched."""
    added, framed = _headers(), _headers(framed=True)
    names = {name for name, _ in added}

    async def with_headers(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await app(scope, receive, send)
            return

        extra = framed if scope["path"].startswith(FRAMED_BY_THE_APP) else added

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                kept = [(n, v) for n, v in message.get("headers", []) if n.lower() not in names]
                message = {**message, "headers": kept + extra}
            await send(message)

        await app(scope, receive, send_with_headers)

    return with_headers
