"""The Radix Themes stylesheet, trimmed to what the app's pages use.

Reflex imports the whole `@radix-ui/themes/styles.css` (≈ 800 KB: every component, every
colour). On a cheap phone the browser spends a large share of the first second parsing it
and matching its rules. This module writes a copy that keeps:

- every rule that names no Radix component class (reset, tokens, utilities);
- the rules of the components the compiled pages import, with the components they use
  themselves (read from the package's own modules, so nothing is listed by hand);
- the colour scales the pages can name, plus the theme's accent and gray.

The result is committed (`pass_culture/styles/radix-themes.css`) because a fresh clone
compiles before it installs the package. After a build, regenerate it with

    .venv/bin/python -m pass_culture.radix_styles

and a browser test fails while the committed copy differs from what the build needs.
"""

import re
import sys
from dataclasses import dataclass
from pathlib import Path

import tinycss2

from pass_culture.radix_plugin import TRIMMED

ROOT = Path(__file__).resolve().parents[1]
WEB = ROOT / ".web"
RADIX = WEB / "node_modules/@radix-ui/themes"
# rxconfig.py: the accent, and the gray Radix pairs with it ("auto", resolved in the browser).
THEME_COLORS = ("iris", "slate")

COMPONENT_CLASS = re.compile(r"rt-[A-Z]\w*")
PAGE_IMPORT = re.compile(r"\b(\w+) as RadixThemes\w+")
RELATIVE_IMPORT = re.compile(r"""from\s*["'](\.[^"']+\.js)["']""")
# The 31 scales of Radix Themes 3 (tokens/colors/*.css).
COLORS = (
    "amber blue bronze brown crimson cyan gold grass gray green indigo iris jade lime mauve "
    "mint olive orange pink plum purple red ruby sage sand sky slate teal tomato violet yellow"
).split()
COLOR_VARIABLE = re.compile(rf"--({'|'.join(COLORS)})-")
# Radix Themes' breakpoints: their media blocks hold only the `xs:`… responsive classes.
BREAKPOINTS = {"xs": "520px", "sm": "768px", "md": "1024px", "lg": "1280px", "xl": "1640px"}
RESPONSIVE_KEY = re.compile(rf"""\[["']({"|".join(BREAKPOINTS)})["']\]\s*:""")
COLOR_ATTRIBUTE = re.compile(rf"""\[data-(?:accent|gray)-color=['"]?({"|".join(COLORS)})\b""")


def _page_sources() -> list[str]:
    sources = []
    for folder in ("app", "app_components", "utils", "components"):
        for path in sorted((WEB / folder).rglob("*.js*")):
            sources.append(path.read_text(encoding="utf-8"))
    return sources


def used_components(sources: list[str]) -> set[str]:
    """Radix Themes exports the compiled pages import (`Button`, `Callout`, …)."""
    return {name for source in sources for name in PAGE_IMPORT.findall(source)}


def used_breakpoints(sources: list[str]) -> set[str]:
    """Breakpoints of the responsive props the compiled pages pass (`{"sm": …}`)."""
    return {key for source in sources for key in RESPONSIVE_KEY.findall(source)}


def used_colors(sources: list[str]) -> set[str]:
    """Colour scales the compiled pages may name, as a prop or a CSS variable."""
    named = re.compile(rf"""["'`]({"|".join(COLORS)})["'`]|var\(--({"|".join(COLORS)})-""")
    found = {a or b for source in sources for a, b in named.findall(source)}
    return found | set(THEME_COLORS)


def _export_modules(radix: Path) -> dict[str, Path]:
    """Export name → the package module that defines it (dist/esm/components/index.js)."""
    folder = radix / "dist/esm/components"
    index = (folder / "index.js").read_text(encoding="utf-8")
    local = {}
    for names, star, module in re.findall(
        r"""import\s*(?:\{([^}]*)\}|\*\s*as (\w+))\s*from\s*"\./([^"]+)\"""", index
    ):
        aliases = re.findall(r"\w+ as (\w+)", names) if names else [star]
        local.update(dict.fromkeys(aliases, folder / module))
    exports = re.search(r"export\s*\{([^}]*)\}", index).group(1)
    return {
        exported: local[alias]
        for alias, exported in re.findall(r"(\w+) as (\w+)", exports)
        if alias in local
    }


