"""A therapist's short script, shared as a .kapscript file: for the tests and pictures of
opening, importing and replacing a shared practice."""

from __future__ import annotations

from pathlib import Path

from kapcompanion.storage.bundle_export import export_bundle

FIRST = "You might feel where the chair holds you."
UPDATED = "You might feel where the floor meets your feet."

_SCRIPT = """\
id = "evening-landing"
title = "Evening landing"
description = "A short settling at the end of the day."
for = ["between-sessions"]
minutes = 1

[[step]]
text = "{first}"
seconds = 20

[[step]]
text = "Take whatever time you need."
until_continue = true
"""


def shared_copy(folder: Path, name: str, first: str = FIRST) -> Path:
    """The script, whose first step says ``first``, written by a therapist into ``folder`` and
    shared there as ``name``."""
    source = folder / "therapist" / "evening-landing.toml"
    source.parent.mkdir(parents=True, exist_ok=True)
    source.write_text(_SCRIPT.format(first=first), encoding="utf-8")
    return export_bundle(source, folder / name).path
