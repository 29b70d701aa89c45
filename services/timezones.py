"""Local time of a venue: events are shown at the hour of the place they happen in."""

from zoneinfo import ZoneInfo

from pass_culture.clock import PARIS

# Overseas départements and collectivities with their own time (pcapi
# `utils/date.py`); everything else, Corsica included, is on Paris time.
_OVERSEAS_ZONES = {
    "971": "America/Guadeloupe",
    "972": "America/Martinique",
    "973": "America/Cayenne",
    "974": "Indian/Reunion",
    "975": "America/Miquelon",
    "976": "Indian/Mayotte",
    "977": "America/St_Barthelemy",
    "978": "America/Marigot",
    "986": "Pacific/Wallis",
    "987": "Pacific/Tahiti",
    "988": "Pacific/Noumea",
}


def department_timezone(department_code: str | None) -> ZoneInfo:
    """The time zone of a département (Paris when unknown, e.g. a digital venue)."""
    zone = _OVERSEAS_ZONES.get(department_code or "")
    return ZoneInfo(zone) if zone else PARIS
