"""Opening the files the app did not write itself, without hanging, running out of memory or
being led elsewhere: the one place every such file is opened.

A file at one of the app's paths may be anything: a named pipe (reading would wait forever), a
link to ``/dev/zero`` (reading would never end), a huge file, a text nested thousands of levels
deep (a parser would run out of stack), or a link placed to make the app read or write somewhere
else.

- :func:`read_limited` opens without blocking (and without following a final link unless asked
  to), checks that it is a regular file and not larger than a limit *before* reading, and then
  reads at most that much;
- :func:`check_plain` does the same checks for a file another library opens by its name
  (QSettings, SQLite), so that library never meets a pipe or a device;
- :func:`parse_toml` and :func:`parse_json` refuse text nested deeper than :data:`MAX_DEPTH`
  before parsing, and turn every parser error into :class:`FileFormatError`, naming the file
  and the cause;
- :func:`create_new` and :func:`open_lock_file` make lock and temporary files without ever
  following a link or opening something that is not a plain file of the app's own.
"""

from __future__ import annotations

import json
import os
import re
import stat
import tomllib
from pathlib import Path
from typing import Any

from kapcompanion.i18n import _

_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)

#: How deeply lists and tables may nest in a file the app reads. The app's own files need a
#: handful of levels; thousands are only ever meant to exhaust a parser.
MAX_DEPTH = 64


class UnsafeFileError(OSError):
    """A file that is not read: ``reason`` says why in words for a person; ``what`` names
    what was found instead of a plain file ("a pipe"), when that is the reason."""

    def __init__(self, path: Path, reason: str, what: str = "", *, too_large: bool = False) -> None:
        super().__init__(f"{path.name} {reason}")
        self.path = path
        self.reason = reason
        self.what = what
        #: The file is larger than it may be (it is a plain file).
        self.too_large = too_large


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return _("a pipe")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return _("a device")
    if stat.S_ISSOCK(mode):
        return _("a socket")
    if stat.S_ISDIR(mode):
        return _("a folder")
    return _("not a plain file")


def open_plain(path: Path, limit: int | None = None, follow_links: bool = True) -> int:
    """A descriptor for reading the regular file at ``path``, checked before any read (raises
    :class:`UnsafeFileError` for anything else; the caller closes it)."""
    flags = os.O_RDONLY | _NONBLOCK | _CLOEXEC | (0 if follow_links else _NOFOLLOW)
    # Looked at before opening too: opening some devices already does something.
    try:
        seen = os.stat(path, follow_symlinks=follow_links)
    except OSError:
        seen = None  # missing, or not ours to look at: the open below says which
    if seen is not None and not stat.S_ISREG(seen.st_mode) and not stat.S_ISLNK(seen.st_mode):
        what = _kind(seen.st_mode)
        if follow_links and os.path.islink(path):
            what = _("a link to {what}").format(what=what)
        raise UnsafeFileError(
            path, _("is {what}; only a plain file is read").format(what=what), what
        )
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        if isinstance(exc, FileNotFoundError):
            raise
        if not follow_links and os.path.islink(path):
            raise UnsafeFileError(
                path, _("is a link; only a plain file is read"), _("a link")
            ) from None
        if isinstance(exc, IsADirectoryError):
            raise UnsafeFileError(
                path, _("is a folder; only a plain file is read"), _("a folder")
            ) from None
        raise
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            what = _kind(info.st_mode)
            if follow_links and os.path.islink(path):
                what = _("a link to {what}").format(what=what)
            raise UnsafeFileError(
                path, _("is {what}; only a plain file is read").format(what=what), what
            )
        if limit is not None and info.st_size > limit:
            raise UnsafeFileError(
                path,
                _("is {size} bytes, more than the {limit} this file may have").format(
                    size=f"{info.st_size:,}", limit=f"{limit:,}"
                ),
                too_large=True,
            )
    except BaseException:
        os.close(fd)
        raise
    return fd


def check_plain(path: Path, limit: int | None = None, *, follow_links: bool = True) -> bool:
    """Whether there is a file at ``path`` (False when there is none), having checked, without
    reading or waiting, that it is a regular file of at most ``limit`` bytes.

    For a file another library opens by name. Raises :class:`UnsafeFileError` otherwise. A
    link to a plain file is accepted unless ``follow_links`` is false (a person may keep their
    settings elsewhere and link them in)."""
    try:
        fd = open_plain(path, limit, follow_links)
    except FileNotFoundError:
        if os.path.islink(path):
            raise UnsafeFileError(
                path, _("is a link to nothing; only a plain file is read")
            ) from None
        return False
    os.close(fd)
    return True


def read_limited(path: Path, limit: int, *, follow_links: bool = False) -> bytes:
    """The bytes of the regular file at ``path``, at most ``limit`` of them.

    Raises :class:`FileNotFoundError` when there is none, and :class:`UnsafeFileError` for a
    link (unless ``follow_links``), a pipe, a device, a folder or a file over ``limit`` bytes."""
    fd = open_plain(path, limit, follow_links)
    try:
        chunks: list[bytes] = []
        left = limit + 1
        while left > 0:
            chunk = os.read(fd, min(left, 1 << 16))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        data = b"".join(chunks)
        if len(data) > limit:
            raise UnsafeFileError(
                path,
                _("grew past the {limit} bytes this file may have").format(limit=f"{limit:,}"),
                too_large=True,
            )
        return data
    finally:
        os.close(fd)


