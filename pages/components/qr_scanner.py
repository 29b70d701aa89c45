"""The counter's QR code scanner: the camera, client-only (it needs the browser)."""

import reflex as rx
from reflex.event import passthrough_event_spec


class QrScanner(rx.NoSSRComponent):
    """pages/components/qr_scanner.jsx: calls `on_read` with the first QR code's text,
    `on_fail` with a message when the camera cannot start."""

    library = rx.asset("qr_scanner.jsx", shared=True).importable_path
    tag = "QrScanner"
    lib_dependencies: list[str] = [
        "@yudiel/react-qr-scanner@2.6.0",
        # Pinned with it: assets/zxing_reader.wasm is this zxing-wasm's reader (3.1.3).
        "barcode-detector@3.2.2",
        "zxing-wasm@3.1.3",
    ]

    on_read: rx.EventHandler[passthrough_event_spec(str)]
    on_fail: rx.EventHandler[passthrough_event_spec(str)]
