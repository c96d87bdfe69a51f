"""Checking the inputs a script's steps ask for: a rating, a text, a checklist, a body map.

Part of :mod:`kapcompanion.domain.script_check`, whose checker builds on these checks; they are
made of the small checks of :mod:`kapcompanion.domain.script_values`, and their messages follow
the same form (what was expected, what was found).
"""

from __future__ import annotations

from kapcompanion.domain.script_values import ValueChecks, characters, missing
from kapcompanion.domain.scripts import (
    _INPUT_KEY,
    DEFAULT_TEXT_LENGTH,
    MAX_HINT,
    MAX_ITEM,
    MAX_ITEMS,
    MAX_LABEL,
    MAX_TEXT_LENGTH,
    BodyMapInput,
    ChecklistInput,
    KeyPath,
    RatingInput,
    StepInput,
    TextInput,
    describe,
)
from kapcompanion.i18n import _, ngettext

_INPUT_KEYS: dict[str, tuple[str, ...]] = {
    "rating": ("type", "key", "low", "high"),
    "text": ("type", "key", "max_length", "hint"),
    "checklist": ("type", "key", "items"),
    "body-map": ("type", "key"),
}


class InputChecks(ValueChecks):
    """The checks of a step's ``input`` table."""

    def step_input(
        self, value: object, path: KeyPath, input_keys: dict[str, int]
    ) -> StepInput | None:
        table = self.table(
            value, path, _('a table such as {{ type = "rating", key = "settled", … }}').format()
        )
        if table is None:
            return None
        kind = table.get("type")
        kinds = ", ".join(f'"{k}"' for k in _INPUT_KEYS)
        if not isinstance(kind, str) or kind not in _INPUT_KEYS:
            found = missing() if kind is None else describe(kind)
            expected = _("one of the input types {kinds}").format(kinds=kinds)
            self.error((*path, "type"), expected, found)
            return None
        before = len(self.problems)
        self.unknown_keys(table, path, _INPUT_KEYS[kind])
        key = self.input_key(table.get("key"), (*path, "key"), input_keys)
        made: StepInput | None = None
        if kind == "rating":
            low = self.text_value(table, path, "low", MAX_LABEL, what=_("a label for 0"))
            high = self.text_value(table, path, "high", MAX_LABEL, what=_("a label for 10"))
            if key and low and high:
                made = RatingInput(key, low, high)
        elif kind == "text":
            max_length: float | None = DEFAULT_TEXT_LENGTH
            if "max_length" in table:
                raw = table["max_length"]
                expected = _("a whole number of characters from 1 to {n}").format(n=MAX_TEXT_LENGTH)
                max_length = None
                if isinstance(raw, int) and not isinstance(raw, bool):
                    where = (*path, "max_length")
                    max_length = self.number(raw, where, 1, MAX_TEXT_LENGTH, expected)
                else:
                    self.error((*path, "max_length"), expected, describe(raw))
            hint = self.text_value(table, path, "hint", MAX_HINT, required=False, what=_("a hint"))
            if key and max_length is not None:
                made = TextInput(key, int(max_length), hint or "")
        elif kind == "body-map":
            made = BodyMapInput(key) if key else None
        else:
            items = self.checklist_items(table.get("items"), (*path, "items"))
            if key and items:
                made = ChecklistInput(key, items)
        return made if len(self.problems) == before else None

    def input_key(self, value: object, where: KeyPath, seen: dict[str, int]) -> str | None:
        expected = _(
            'a key in quotes such as "settled": lowercase letters, digits, "-" or "_", '
            "different for each input"
        )
        key = self.identifier(value, where, _INPUT_KEY, expected)
        if key is None:
            return None
        if key in seen:
            self.error(
                where,
                expected,
                _("{value}, already used in {step}").format(
                    value=describe(key), step=f"step[{seen[key]}]"
                ),
            )
            return None
        seen[key] = next((p + 1 for p in where if isinstance(p, int)), 0)
        return key

    def checklist_items(self, value: object, where: KeyPath) -> tuple[str, ...] | None:
        expected = _('a list of 1 to {n} items such as ["Water nearby", "A blanket"]').format(
            n=MAX_ITEMS
        )
        if value is None:
            self.error(where, expected, missing())
            return None
        if not isinstance(value, list) or not value or len(value) > MAX_ITEMS:
            found = describe(value)
            if isinstance(value, list) and value:
                found = ngettext("{n} item", "{n} items", len(value)).format(n=len(value))
            self.error(where, expected, found)
            return None
        items: list[str] = []
        for k, item in enumerate(value):
            text = " ".join(item.split()) if isinstance(item, str) else ""
            if not text or len(text) > MAX_ITEM:
                found = characters(len(text)) if text else describe(item)
                expected = _("an item in quotes, at most {n} characters").format(n=MAX_ITEM)
                self.error((*where, k), expected, found)
            else:
                items.append(text)
        return tuple(items) if len(items) == len(value) else None
