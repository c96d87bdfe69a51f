"""Where the private files live, and that they are private."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from kapcompanion.storage import data_dir, database_path, user_scripts_dir
from kapcompanion.storage.paths import ensure_private_dir


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_the_data_folder_comes_from_the_environment_and_is_0700() -> None:
    configured = Path(os.environ["KAPCOMPANION_DATA_DIR"])
    assert not configured.exists()
    assert data_dir(create=False) == configured
    assert not configured.exists()
    assert data_dir() == configured
    assert _mode(configured) == 0o700
    assert database_path() == configured / "practice-log.sqlite3"
    scripts = user_scripts_dir()
    assert scripts == configured / "scripts" and _mode(scripts) == 0o700


def test_without_the_variable_the_platform_folder_is_used(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("KAPCOMPANION_DATA_DIR")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    folder = data_dir()
    assert folder == tmp_path / "xdg" / "kapcompanion"
    # Folders made on the way are private too.
    assert _mode(folder) == 0o700 and _mode(tmp_path / "xdg") == 0o700


def test_private_folders_ignore_a_loose_umask(tmp_path: Path) -> None:
    old = os.umask(0)
    try:
        made = ensure_private_dir(tmp_path / "a" / "b")
    finally:
        os.umask(old)
    assert _mode(made) == 0o700 and _mode(tmp_path / "a") == 0o700


def test_an_existing_folder_chosen_by_the_person_is_left_as_it_is(tmp_path: Path) -> None:
    chosen = tmp_path / "mine"
    chosen.mkdir(mode=0o755)
    chosen.chmod(0o755)
    ensure_private_dir(chosen)
    assert _mode(chosen) == 0o755
