"""Trimming the Radix stylesheet: what the pages do not use goes, the rest stays whole."""

from pass_culture.radix_styles import Keep, trim, used_breakpoints, used_colors, used_components

KEEP = Keep(
    classes=frozenset({"rt-Button", "rt-BaseButton"}),
    colors=frozenset({"iris", "slate"}),
    breakpoints=frozenset({"sm"}),
)


def test_rules_of_unused_components_go_and_shared_ones_stay():
    css = (
        ".rt-reset{margin:0}"
        ".rt-Button{color:red}"
        ".rt-TableRoot{display:table}"
        ".rt-Button, .rt-TableRoot{padding:0}"
        ".rt-Button:where(.rt-TableRoot){gap:0}"
    )
    out = trim(css, KEEP)
    assert ".rt-reset{margin:0}" in out
    assert ".rt-Button{color:red}" in out
    assert "display:table" not in out
    assert ".rt-Button{padding:0}" in out  # the unused selector of the list only
    # Inside :where(…) a class does not decide: the rule is kept.
    assert ".rt-Button:where(.rt-TableRoot){gap:0}" in out


def test_unused_colour_scales_and_breakpoints_go():
    css = (
        ":root{--iris-9:#5b5bd6;--tomato-9:#e54d2e;--space-1:4px}"
        "[data-accent-color='tomato']{--accent-9:var(--tomato-9)}"
        "[data-accent-color='iris']{--accent-9:var(--iris-9)}"
        "@media (min-width: 768px){.sm\\:rt-r-p-1{padding:1px}}"
        "@media (min-width: 1024px){.md\\:rt-r-p-1{padding:1px}}"
        "@keyframes rt-spin{to{transform:rotate(1turn)}}"
    )
    out = trim(css, KEEP)
    assert "--iris-9:#5b5bd6" in out and "--space-1:4px" in out
    assert "tomato" not in out
    assert '[data-accent-color="iris"]' in out.replace("'", '"')
    assert "min-width: 768px" in out and "min-width: 1024px" not in out
    assert "@keyframes rt-spin" in out


def test_what_the_compiled_pages_use_is_read_from_their_code():
    page = (
        "import {Button as RadixThemesButton,Callout as RadixThemesCallout}"
        ' from "@radix-ui/themes"\n'
        'jsx(RadixThemesCallout.Root,{color:"red",size:({ ["initial"] : "1", ["sm"] : "2" }),'
        'css:{background:"var(--amber-3)"}})'
    )
    assert used_components([page]) == {"Button", "Callout"}
    assert {"red", "amber", "iris", "slate"} <= used_colors([page])
    assert used_breakpoints([page]) == {"sm"}
