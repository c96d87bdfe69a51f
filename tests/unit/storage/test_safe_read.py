from __future__ import annotations

import os
from pathlib import Path

import pytest

from kapcompanion.storage.safe_read import UnsafeFileError, read_limited


def test_a_plain_small_file_is_read(tmp_path: Path) -> None:
    path = tmp_path / "a.toml"
    path.write_bytes(b"x = 1\n")
    assert read_limited(path, 100) == b"x = 1\n"


def test_a_missing_file_is_file_not_found(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        read_limited(tmp_path / "none", 100)


def test_a_pipe_is_refused_at_once_without_waiting(tmp_path: Path) -> None:
    path = tmp_path / "pipe"
    os.mkfifo(path)
    with pytest.raises(UnsafeFileError, match="pipe"):
        read_limited(path, 100)


def test_a_link_to_dev_zero_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "zero"
    path.symlink_to("/dev/zero")
    with pytest.raises(UnsafeFileError, match="link"):
        read_limited(path, 100)


def test_a_large_sparse_file_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "big"
    with path.open("wb") as f:
        f.truncate(3 * 1024**3)
    with pytest.raises(UnsafeFileError, match="more than"):
        read_limited(path, 1024)


def test_a_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(UnsafeFileError, match="folder"):
        read_limited(tmp_path, 100)
