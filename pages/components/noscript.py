"""The notice shown when JavaScript is off.

A browser running scripts parses a <noscript> as raw text, so any character React escapes
in the prerendered HTML (' " & < >) stays escaped there (`&#x27;`): hydration then finds a
different text, React renders the whole document again and appends the Radix stylesheet
after the emotion styles, and Radix wins over every component's own style (links, buttons)
until the next client-side navigation.
"""

import reflex as rx

ESCAPED_BY_REACT = frozenset("'\"&<>")


def noscript_notice(text: str) -> rx.Component:
    if escaped := ESCAPED_BY_REACT.intersection(text):
        raise ValueError(f"noscript text with {sorted(escaped)}: use ’ « » instead")
    return rx.el.noscript(text)
