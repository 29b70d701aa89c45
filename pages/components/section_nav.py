"""The navigation bar under the header of the pro portal and the back office: one link per
section, the current one underlined in the brand colour; it wraps on narrow screens."""

from typing import NamedTuple

import reflex as rx

from pages.components.brand import PURPLE
from pages.components.shell import column


class Section(NamedTuple):
    key: str
    label: str
    href: str


def _link(section: Section, active: str) -> rx.Component:
    current = section.key == active
    return rx.el.li(
        rx.link(
            section.label,
            href=section.href,
            aria_current="page" if current else None,
            color=PURPLE if current else "var(--gray-12)",
            _hover={"color": PURPLE},
            weight="bold" if current else "medium",
            underline="none",
            display="block",
            padding="0.75rem 0.25rem 0.6rem",
            # The current section is underlined in the brand colour, not by colour alone.
            border_bottom=f"3px solid {PURPLE}" if current else "3px solid transparent",
        ),
        list_style="none",
    )


def section_nav(
    sections: tuple[Section, ...], active: str, *, label: str, max_width: str
) -> rx.Component:
    return rx.el.nav(
        rx.el.ul(
            *[_link(section, active) for section in sections],
            display="flex",
            flex_wrap="wrap",
            column_gap=rx.breakpoints(initial="1rem", sm="1.5rem"),
            # Centred like the header (its margin is the column's, "0 auto").
            style=column(max_width, "0 1rem"),
        ),
        aria_label=label,
        background="white",
        border_bottom="1px solid var(--gray-6)",
    )
