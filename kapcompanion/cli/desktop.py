"""The app as a citizen of a Linux desktop: ``kapcompanion install-desktop [--uninstall]``.

The shipped folder ``resources/desktop/`` is laid out as the freedesktop data folders are:

- ``applications/<APP_ID>.desktop``: the menu entry, which opens ``.kapscript`` files (``%f``);
- ``icons/hicolor/<size>/apps/<APP_ID>.png`` and ``scalable/apps/<APP_ID>.svg``: the icon;
- ``mime/packages/<APP_ID>.xml``: the file type ``application/x-kapscript`` (``*.kapscript``);
- ``metainfo/<APP_ID>.metainfo.xml``: what software centres show.

Installing copies each of them to the same place under the person's data folder
(``$XDG_DATA_HOME``, else ``~/.local/share``), each file written all or nothing; the menu entry's
``Exec`` lines are rewritten to start this very installation (its console script, or
``python -m kapcompanion``, or the standalone build's own program). Then the desktop's caches are
refreshed and the app is made the default for shared scripts, with whichever of
update-mime-database, update-desktop-database and xdg-mime are there. Uninstalling removes those
same files, and the default it set, and refreshes the caches again. Both say what they did.

Nothing here loads Qt.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import sysconfig
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from importlib.resources.abc import Traversable
from pathlib import Path, PurePosixPath

from kapcompanion.i18n import _
from kapcompanion.resources import resources_dir
from kapcompanion.storage.files import replacing

#: The app's id on the desktop: the menu entry's, the icon's and the software centre's name.
APP_ID = "io.github.kapcompanion.KapCompanion"
DESKTOP_FILE = f"{APP_ID}.desktop"
MIME_TYPE = "application/x-kapscript"
#: The program word the shipped ``Exec`` lines begin with; installing puts the real one there.
PROGRAM = "kapcompanion"
#: Installed files are read by the desktop, as any menu entry is.
PUBLIC_FILE = 0o644
#: The group of mimeapps.list where defaults are kept, and where associations are added.
DEFAULTS_GROUP = "Default Applications"
ADDED_GROUP = "Added Associations"

Say = Callable[[str], None]


# -- where ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Places:
    """The person's data and config folders, as the XDG base directory rules give them."""

    data_home: Path
    config_home: Path

    @classmethod
    def from_environment(cls, environ: Mapping[str, str] | None = None) -> Places:
        env = os.environ if environ is None else environ
        home = Path(env.get("HOME") or Path.home())

        def folder(name: str, default: Path) -> Path:
            value = env.get(name, "")
            # The rules: a relative path is invalid and is ignored.
            return Path(value) if value and os.path.isabs(value) else default

        return cls(
            data_home=folder("XDG_DATA_HOME", home / ".local" / "share"),
            config_home=folder("XDG_CONFIG_HOME", home / ".config"),
        )

    @property
    def mimeapps(self) -> Path:
        return self.config_home / "mimeapps.list"


def shipped_files(root: Traversable | None = None) -> list[PurePosixPath]:
    """Every shipped desktop file, as a path relative to ``resources/desktop/`` (and so to the
    data folder it is installed into), in a stable order."""
    base = (root if root is not None else resources_dir()) / "desktop"

    def walk(folder: Traversable, prefix: PurePosixPath) -> Iterator[PurePosixPath]:
        for entry in folder.iterdir():
            if entry.name.startswith("."):
                continue
            if entry.is_dir():
                yield from walk(entry, prefix / entry.name)
            else:
                yield prefix / entry.name

    if not base.is_dir():
        return []
    return sorted(walk(base, PurePosixPath()))


def _shipped(relative: PurePosixPath, root: Traversable | None = None) -> Traversable:
    node = (root if root is not None else resources_dir()) / "desktop"
    for part in relative.parts:
        node = node / part
    return node


# -- the command that starts this installation ---------------------------------------------------


def _interpreter_of(script: Path) -> str | None:
    """The program a ``#!`` line names, or None."""
    try:
        with open(script, "rb") as f:
            first = f.readline(4096)
    except OSError:
        return None
    if not first.startswith(b"#!"):
        return None
    words = first[2:].decode(errors="replace").split()
    return words[0] if words else None


