"""Writes the demo offers' hook images (rule F11): two small SVG posters per search
category, in the category's colours, into assets/demo/ (served at /demo/…).

    PYTHONPATH=. .venv/bin/python scripts/make_demo_posters.py
"""

from pathlib import Path

from pages.components.category_style import CATEGORY_COLOURS
from pass_culture.demo.offers import POSTER_VARIANTS, poster_url

OUT = Path(__file__).resolve().parents[1] / "assets" / "demo"


def _motif(variant: int, colour: str) -> str:
    if variant == 1:  # concentric circles
        rings = "".join(
            f'<circle cx="200" cy="230" r="{r}" fill="none" stroke="{colour}" '
            f'stroke-width="14" opacity="{0.25 + i * 0.15:.2f}"/>'
            for i, r in enumerate((150, 110, 70))
        )
        return rings + f'<circle cx="200" cy="230" r="32" fill="{colour}"/>'
    stripes = "".join(
        f'<rect x="{x}" y="-100" width="22" height="600" fill="{colour}" '
        f'opacity="{0.2 + (x % 3) * 0.1:.2f}" transform="rotate(30 200 200)"/>'
        for x in range(-120, 520, 60)
    )
    return stripes + f'<rect x="120" y="150" width="160" height="160" rx="24" fill="{colour}"/>'


def poster(background: str, colour: str, variant: int) -> str:
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 400" width="400" '
        f'height="400"><rect width="400" height="400" fill="{background}"/>'
        f"{_motif(variant, colour)}"
        f'<rect x="40" y="40" width="120" height="16" rx="8" fill="{colour}"/></svg>\n'
    )


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for category_id, (background, colour) in CATEGORY_COLOURS.items():
        for variant in range(1, POSTER_VARIANTS + 1):
            (OUT / Path(poster_url(category_id, variant)).name).write_text(
                poster(background, colour, variant)
            )


if __name__ == "__main__":
    main()