def component_classes(radix: Path, components: set[str]) -> set[str]:
    """Component classes (`rt-Button`, `rt-BaseButton`, …) the used components render,
    following each module's relative imports."""
    modules = _export_modules(radix)
    unknown = components - modules.keys()
    if unknown:
        raise ValueError(f"Composants Radix introuvables : {', '.join(sorted(unknown))}")
    pending = [modules[name] for name in components]
    seen: set[Path] = set()
    classes: set[str] = set()
    while pending:
        module = pending.pop().resolve()
        if module in seen or not module.exists():
            continue
        seen.add(module)
        source = module.read_text(encoding="utf-8")
        classes.update(COMPONENT_CLASS.findall(source))
        pending.extend(module.parent / path for path in RELATIVE_IMPORT.findall(source))
    return classes


def _top_level(selector: str) -> str:
    """The selector without what sits inside parentheses (`:where(…)`, `:not(…)`)."""
    depth, kept = 0, []
    for char in selector:
        depth += char == "("
        if depth == 0:
            kept.append(char)
        depth -= char == ")"
    return "".join(kept)


def _split_selectors(prelude: str) -> list[str]:
    parts, depth, current = [], 0, []
    for char in prelude:
        if char == "," and depth == 0:
            parts.append("".join(current).strip())
            current = []
            continue
        depth += (char in "([") - (char in ")]")
        current.append(char)
    parts.append("".join(current).strip())
    return [part for part in parts if part]


@dataclass(frozen=True)
class Keep:
    """What the pages use: component classes, colour scales, breakpoints."""

    classes: frozenset[str]
    colors: frozenset[str]
    breakpoints: frozenset[str]

    def selector(self, selector: str) -> bool:
        outside = _top_level(selector)
        if any(name not in self.classes for name in COMPONENT_CLASS.findall(outside)):
            return False
        return all(color in self.colors for color in COLOR_ATTRIBUTE.findall(outside))

    def declaration(self, name: str) -> bool:
        match = COLOR_VARIABLE.match(name)
        return match is None or match.group(1) in self.colors

    def media(self, prelude: str) -> bool:
        return all(
            f"(min-width: {width})" != prelude or key in self.breakpoints
            for key, width in BREAKPOINTS.items()
        )


def _declarations(content, keep: Keep) -> str:
    items = tinycss2.parse_blocks_contents(content, skip_whitespace=True, skip_comments=True)
    # The package's compiled CSS holds no nested rules: only declarations here.
    return ";".join(
        item.serialize().strip()
        for item in items
        if item.type == "declaration" and keep.declaration(item.name)
    )


def _rules(rules, keep: Keep) -> list[str]:
    out = []
    for rule in rules:
        if rule.type == "qualified-rule":
            selectors = [s for s in _split_selectors(tinycss2.serialize(rule.prelude))]
            kept = [s for s in selectors if keep.selector(s)]
            body = _declarations(rule.content, keep) if kept else ""
            if body:
                out.append(f"{', '.join(kept)}{{{body}}}")
            continue
        if rule.type != "at-rule":
            continue
        prelude = tinycss2.serialize(rule.prelude).strip()
        if rule.content is None:
            out.append(f"@{rule.at_keyword} {prelude};")
        elif rule.lower_at_keyword in ("media", "supports", "layer", "container"):
            if rule.lower_at_keyword == "media" and not keep.media(prelude):
                continue
            inner = _rules(
                tinycss2.parse_rule_list(rule.content, skip_whitespace=True, skip_comments=True),
                keep,
            )
            if inner:
                out.append(f"@{rule.at_keyword} {prelude}{{{''.join(inner)}}}")
        else:  # @keyframes, @font-face, @property: kept whole
            out.append(rule.serialize())
    return out


def trim(css: str, keep: Keep) -> str:
    rules = tinycss2.parse_stylesheet(css, skip_whitespace=True, skip_comments=True)
    return "\n".join(_rules(rules, keep)) + "\n"


def build(radix: Path = RADIX) -> str:
    """The trimmed stylesheet for the pages compiled in `.web`."""
    sources = _page_sources()
    keep = Keep(
        classes=frozenset(component_classes(radix, used_components(sources) | {"Theme"})),
        colors=frozenset(used_colors(sources)),
        breakpoints=frozenset(used_breakpoints(sources)),
    )
    return trim((radix / "styles.css").read_text(encoding="utf-8"), keep)


if __name__ == "__main__":
    TRIMMED.parent.mkdir(exist_ok=True)
    TRIMMED.write_text(build(), encoding="utf-8")
    sys.stderr.write(f"{TRIMMED.relative_to(ROOT)} : {TRIMMED.stat().st_size // 1024} Ko\n")
