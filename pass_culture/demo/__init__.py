"""Demo data: realistic structures, venues, offers and accounts in the five pilot
départements, loaded by `load_demo` (CLI: `demo load`)."""

from pass_culture.demo.accounts import DEMO_ACCOUNTS, DEMO_PASSWORD, DemoAccount
from pass_culture.demo.loader import is_demo_loaded, load_demo

__all__ = ["DEMO_ACCOUNTS", "DEMO_PASSWORD", "DemoAccount", "is_demo_loaded", "load_demo"]
