"""Unit tests run without Qt: importing any module under tests/unit must not load PySide6.

A fresh interpreter imports every test module here, one after the other, and notes the first
one after which PySide6 is loaded (so a unit test that reaches Qt, even through a module it
imports, is named at once).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
UNIT = Path(__file__).resolve().parent

PROBE = """
import importlib, json, sys
found = {"imported": [], "qt_after": None}
for name in json.loads(sys.argv[1]):
    importlib.import_module(name)
    found["imported"].append(name)
    if "PySide6" in sys.modules:
        found["qt_after"] = name
        break
print(json.dumps(found))
"""


def unit_test_modules() -> list[str]:
    """Every Python module under tests/unit, as an importable name (tests.unit.domain.x)."""
    names = []
    for path in sorted(UNIT.rglob("*.py")):
        parts = path.relative_to(REPO).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        names.append(".".join(parts))
    return names


def first_module_loading_qt(modules: list[str]) -> dict[str, object]:
    result = subprocess.run(
        [sys.executable, "-c", PROBE, json.dumps(modules)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    found: dict[str, object] = json.loads(result.stdout.strip().splitlines()[-1])
    return found


def test_the_probe_notices_a_module_that_loads_qt():
    # A module of the app that is made of Qt, imported after a pure one.
    found = first_module_loading_qt(
        ["kapcompanion.domain.limits", "kapcompanion.services.settings"]
    )
    assert found["qt_after"] == "kapcompanion.services.settings"


def test_no_unit_test_module_loads_qt():
    modules = unit_test_modules()
    assert "tests.unit.domain.test_last_practice" in modules
    assert "tests.unit.test_no_qt" in modules
    found = first_module_loading_qt(modules)
    assert found["qt_after"] is None, (
        f"{found['qt_after']} loads PySide6; unit tests run without Qt "
        "(a test that needs Qt belongs under tests/gui)"
    )
    assert found["imported"] == modules
