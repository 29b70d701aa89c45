"""Leaflet maps (react-leaflet) as client-only components, since Leaflet needs the
browser's window: the search page's offers, a venue's pin. Tiles come from the settings."""

import reflex as rx
from reflex.event import passthrough_event_spec

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


class PinMap(rx.NoSSRComponent):
    """pages/components/pin_map.jsx: one draggable pin at `position` ([lat, lng]);
    `on_move` gets the latitude and longitude where it is dropped or the map is clicked."""

    library = rx.asset("pin_map.jsx", shared=True).importable_path
    tag = "PinMap"
    lib_dependencies: list[str] = OfferMap.lib_dependencies[:2]

    position: rx.Var[list[float]]
    zoom: rx.Var[int]
    pin_title: rx.Var[str]
    tile_url: rx.Var[str]
    tile_attribution: rx.Var[str]
    on_move: rx.EventHandler[passthrough_event_spec(float, float)]


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


def _frame(leaflet_map: rx.Component, label: str, **props) -> rx.Component:
    return rx.box(
        leaflet_map,
        role="region",
        aria_label=label,
        width="100%",
        border_radius="var(--radius-4)",
        overflow="hidden",
        # Leaflet's panes have z-indexes of 400+: keep them under the tab bar.
        position="relative",
        isolation="isolate",
        style=_MARKER_STYLE,
        **props,
    )


def _tiles() -> dict:
    settings = get_settings()
    return {"tile_url": settings.map_tile_url, "tile_attribution": settings.map_tile_attribution}


def offer_map(center, zoom, markers, key) -> rx.Component:
    return _frame(
        OfferMap.create(center=center, zoom=zoom, markers=markers, key=key, **_tiles()),
        "Carte des offres",
        height="60vh",
        min_height="20rem",
    )


def pin_map(position, on_move, *, label: str, pin_title: str) -> rx.Component:
    """A venue's pin on the map, zoomed on its street."""
    return _frame(
        PinMap.create(position=position, zoom=15, on_move=on_move, pin_title=pin_title, **_tiles()),
        label,
        height="22rem",
    )
