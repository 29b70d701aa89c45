"""A drop zone (rx.upload) whose hidden file input has an accessible name."""

import json

import reflex as rx
from reflex.vars import Var


def labelled_upload(upload: rx.Component, label: str) -> rx.Component:
    """rx.upload renders its file input without props of ours: its name is added to the
    props react-dropzone spreads on it (screen readers and axe need one)."""
    zone = upload.children[0]
    file_input = zone.children[0]
    file_input.special_props = [
        *file_input.special_props,
        Var(_js_expr=json.dumps({"aria-label": label}, ensure_ascii=False)),
    ]
    return upload
