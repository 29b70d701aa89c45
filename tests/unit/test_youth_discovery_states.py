"""The discovery pages' states never run database work on the event loop: every handler
that reaches a service is a coroutine (it awaits `asyncio.to_thread`)."""

import inspect

import pytest

from state.youth.favorites import FavoritesState
from state.youth.home import HomeState
from state.youth.search import SearchState


@pytest.mark.parametrize(
    ("state", "handler"),
    [
        (SearchState, "load"),
        (SearchState, "run_search"),
        (SearchState, "load_more"),
        (SearchState, "set_place_query"),
        (SearchState, "choose_place"),
        (SearchState, "toggle_favorite"),
        (HomeState, "load"),
        (HomeState, "toggle_favorite"),
        (FavoritesState, "load"),
        (FavoritesState, "toggle_favorite"),
    ],
)
def test_handlers_that_reach_the_database_are_async(state, handler):
    function = state.event_handlers[handler].fn
    assert inspect.iscoroutinefunction(function) or inspect.isasyncgenfunction(function)
