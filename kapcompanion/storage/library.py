"""The exercise library on disk: the shipped scripts and the person's own, read safely.

A broken file never stops the others from loading: each problem is a
:class:`~kapcompanion.domain.scripts.ScriptError` with the file, line and key.
"""

from __future__ import annotations

from collections.abc import Iterable
from importlib.resources.abc import Traversable
from pathlib import Path

from kapcompanion.domain.script_check import Loaded, check_source
from kapcompanion.domain.scripts import MAX_FILE_BYTES, Exercise, ScriptError, _base_name
from kapcompanion.i18n import _, ngettext
from kapcompanion.storage.safe_read import UnsafeFileError, read_limited


def _read(source: Path | Traversable) -> Loaded:
    file = str(source)
    try:
        # The person's files may be anything (a pipe, a link to a device, a huge file): read
        # them safely, with the size checked before reading. Shipped ones come from the package.
        if isinstance(source, Path):
            # A link to a script is followed, to a plain file only.
            data = read_limited(source, MAX_FILE_BYTES, follow_links=True)
        else:
            data = source.read_bytes()
    except UnsafeFileError as problem:
        what = (
            _("a script under {size} kB").format(size=MAX_FILE_BYTES // 1000)
            if problem.too_large
            else _("a plain script file")
        )
        found = problem.reason.removeprefix("is ")  # "expected ..., found a pipe; ..."
        return Loaded(None, [ScriptError(file, None, "", what, found)])
    except OSError as problem:
        reason = problem.strerror or type(problem).__name__
        return Loaded(None, [ScriptError(file, None, "", _("a readable script file"), reason)])
    if len(data) > MAX_FILE_BYTES:
        return Loaded(
            None,
            [
                ScriptError(
                    file,
                    None,
                    "",
                    _("a script under {size} kB").format(size=MAX_FILE_BYTES // 1000),
                    ngettext("{n} byte", "{n} bytes", len(data)).format(n=len(data)),
                )
            ],
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as problem:
        line = data[: problem.start].count(b"\n") + 1
        return Loaded(
            None,
            [ScriptError(file, line, "", _("text saved as UTF-8"), _("bytes that are not UTF-8"))],
        )
    if isinstance(source, Path):
        folder = source.parent
        return check_source(text, file, lambda voice: (folder / voice).is_file())
    return check_source(text, file)


def load_script(path: Path | str) -> Exercise:
    """Load one script file; raises the first :class:`ScriptError` if anything is wrong."""
    loaded = _read(Path(path))
    if loaded.problems:
        raise loaded.problems[0]
    assert loaded.exercise is not None
    return loaded.exercise


def _gather(
    sources: Iterable[Path | Traversable], known: Iterable[Exercise]
) -> tuple[list[Exercise], list[ScriptError]]:
    exercises: list[Exercise] = []
    problems: list[ScriptError] = []
    taken = {e.id: e for e in known}
    for source in sources:
        loaded = _read(source)
        problems.extend(loaded.problems)
        exercise = loaded.exercise
        if exercise is None:
            continue
        other = taken.get(exercise.id)
        if other is not None:
            problems.append(
                ScriptError(
                    exercise.source,
                    loaded.id_line,
                    "id",
                    _("an id no other exercise uses"),
                    _('"{id}", already the id of "{title}" in {file}').format(
                        id=exercise.id, title=other.title, file=_base_name(other.source)
                    ),
                )
            )
            continue
        taken[exercise.id] = exercise
        exercises.append(exercise)
    return exercises, problems


def _scripts_in(folder: Path | Traversable) -> list[Path | Traversable]:
    def tomls(where: Path | Traversable) -> list[Path | Traversable]:
        return sorted(
            # A pipe or a device named *.toml is listed too, so it is named as a problem
            # instead of being passed over in silence (reading it safely refuses it).
            (p for p in where.iterdir() if p.name.endswith(".toml") and not p.is_dir()),
            key=lambda p: p.name,
        )

    # A script that came with recordings lives in a folder of its own, one level down
    # (see kapcompanion/storage/bundle.py); folders starting with "." are never read.
    subfolders = sorted(
        (p for p in folder.iterdir() if p.is_dir() and not p.name.startswith(".")),
        key=lambda p: p.name,
    )
    return tomls(folder) + [p for sub in subfolders for p in tomls(sub)]


def load_folder(
    folder: Path | Traversable, *, known: Iterable[Exercise] = ()
) -> tuple[list[Exercise], list[ScriptError]]:
    """Load every ``*.toml`` script in ``folder`` (by file name).

    Returns the exercises that loaded and the problems of those that did not. An exercise
    whose id is already taken (by an earlier file or by ``known``) is a problem and is left out.
    """
    if not folder.is_dir():
        return [], [
            ScriptError(str(folder), None, "", _("a folder of .toml scripts"), _("no folder"))
        ]
    return _gather(_scripts_in(folder), known)


def builtin_folder() -> Traversable:
    """Where the shipped exercise scripts are."""
    from kapcompanion.resources import resources_dir

    return resources_dir() / "exercises"


def load_builtin() -> tuple[list[Exercise], list[ScriptError]]:
    """The shipped exercises (and problems, which the tests keep at none)."""
    return load_folder(builtin_folder())


def load_library(user_folder: Path | None = None) -> tuple[list[Exercise], list[ScriptError]]:
    """The shipped exercises followed by the person's own scripts from ``user_folder``.

    A missing user folder is not a problem (nobody has written a script yet).
    """
    exercises, problems = load_builtin()
    if user_folder is not None and user_folder.is_dir():
        more, more_problems = load_folder(user_folder, known=exercises)
        exercises += more
        problems += more_problems
    return exercises, problems


def check_files(
    paths: Iterable[Path | str], *, known: Iterable[Exercise] = ()
) -> list[ScriptError]:
    """Every problem in the given script files, including ids used twice among them (or
    already used by ``known``). An empty list means all of them are fine."""
    return _gather([Path(p) for p in paths], known)[1]
