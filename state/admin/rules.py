"""Review rules (/admin/regles, rule F12): the list, adding, editing, (de)activating.
Every check is in services.review_rules."""

import asyncio
from dataclasses import dataclass

import reflex as rx

from pass_culture.models import ReviewRuleKind
from services import review_rules
from services.errors import DomainError
from services.formatting import paris_datetime
from state.auth import AdminSession


@dataclass
class RuleRow:
    id: int = 0
    kind: str = ""
    kind_label: str = ""
    description: str = ""
    editable_value: str = ""
    is_active: bool = True
    created: str = ""


def _row(rule: review_rules.RuleView) -> RuleRow:
    return RuleRow(
        id=rule.id,
        kind=rule.kind,
        kind_label=rule.kind_label,
        description=rule.description,
        editable_value=rule.editable_value,
        is_active=rule.is_active,
        created=f"{rule.created_by}, le {paris_datetime(rule.created_at)}",
    )


class RulesState(AdminSession):
    loaded: bool = False
    rules: list[RuleRow] = []
    notice: str = ""
    error: str = ""
    busy: bool = False
    # The form: a new rule (editing_id 0) or the rule being edited.
    editing_id: int = 0
    kind: str = ReviewRuleKind.PRICE_ABOVE.value
    value: str = ""
    form_error: str = ""

    async def _reload(self, user_id: int) -> None:
        rules = await asyncio.to_thread(review_rules.list_rules, user_id)
        self.rules = [_row(rule) for rule in rules]
        self.loaded = True

    def _reset_form(self) -> None:
        self.editing_id, self.kind, self.value, self.form_error = 0, "price_above", "", ""

    @rx.event
    async def load(self):
        self.notice = self.error = ""
        self._reset_form()
        await self._reload((await self._signed_in_user()).id)

    @rx.event
    def set_kind(self, kind: str):
        if kind in {k.value for k in ReviewRuleKind} and kind != self.kind:
            self.kind, self.value = kind, ""

    @rx.event
    def set_value(self, value: str):
        self.value = str(value)[:140]

    @rx.event
    def edit(self, rule_id: int):
        for rule in self.rules:
            if rule.id == rule_id:
                self.editing_id, self.kind, self.value = rule.id, rule.kind, rule.editable_value
                self.form_error = self.notice = ""

    @rx.event
    def cancel_edit(self):
        self._reset_form()

    @rx.event
    async def save(self, form_data: dict):
        if self.busy:
            return
        self.busy = True
        self.notice = self.error = self.form_error = ""
        try:
            user = await self._signed_in_user()
            kind, value = str(form_data.get("kind", "")), str(form_data.get("value", ""))
            try:
                if self.editing_id:
                    await asyncio.to_thread(
                        review_rules.update_rule, user.id, self.editing_id, kind, value
                    )
                    self.notice = "Règle modifiée."
                else:
                    await asyncio.to_thread(review_rules.create_rule, user.id, kind, value)
                    self.notice = "Règle ajoutée : elle s’applique aux prochaines publications."
            except DomainError as refusal:
                self.kind, self.value, self.form_error = kind, value, refusal.message
                return
            self._reset_form()
            await self._reload(user.id)
        finally:
            self.busy = False

    @rx.event
    async def set_active(self, rule_id: int, active: bool):
        if self.busy:
            return
        self.busy = True
        self.notice = self.error = ""
        try:
            user = await self._signed_in_user()
            try:
                await asyncio.to_thread(
                    review_rules.set_rule_active, user.id, int(rule_id), bool(active)
                )
                self.notice = "Règle réactivée." if active else "Règle désactivée."
            except DomainError as refusal:
                self.error = refusal.message
            await self._reload(user.id)
        finally:
            self.busy = False
