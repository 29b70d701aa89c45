"""The business rules (shared/RULES.md), as plain functions. Never imports reflex."""
