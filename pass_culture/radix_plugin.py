"""Radix Themes as the pages use it, lighter for the browser:

- the trimmed stylesheet of pass_culture/radix_styles.py instead of the package's whole
  `styles.css`;
- the package installed as a plain frontend package (rxconfig.py) rather than as a plugin
  dependency, which Reflex would also import whole on every page (`window.__reflex`, for
  dynamic components, which the app does not use): each page then loads only the
  components it renders."""

import dataclasses
from pathlib import Path
from typing import Any

import reflex as rx
from reflex.utils.prerequisites import get_web_dir
from reflex_components_radix.plugin import RADIX_THEMES_PACKAGE

__all__ = ["RADIX_THEMES_PACKAGE", "TrimmedRadixThemesPlugin"]

TRIMMED = Path(__file__).parent / "styles/radix-themes.css"
STYLESHEET = "radix-themes.css"  # written next to Reflex's root stylesheet


@dataclasses.dataclass
class TrimmedRadixThemesPlugin(rx.plugins.RadixThemesPlugin):
    def get_stylesheet_paths(self, **context: Any) -> tuple[str, ...]:
        return (f"./{STYLESHEET}",) if self.enabled else ()

    def get_frontend_dependencies(self, **context: Any) -> tuple[str, ...]:
        return ()

    def pre_compile(self, **context: Any) -> None:
        target = get_web_dir() / "styles" / STYLESHEET
        context["add_save_task"](lambda: (str(target), TRIMMED.read_text(encoding="utf-8")))
