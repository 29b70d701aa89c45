"""A list shown a page at a time (the admin queues and lists): where the page is and the
move between pages, for the states that mix it in."""

from typing import Protocol

import reflex as rx

from services.identifiers import parse_id


class PageOf(Protocol):
    """What a service returns for one page of a list (it bounds the page asked)."""

    total: int
    page: int
    pages: int


class PagedMixin(rx.State, mixin=True):
    """The state reads the page asked (`self.page`) in `_reload`, off the event loop, and
    shows what the service returned with `_show_page`."""

    loaded: bool = False
    total: int = 0
    page: int = 1
    pages: int = 1

    async def _reload(self) -> None:
        raise NotImplementedError

    def _show_page(self, found: PageOf) -> None:
        self.total, self.page, self.pages = found.total, found.page, found.pages
        self.loaded = True

    def _page_left(self) -> None:
        """What the state forgets when another page is shown (a selection of its rows)."""

    @rx.event
    async def go_to_page(self, page: int):
        """A page number from the browser: anything else means the first page."""
        self.page = parse_id(page) or 1
        self._page_left()
        await self._reload()