def _same_file(a: str | Path, b: str | Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def app_command(
    executable: str | None = None, scripts: Sequence[Path] | None = None, frozen: bool | None = None
) -> list[str]:
    """The words that start this installed app: the standalone build's program; else the
    ``kapcompanion`` console script beside this Python when it runs this same Python; else
    ``python -m kapcompanion``. Paths are absolute and not resolved (a virtual environment's
    ``python`` must stay the link it is)."""
    python = executable if executable is not None else sys.executable
    if frozen if frozen is not None else bool(getattr(sys, "frozen", False)):
        return [os.path.abspath(python)]
    if scripts is None:
        folders = {sysconfig.get_path("scripts")}
        user_scheme = f"{os.name}_user"
        if user_scheme in sysconfig.get_scheme_names():
            folders.add(sysconfig.get_path("scripts", user_scheme))
        scripts = [Path(folder) / PROGRAM for folder in sorted(folders) if folder]
    for script in scripts:
        if not (script.is_file() and os.access(script, os.X_OK)):
            continue
        interpreter = _interpreter_of(script)
        if interpreter is not None and _same_file(interpreter, python):
            return [os.path.abspath(script)]
    return [os.path.abspath(python), "-m", "kapcompanion"]


# -- Exec lines -----------------------------------------------------------------------------

#: Characters that make an Exec argument need quotes (the Desktop Entry Specification).
_RESERVED = frozenset(" \t\n\"'\\><~|&;$*?#()`")
#: Characters that must be escaped with a backslash inside a quoted Exec argument.
_QUOTED_ESCAPES = frozenset('"`$\\')


def exec_argument(word: str) -> str:
    """One argument as an Exec value holds it: ``%`` doubled, quoted when it must be, and each
    backslash written twice for the file's string escapes."""
    word = word.replace("%", "%%")
    if word and not any(c in _RESERVED for c in word):
        return word
    inner = "".join("\\" + c if c in _QUOTED_ESCAPES else c for c in word)
    return _string_escape(f'"{inner}"')


def _string_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t").replace("\r", "\\r")


def _string_unescape(text: str) -> str:
    out = []
    chars = iter(text)
    for c in chars:
        if c != "\\":
            out.append(c)
            continue
        nxt = next(chars, "")
        out.append({"s": " ", "n": "\n", "t": "\t", "r": "\r", "\\": "\\"}.get(nxt, "\\" + nxt))
    return "".join(out)


class ExecError(ValueError):
    """An Exec value that does not follow the specification."""


def exec_words(value: str, files: Sequence[str] = ()) -> list[str]:
    """The command an Exec value runs, with ``%f``/``%F``/``%u``/``%U`` given ``files`` (as a
    launcher does) and the other field codes dropped. Raises :class:`ExecError`."""
    text = _string_unescape(value)
    words: list[list[str]] = []  # each word: pieces; a field code is its own piece
    codes: list[str | None] = []
    current: list[str] | None = None
    quoted = False
    i = 0
    while i < len(text):
        c = text[i]
        if quoted:
            if c == "\\" and i + 1 < len(text) and text[i + 1] in _QUOTED_ESCAPES:
                assert current is not None
                current.append(text[i + 1])
                i += 2
                continue
            if c == "%":
                if text[i + 1 : i + 2] != "%":
                    raise ExecError("a field code cannot stand inside quotes")
                assert current is not None
                current.append("%")
                i += 2
                continue
            if c == '"':
                quoted = False
            else:
                assert current is not None
                current.append(c)
            i += 1
            continue
        if c == " ":
            current = None
            i += 1
            continue
        if current is None:
            current = []
            words.append(current)
            codes.append(None)
        if c == '"':
            quoted = True
        elif c == "%":
            code = text[i + 1 : i + 2]
            if code == "%":
                current.append("%")
            elif code in "fFuUdDnNickvm" and code:
                if current or codes[-1] is not None:
                    raise ExecError(f"the field code %{code} must stand alone as an argument")
                codes[-1] = code
            else:
                raise ExecError(f"%{code} is not a field code (a literal % is written %%)")
            i += 2
            continue
        elif c in _RESERVED:
            raise ExecError(f"{c!r} must be inside quotes in an Exec value")
        else:
            current.append(c)
        i += 1
    if quoted:
        raise ExecError("a quote is not closed")
    result: list[str] = []
    for pieces, field in zip(words, codes, strict=True):
        if field is None:
            result.append("".join(pieces))
        elif field in "fu":
            result.extend(files[:1])
        elif field in "FU":
            result.extend(files)
    return result


def rewrite_exec(entry: str, command: Sequence[str]) -> str:
    """The menu entry with the program word of each ``Exec`` line replaced by ``command``, and a
    ``TryExec`` naming the program added to its main group (so the entry hides itself if this
    installation is removed)."""
    program = " ".join(exec_argument(word) for word in command)
    lines = []
    for line in entry.splitlines():
        key, sep, value = line.partition("=")
        if sep and key.strip() == "Exec":
            first, _sep, rest = value.strip().partition(" ")
            if first != PROGRAM:
                raise ExecError(f"a shipped Exec line should begin with {PROGRAM}: {line}")
            line = f"Exec={program} {rest}".rstrip()
        elif sep and key.strip() == "TryExec":
            continue
        lines.append(line)
        if line.strip() == "[Desktop Entry]":
            lines.append(f"TryExec={_string_escape(command[0])}")
    return "\n".join(lines) + "\n"


# -- mimeapps.list --------------------------------------------------------------------------


def forget_default(text: str, mime_type: str, desktop_file: str) -> str:
    """mimeapps.list without ``desktop_file`` as the app for ``mime_type`` (in its defaults and
    added associations); every other line stays as it was."""
    out = []
    group = ""
    for line in text.splitlines(keepends=True):
        stripped = line.strip()
        if stripped.startswith("[") and stripped.endswith("]"):
            group = stripped[1:-1]
        elif group in (DEFAULTS_GROUP, ADDED_GROUP) and "=" in stripped:
            key, _sep, value = stripped.partition("=")
            if key.strip() == mime_type:
                apps = [a for a in value.split(";") if a.strip() and a.strip() != desktop_file]
                if not apps:
                    continue
                ending = "\n" if line.endswith("\n") else ""
                line = f"{key.strip()}={';'.join(apps)};{ending}"
        out.append(line)
    return "".join(out)


# -- install and uninstall ----------------------------------------------------------------------


def _write(target: Path, data: bytes) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    with replacing(target, mode=PUBLIC_FILE) as f:
        f.write(data)


def _run_tool(
    words: Sequence[str], places: Places, say: Say, done: str, environ: Mapping[str, str] | None
) -> bool:
    """Run one desktop tool if it is installed; say what it did, or why it did not."""
    program = shutil.which(words[0])
    if program is None:
        say("  " + _("{tool} is not installed here, so it was skipped.").format(tool=words[0]))
        return False
    env = dict(os.environ if environ is None else environ)
    env["XDG_DATA_HOME"] = str(places.data_home)
    env["XDG_CONFIG_HOME"] = str(places.config_home)
    try:
        result = subprocess.run(
            [program, *words[1:]],
            env=env,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=60,
        )
    except (OSError, subprocess.TimeoutExpired) as problem:
        say("  " + _("{tool} could not be run ({problem}).").format(tool=words[0], problem=problem))
        return False
    if result.returncode != 0:
        why = (result.stderr or result.stdout).strip().splitlines()
        reason = why[-1] if why else result.returncode
        say(
            "  "
            + _("{tool} did not finish its work: {reason}").format(tool=words[0], reason=reason)
        )
        return False
    say(f"  {done}")
    return True


def _refresh(places: Places, say: Say, environ: Mapping[str, str] | None) -> None:
    """Make the caches of file types and menu entries again, where there are any left."""
    mime = places.data_home / "mime"
    packages = mime / "packages"
    if packages.is_dir() and any(packages.iterdir()):
        _run_tool(
            ["update-mime-database", str(mime)],
            places,
            say,
            _("The file types in {folder} were read again (update-mime-database).").format(
                folder=mime
            ),
            environ,
        )
    applications = places.data_home / "applications"
    if any(applications.glob("**/*.desktop")):
        _run_tool(
            ["update-desktop-database", "-q", str(applications)],
            places,
            say,
            _("The menu entries in {folder} were read again (update-desktop-database).").format(
                folder=applications
            ),
            environ,
        )


def install(
    places: Places,
    command: Sequence[str],
    *,
    say: Say = print,
    environ: Mapping[str, str] | None = None,
    root: Traversable | None = None,
) -> list[Path]:
    """Put the shipped desktop files into ``places.data_home``, with the menu entry starting
    ``command``; refresh the desktop's caches and make this app the default for shared
    scripts. Returns the files written."""
    files = shipped_files(root)
    if not files:
        raise FileNotFoundError(_("the desktop files are missing from this installation"))
    written: list[Path] = []
    say(
        _("Installing the menu entry, icon and file type for this user into {folder}:").format(
            folder=places.data_home
        )
    )
    for relative in files:
        data = _shipped(relative, root).read_bytes()
        if relative.suffix == ".desktop":
            entry = rewrite_exec(data.decode("utf-8"), command)
            data = entry.encode("utf-8")
        target = places.data_home.joinpath(*relative.parts)
        _write(target, data)
        written.append(target)
        say("  " + _("wrote {file}").format(file=target))
    say("  " + _("The menu entry starts: {command}").format(command=" ".join(command)))
    _refresh(places, say, environ)
    _run_tool(
        ["xdg-mime", "default", DESKTOP_FILE, MIME_TYPE],
        places,
        say,
        _("kapcompanion now opens .kapscript files ({type}; xdg-mime).").format(type=MIME_TYPE),
        environ,
    )
    say(_("Done. kapcompanion is in the applications menu (some desktops show it after a moment)."))
    return written


def uninstall(
    places: Places,
    *,
    say: Say = print,
    environ: Mapping[str, str] | None = None,
    root: Traversable | None = None,
) -> list[Path]:
    """Remove what :func:`install` put into ``places``: the shipped files' places and the
    default it set. The desktop's caches are made again without them, or removed when nothing
    else is left in them, and so are the folders left empty. Returns the files removed."""
    removed: list[Path] = []
    say(
        _("Removing kapcompanion's menu entry, icon and file type from {folder}:").format(
            folder=places.data_home
        )
    )
    for relative in shipped_files(root):
        target = places.data_home.joinpath(*relative.parts)
        try:
            target.unlink()
        except FileNotFoundError:
            continue
        removed.append(target)
        say("  " + _("removed {file}").format(file=target))
    if not removed:
        say("  " + _("none of its files were there."))
    _forget_default(places, say)
    cleared = _clear_unused_caches(places)
    for path in cleared:
        say("  " + _("removed {file} (made for kapcompanion alone)").format(file=path))
    _refresh(places, say, environ)
    for relative in shipped_files(root):
        _remove_empty_folders(places.data_home.joinpath(*relative.parts).parent, places.data_home)
    say(_("Done."))
    return removed + cleared


def _forget_default(places: Places, say: Say) -> None:
    mimeapps = places.mimeapps
    try:
        before = mimeapps.read_text(encoding="utf-8")
    except FileNotFoundError:
        return
    after = forget_default(before, MIME_TYPE, DESKTOP_FILE)
    if after == before:
        return
    if all(not line.strip() or line.strip().startswith("[") for line in after.splitlines()):
        mimeapps.unlink()  # nothing left in it but empty groups: xdg-mime made it for this
        say(
            "  "
            + _(
                "removed {file} (it named kapcompanion for .kapscript files, and nothing else)"
            ).format(file=mimeapps)
        )
    else:
        _write_keeping_mode(mimeapps, after.encode("utf-8"))
        say(
            "  "
            + _("{file} no longer names kapcompanion for .kapscript files.").format(file=mimeapps)
        )


#: What update-mime-database makes at the top of a mime folder (beside packages/ and one
#: folder of <type>.xml files per media type).
_MIME_CACHES = (
    "XMLnamespaces", "aliases", "generic-icons", "globs", "globs2", "icons", "magic",
    "mime.cache", "subclasses", "treemagic", "types", "version",
)  # fmt: skip


def _clear_unused_caches(places: Places) -> list[Path]:
    """The caches made from the data folder's file types and menu entries, when none are left
    there: then they were made for kapcompanion's alone, and go with them."""
    removed: list[Path] = []
    mime = places.data_home / "mime"
    packages = mime / "packages"
    if mime.is_dir() and not (packages.is_dir() and any(packages.iterdir())):
        for name in _MIME_CACHES:
            if (mime / name).is_file():
                (mime / name).unlink()
                removed.append(mime / name)
        for media in sorted(p for p in mime.iterdir() if p.is_dir() and p.name != "packages"):
            made = [f for f in media.iterdir() if f.is_file() and f.suffix == ".xml"]
            if len(made) == len(list(media.iterdir())):
                for f in made:
                    f.unlink()
                    removed.append(f)
                media.rmdir()
    applications = places.data_home / "applications"
    cache = applications / "mimeinfo.cache"
    if cache.is_file() and not any(applications.glob("**/*.desktop")):
        cache.unlink()
        removed.append(cache)
    return removed


def _remove_empty_folders(folder: Path, top: Path) -> None:
    """Remove ``folder`` and its parents below ``top`` while they are empty."""
    while folder != top and top in folder.parents:
        try:
            folder.rmdir()
        except OSError:  # not empty (or not there): others use it
            return
        folder = folder.parent


def _write_keeping_mode(target: Path, data: bytes) -> None:
    mode = target.stat().st_mode & 0o777
    with replacing(target, mode=mode) as f:
        f.write(data)


# -- the command line -------------------------------------------------------------------------


def add_install_desktop(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--uninstall",
        action="store_true",
        help=_("remove the menu entry, icon and file type that install-desktop put in place"),
    )


def run_install_desktop(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    if sys.platform in ("win32", "darwin"):
        parser.error(
            _("install-desktop is for Linux and other desktops that follow freedesktop.org")
        )
    places = Places.from_environment()
    try:
        if args.uninstall:
            uninstall(places)
        else:
            install(places, app_command())
    except OSError as problem:
        what = problem.strerror or problem
        if problem.filename:
            message = _(
                "kapcompanion install-desktop: {problem} ({file}). "
                "Files already in place were kept; running it again finishes the work."
            ).format(problem=what, file=problem.filename)
        else:
            message = _(
                "kapcompanion install-desktop: {problem}. "
                "Files already in place were kept; running it again finishes the work."
            ).format(problem=what)
        print(message, file=sys.stderr)
        return 1
    return 0
