"""The venue pages' states never run database work on the event loop: every handler that
reaches a service is a coroutine (it awaits `asyncio.to_thread`)."""

import inspect

import pytest

from services.venues import VenueInput
from state.pro.venues import TEXT_FIELDS, StructureState, VenueFormState


@pytest.mark.parametrize(
    ("state", "handler"),
    [
        (StructureState, "load"),
        (VenueFormState, "load_new"),
        (VenueFormState, "load_existing"),
        (VenueFormState, "place_pin"),
        (VenueFormState, "suggest_communes"),
        (VenueFormState, "save"),
    ],
)
def test_handlers_that_reach_the_database_are_async(state, handler):
    function = state.event_handlers[handler].fn
    assert inspect.iscoroutinefunction(function) or inspect.isasyncgenfunction(function)


def test_the_form_sends_every_text_field_the_service_reads():
    text_fields = {
        name
        for name, kind in VenueInput.__annotations__.items()
        if kind in (str, "str", str | None, "str | None")
    } - {"venue_type"}
    assert set(TEXT_FIELDS) == text_fields
