"""A one-file drop zone (rx.upload) whose hidden file input has an accessible name."""

import json

import reflex as rx
from reflex.vars import Var

from pages.components.brand import PURPLE


def _labelled(upload: rx.Component, label: str) -> rx.Component:
    """rx.upload renders its file input without props of ours: its name is added to the
    props react-dropzone spreads on it (screen readers and axe need one)."""
    zone = upload.children[0]
    file_input = zone.children[0]
    file_input.special_props = [
        *file_input.special_props,
        Var(_js_expr=json.dumps({"aria-label": label}, ensure_ascii=False)),
    ]
    return upload


def drop_zone(
    content: rx.Component,
    *,
    upload_id: str,
    label: str,
    accept: dict[str, list[str]],
    max_size: int,
    on_drop,
    on_refused,
    padding: str = "1.5rem",
) -> rx.Component:
    """`on_drop` takes the files (`rx.upload_files`), `on_refused` the codes of
    react-dropzone's own refusal: only the codes go to the server, not the refused files."""
    return _labelled(
        rx.upload.root(
            content,
            id=upload_id,
            accept=accept,
            max_size=max_size,
            multiple=False,
            max_files=1,
            on_drop=on_drop(rx.upload_files(upload_id=upload_id)),
            on_drop_rejected=lambda rejected: on_refused(
                rejected.foreach(lambda r: r["errors"].to(list)[0].to(dict)["code"].to(str))
            ),
            border=f"2px dashed {PURPLE}",
            border_radius="12px",
            padding=padding,
            width="100%",
            cursor="pointer",
        ),
        label,
    )
