"""The search page's map: Leaflet (react-leaflet, marker clustering) as a client-only
component, since Leaflet needs the browser's window. Tiles come from the settings."""

import reflex as rx

from pages.components.brand import PURPLE
from pass_culture.settings import get_settings


class OfferMap(rx.NoSSRComponent):
    """pages/components/offer_map.jsx: markers (dicts id, lat, lng, name, venue, price,
    href) clustered on a map centred on `center`."""

    library = rx.asset("offer_map.jsx", shared=True).importable_path
    tag = "OfferMap"
    lib_dependencies: list[str] = [
        "leaflet@1.9.4",
        "react-leaflet@5.0.0",
        "react-leaflet-cluster@4.1.3",
    ]

    center: rx.Var[list[float]]
    zoom: rx.Var[int]
    markers: rx.Var[list[dict]]
    tile_url: rx.Var[str]
    tile_attribution: rx.Var[str]


_MARKER_STYLE = {
    "& .pc-map-marker span": {
        "display": "block",
        "width": "22px",
        "height": "22px",
        "border_radius": "50%",
        "background": PURPLE,
        "border": "3px solid white",
        "box_shadow": "0 1px 4px rgba(0, 0, 0, 0.5)",
    },
    "& .pc-map-cluster span": {
        "display": "flex",
        "align_items": "center",
        "justify_content": "center",
        "width": "40px",
        "height": "40px",
        "border_radius": "50%",
        "background": PURPLE,
        "color": "white",
        "font_weight": "bold",
        "border": "3px solid white",
        "box_shadow": "0 1px 4px rgba(0, 0, 0, 0.5)",
    },
    "& .leaflet-container": {"background": "var(--gray-4)", "font": "inherit"},
    "& .pc-map-popup-link": {"color": PURPLE, "font_weight": "bold"},
    "& .leaflet-control-attribution a": {"text_decoration": "underline"},
}


def offer_map(center, zoom, markers, key) -> rx.Component:
    settings = get_settings()
    return rx.box(
        OfferMap.create(
            center=center,
            zoom=zoom,
            markers=markers,
            tile_url=settings.map_tile_url,
            tile_attribution=settings.map_tile_attribution,
            key=key,
        ),
        role="region",
        aria_label="Carte des offres",
        height="60vh",
        min_height="20rem",
        width="100%",
        border_radius="var(--radius-4)",
        overflow="hidden",
        # Leaflet's panes have z-indexes of 400+: keep them under the tab bar.
        position="relative",
        isolation="isolate",
        style=_MARKER_STYLE,
    )