# -- parsing ------------------------------------------------------------------------------------


class FileFormatError(ValueError):
    """A file that was read but cannot be understood: ``cause`` says why in words for a person."""

    def __init__(self, path: Path | str, cause: str, where: str = "") -> None:
        self.path = Path(path)
        self.cause = cause
        #: Where in the file, when known ("line 3, column 7").
        self.where = where
        if where:
            message = _("{name} could not be understood ({where}): {cause}").format(
                name=self.path.name, where=where, cause=cause
            )
        else:
            message = _("{name} could not be understood: {cause}").format(
                name=self.path.name, cause=cause
            )
        super().__init__(message)


# Strings and comments are passed over whole, so a bracket inside one never counts.
_TOML_SKIP = re.compile(
    r'"""(?:\\.|[^\\])*?"""|\'\'\'.*?\'\'\'|"(?:\\.|[^"\\\n])*"|\'[^\'\n]*\'|#[^\n]*|[\[\]{}]',
    re.DOTALL,
)
_JSON_SKIP = re.compile(r'"(?:\\.|[^"\\])*"|[\[\]{}]', re.DOTALL)


def nesting_depth(text: str, *, toml: bool = False) -> int:
    """How deeply brackets and braces nest in ``text`` (outside strings and comments)."""
    depth = deepest = 0
    for match in (_TOML_SKIP if toml else _JSON_SKIP).finditer(text):
        token = match.group()
        if token in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif token in "]}":
            depth = max(0, depth - 1)
    return deepest


def _too_deep(path: Path | str, text: str, toml: bool) -> None:
    if nesting_depth(text, toml=toml) > MAX_DEPTH:
        raise FileFormatError(
            path,
            _("its lists or tables are nested more than {n} levels deep").format(n=MAX_DEPTH),
        )


def decode_text(path: Path | str, data: bytes) -> str:
    """``data`` as UTF-8 text (a byte-order mark at the start is allowed and dropped)."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise FileFormatError(path, _("line {line} is not UTF-8 text").format(line=line)) from None


def parse_toml(path: Path | str, text: str) -> dict[str, Any]:
    """``text`` (read from ``path``) as TOML; raises :class:`FileFormatError`."""
    _too_deep(path, text, True)
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise FileFormatError(path, _("it is not valid TOML ({why})").format(why=exc)) from None
    except (RecursionError, MemoryError):
        raise FileFormatError(path, _("it is nested too deeply to read")) from None


def _no_constant(name: str) -> float:
    raise ValueError(_("{name} is not a number JSON allows").format(name=name))


def parse_json(path: Path | str, text: str) -> Any:
    """``text`` (read from ``path``) as JSON (no NaN or Infinity); raises
    :class:`FileFormatError`."""
    _too_deep(path, text, False)
    try:
        return json.loads(text, parse_constant=_no_constant)
    except json.JSONDecodeError as exc:
        raise FileFormatError(
            path,
            _("it is not valid JSON ({why})").format(why=exc.msg),
            _("line {line}, column {column}").format(line=exc.lineno, column=exc.colno),
        ) from None
    except ValueError as exc:
        raise FileFormatError(path, str(exc)) from None
    except (RecursionError, MemoryError):
        raise FileFormatError(path, _("it is nested too deeply to read")) from None


# -- creating ----------------------------------------------------------------------------------


def create_new(path: Path, mode: int) -> int:
    """A descriptor for writing a file made here and now at ``path``, exactly ``mode``.

    Never follows a link and never opens a file that was already there (``O_EXCL``): raises
    :class:`FileExistsError` when something, a link included, has the name."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | _CLOEXEC, mode)
    try:
        os.fchmod(fd, mode)  # the umask may have taken bits away
    except BaseException:
        os.close(fd)
        raise
    return fd


def open_lock_file(path: Path, mode: int) -> int:
    """A descriptor for the lock file at ``path``, read and write: made new (``O_EXCL``) when
    there is none, else the one there, opened without following a link and only when it is a
    plain file with no other name. Raises :class:`UnsafeFileError` for anything else (a link
    placed there would otherwise lead the app to overwrite a file elsewhere)."""
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_EXCL | _NOFOLLOW | _CLOEXEC, mode)
    except FileExistsError:
        pass
    else:
        return fd
    try:
        fd = os.open(path, os.O_RDWR | _NOFOLLOW | _NONBLOCK | _CLOEXEC)
    except OSError as exc:
        if os.path.islink(path):
            raise UnsafeFileError(path, _("is a link; only a plain file is used")) from None
        if isinstance(exc, IsADirectoryError):
            raise UnsafeFileError(path, _("is a folder; only a plain file is used")) from None
        raise
    info = os.fstat(fd)
    if not stat.S_ISREG(info.st_mode) or info.st_nlink != 1:
        os.close(fd)
        what = _kind(info.st_mode) if not stat.S_ISREG(info.st_mode) else _("a file with two names")
        raise UnsafeFileError(path, _("is {what}; only a plain file is used").format(what=what))
    return fd
