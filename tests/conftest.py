"""Test set-up shared by every suite.

- tests/gui/* are marked ``gui`` and run on Qt's offscreen platform.
- tests/integration/* start what they need themselves (Xvfb, a private PulseAudio).
- Every test gets a private data folder, so nothing touches the real user's files.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

# Before any Qt import: unit and gui tests never need a screen.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_ACCESSIBILITY", "0")
# The suite reads the English words whatever the machine speaks; tests of another language
# choose it themselves (and child processes inherit this).
os.environ["LANGUAGE"] = "en"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        parts = Path(str(item.fspath)).parts
        if "gui" in parts:
            item.add_marker(pytest.mark.gui)


@pytest.fixture(autouse=True)
def collect_on_the_main_thread(request: pytest.FixtureRequest) -> Iterator[None]:
    """Python's cycle collector runs in whichever thread happens to allocate. Qt objects a test
    leaves in a cycle, freed on a sound thread, are destroyed in the wrong thread (warnings, or
    worse). So, as the app does (kapcompanion.app), the collector runs on the main thread only:
    between tests, and never by itself during a Qt test."""
    if not any(request.node.get_closest_marker(m) for m in ("gui", "xvfb", "audio")):
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.collect()
        gc.enable()


@pytest.fixture(autouse=True)
def private_data_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Point the app's data and config folders, and the desktop's own data folder (where the
    computer's trash is), at a fresh temporary folder."""
    base = tmp_path_factory.mktemp("userdata")
    names = ("KAPCOMPANION_DATA_DIR", "XDG_CONFIG_HOME", "XDG_DATA_HOME")
    saved = {k: os.environ.get(k) for k in names}
    os.environ["KAPCOMPANION_DATA_DIR"] = str(base / "data")
    os.environ["XDG_CONFIG_HOME"] = str(base / "config")
    os.environ["XDG_DATA_HOME"] = str(base / "share")
    yield base
    from kapcompanion import i18n

    if i18n.language() != i18n.SOURCE:
        i18n.use_language(i18n.SOURCE)
    for k, v in saved.items():
        if v is None:
            os.environ.pop(k, None)
        else:
            os.environ[k] = v


@pytest.fixture
def pseudo() -> None:
    """Speak the pseudo-language (tests/helpers/pseudo.py), where every translated sentence is
    marked; the suite speaks English again after the test (see private_data_dir)."""
    from tests.helpers.pseudo import speak_pseudo

    speak_pseudo()
