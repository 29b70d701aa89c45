"""The committed Radix stylesheet is the one the built pages need (see
pass_culture/radix_styles.py): a page that starts using another Radix component, colour
or breakpoint fails here until the stylesheet is regenerated."""

import pytest

from pass_culture import radix_styles

pytestmark = pytest.mark.e2e


def test_the_committed_stylesheet_matches_the_built_pages(app_url):
    assert radix_styles.TRIMMED.read_text(encoding="utf-8") == radix_styles.build(), (
        "La feuille de style Radix n'est plus à jour : lancez "
        "`.venv/bin/python -m pass_culture.radix_styles` et commitez le résultat."
    )


def test_the_built_pages_load_the_trimmed_stylesheet_only(page, app_url):
    page.goto("/connexion/")
    sizes = page.evaluate(
        "[...document.styleSheets].filter(s => s.href).map(s => s.cssRules.length)"
    )
    assert sizes, "aucune feuille de style chargée"
    # The whole package holds about 9 000 rules; the trimmed copy well under half.
    assert sum(sizes) < 4000
