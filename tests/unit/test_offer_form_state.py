"""The offer form's state never runs database work on the event loop: every handler that
reaches a service is a coroutine (it awaits `asyncio.to_thread`)."""

import inspect

import pytest

from services.offer_editor import OfferForm
from state.pro.offer_form import TEXT_FIELDS, OfferFormState


@pytest.mark.parametrize(
    "handler",
    [
        "load_new",
        "load_existing",
        "save_details",
        "upload_image",
        "remove_image",
        "add_timetable",
        "add_thing_stock",
        "show_preview",
        "publish",
    ],
)
def test_handlers_that_reach_the_database_are_async(handler):
    function = OfferFormState.event_handlers[handler].fn
    assert inspect.iscoroutinefunction(function) or inspect.isasyncgenfunction(function)


def test_the_form_sends_every_text_field_the_service_reads():
    text_fields = {
        name for name, kind in OfferForm.__annotations__.items() if kind in (str, "str")
    } - {"subcategory_id"}
    assert set(TEXT_FIELDS) == text_fields
