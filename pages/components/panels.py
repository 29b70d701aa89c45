"""Building blocks of the youth pages: a titled white panel and the alert of a refusal."""

import reflex as rx

from pages.components.brand import PURPLE


def panel(title: str | rx.Var, *children: rx.Component, **props) -> rx.Component:
    """A white card with an h2 title (the pages keep one h1 above)."""
    return rx.el.section(
        rx.vstack(
            rx.heading(title, as_="h2", size="4"),
            *children,
            spacing="2",
            width="100%",
        ),
        background="white",
        border_radius="12px",
        border="1px solid var(--gray-5)",
        padding="1rem",
        width="100%",
        **props,
    )


def detail(term: str, value: rx.Var, **value_props) -> rx.Component:
    """A term and its value in an `rx.el.dl`; nothing when the value is empty."""
    return rx.cond(
        value != "",
        rx.fragment(
            rx.el.dt(term, font_weight="bold", margin_top="0.5rem"),
            rx.el.dd(value, margin="0", **value_props),
        ),
    )


def loading(label: str = "Chargement") -> rx.Component:
    """Shown while the page's data is on its way."""
    return rx.center(rx.spinner(size="3"), padding="3rem", role="status", aria_label=label)


def refusal(message: rx.Var) -> rx.Component:
    """The service's French message, read out by screen readers when it appears."""
    return rx.cond(
        message != "",
        rx.callout(
            message,
            icon="triangle_alert",
            color_scheme="red",
            high_contrast=True,  # the plain red text fails contrast on its tint
            role="alert",
            width="100%",
        ),
    )


def missing_page(title: str, message: rx.Var) -> rx.Component:
    """The page's heading and why what the address names is not there (rule O7: the
    same words for another structure's id as for a missing one)."""
    return rx.vstack(
        rx.heading(title, as_="h1", size="7"),
        rx.callout(message, icon="info", role="alert", width="100%"),
        spacing="4",
        width="100%",
    )


def notice(message: rx.Var) -> rx.Component:
    """What has just been done, read out politely; nothing when empty."""
    return rx.cond(message != "", success(message))


def success(message: rx.Var | str) -> rx.Component:
    return rx.callout(
        message,
        icon="circle-check",
        color_scheme="green",
        high_contrast=True,
        role="status",
        width="100%",
    )


def purple_link(*children, href: str | rx.Var, **props) -> rx.Component:
    """A link in the brand colour, hover included (Reflex's lighter hover colour fails AA
    and sticks after a tap on a phone)."""
    return rx.link(*children, href=href, color=PURPLE, _hover={"color": PURPLE}, **props)


def dialog_actions(confirm: rx.Component, back_label: str, close) -> rx.Component:
    """A dialog's buttons stacked at full width (phone first): the action, then the way
    back, wrapped in the dialog's own closing part (`rx.dialog.close`,
    `rx.alert_dialog.cancel`)."""
    back = rx.button(back_label, variant="soft", color_scheme="gray", size="3", width="100%")
    return rx.vstack(confirm, close(back), spacing="2", width="100%", margin_top="1rem")
