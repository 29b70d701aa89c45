"""The place a young user searches around, kept in the browser between visits.

Set by the search page (geolocation, a typed commune, or "France entière"); read by the
pages that show distances (`await self.get_state(LocationState)`).
"""

import reflex as rx

from state.auth import YouthSession


class LocationState(YouthSession):
    # Empty label = no place chosen yet; "France entière" is stored as a label without
    # coordinates.
    place_label: str = rx.LocalStorage("", name="pc_lieu")
    place_latitude: str = rx.LocalStorage("", name="pc_lieu_lat")
    place_longitude: str = rx.LocalStorage("", name="pc_lieu_lon")

    def _coordinates(self) -> tuple[float, float] | None:
        """The stored point, or None ("France entière", nothing chosen, or tampered values)."""
        try:
            latitude, longitude = float(self.place_latitude), float(self.place_longitude)
        except ValueError:
            return None
        if -90 <= latitude <= 90 and -180 <= longitude <= 180:
            return latitude, longitude
        return None

    def _remember(self, label: str, coordinates: tuple[float, float] | None) -> None:
        self.place_label = label
        self.place_latitude = f"{coordinates[0]:.5f}" if coordinates else ""
        self.place_longitude = f"{coordinates[1]:.5f}" if coordinates else ""
