from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from kapcompanion.storage.safe_read import (
    MAX_DEPTH,
    FileFormatError,
    UnsafeFileError,
    check_plain,
    create_new,
    decode_text,
    nesting_depth,
    open_lock_file,
    parse_json,
    parse_toml,
    read_limited,
)


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


def test_a_link_to_a_plain_file_is_read_when_links_are_allowed(tmp_path: Path) -> None:
    (tmp_path / "real.ini").write_bytes(b"a=1\n")
    (tmp_path / "link.ini").symlink_to(tmp_path / "real.ini")
    assert read_limited(tmp_path / "link.ini", 100, follow_links=True) == b"a=1\n"
    assert check_plain(tmp_path / "link.ini", 100)


def test_check_plain_refuses_a_pipe_a_device_link_and_a_dangling_link(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe")
    (tmp_path / "zero").symlink_to("/dev/zero")
    (tmp_path / "gone").symlink_to(tmp_path / "nothing")
    started = time.monotonic()
    with pytest.raises(UnsafeFileError, match="is a pipe"):
        check_plain(tmp_path / "pipe")
    with pytest.raises(UnsafeFileError, match="is a link to a device"):
        check_plain(tmp_path / "zero")
    with pytest.raises(UnsafeFileError, match="link to nothing"):
        check_plain(tmp_path / "gone")
    assert not check_plain(tmp_path / "none")
    assert time.monotonic() - started < 1.0


def test_nesting_is_counted_outside_strings_and_comments() -> None:
    assert nesting_depth('a = [[1], {b = "[[[["}] # [[[[', toml=True) == 2
    assert nesting_depth("a = '''\n[[[\n'''\nb = [1]", toml=True) == 1
    assert nesting_depth('["\\"[[", [[]]]') == 3


def test_deep_toml_is_refused_quickly_with_the_file_and_the_cause() -> None:
    text = "a = " + "[" * 100_000 + "]" * 100_000
    started = time.monotonic()
    with pytest.raises(FileFormatError) as caught:
        parse_toml("deep.toml", text)
    assert time.monotonic() - started < 2.0
    assert "deep.toml" in str(caught.value) and f"more than {MAX_DEPTH} levels" in str(caught.value)
    # A sensible depth is read as it is.
    assert parse_toml("ok.toml", "a = " + "[" * 10 + "]" * 10)["a"] == [[[[[[[[[[]]]]]]]]]]


def test_deep_json_and_broken_json_become_the_apps_own_error() -> None:
    with pytest.raises(FileFormatError, match="nested more than"):
        parse_json("b.json", "[" * 50_000 + "]" * 50_000)
    with pytest.raises(FileFormatError, match=r"b\.json .*line 1, column 2"):
        parse_json("b.json", "{x}")
    with pytest.raises(FileFormatError, match="NaN is not a number JSON allows"):
        parse_json("b.json", "[NaN]")
    with pytest.raises(FileFormatError, match="line 2 is not UTF-8"):
        decode_text("b.json", b"{}\n\xff")
    assert decode_text("b.json", "\ufeff{}".encode()) == "{}"


def test_a_new_file_is_never_made_through_a_link(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.write_bytes(b"keep me")
    (tmp_path / "made.tmp").symlink_to(outside)
    with pytest.raises(FileExistsError):
        create_new(tmp_path / "made.tmp", 0o600)
    assert outside.read_bytes() == b"keep me"
    fd = create_new(tmp_path / "fresh.tmp", 0o600)
    os.close(fd)
    assert (tmp_path / "fresh.tmp").stat().st_mode & 0o777 == 0o600


def test_a_lock_file_that_is_a_link_or_has_two_names_is_refused(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.write_bytes(b"keep me")
    (tmp_path / "a.lock").symlink_to(outside)
    with pytest.raises(UnsafeFileError, match="link"):
        open_lock_file(tmp_path / "a.lock", 0o600)
    os.link(outside, tmp_path / "b.lock")
    with pytest.raises(UnsafeFileError, match="two names"):
        open_lock_file(tmp_path / "b.lock", 0o600)
    assert outside.read_bytes() == b"keep me"
    os.close(open_lock_file(tmp_path / "c.lock", 0o600))  # made new
    os.close(open_lock_file(tmp_path / "c.lock", 0o600))  # and opened again
