"""Every page of the three surfaces, declared next to its view and added to the app once.

Reflex's own `@rx.page` re-applies its list at each compile, and `reflex run` compiles
twice in one process (build, then backend start), registering every page twice. Pages
declared here are added by `add_pages(app)` when the app is created, and only then.
"""

from collections.abc import Callable
from typing import Any

import reflex as rx

_PAGES: list[tuple[Callable[[], rx.Component], dict[str, Any]]] = []


def page(**options: Any) -> Callable:
    """Declares a page (route, title, on_load…, as `App.add_page` takes them)."""

    def declare(render: Callable[[], rx.Component]) -> Callable[[], rx.Component]:
        _PAGES.append((render, options))
        return render

    return declare


def add_pages(app: rx.App) -> None:
    for render, options in _PAGES:
        app.add_page(render, **options)
