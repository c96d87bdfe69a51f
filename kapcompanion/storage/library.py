"""The exercise library on disk: the shipped scripts and the person's own, read safely.

A broken file never stops the others from loading: each problem is a
:class:`~kapcompanion.domain.scripts.ScriptError` with the file, line and key.

The shipped scripts are written in English, in ``resources/exercises/*.toml``; their
translations live one folder down, by language code (``resources/exercises/es/*.toml``), under
the same file names and ids. The library is read in the language in use
(:func:`kapcompanion.i18n.language`), one script at a time: a script without a translation, or
whose translation no longer fits it (see :mod:`kapcompanion.domain.script_translation`), is
read in English. The person's own scripts are read as they wrote them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from importlib.resources.abc import Traversable
from pathlib import Path

from kapcompanion import i18n
from kapcompanion.domain.script_check import Loaded, check_source
from kapcompanion.domain.script_translation import differences
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
    """Where the shipped exercise scripts are (in English; translations one folder down)."""
    from kapcompanion.resources import resources_dir

    return resources_dir() / "exercises"


#: Folders of translated scripts other than the shipped ones, by language code (a test's
#: pseudo-language): see :func:`add_translations`.
_more_translations: dict[str, Path] = {}


def add_translations(code: str, folder: Path) -> Callable[[], None]:
    """Read the shipped scripts' translations into ``code`` from ``folder`` instead of from
    ``resources/exercises/<code>``; returns what undoes it."""
    _more_translations[code] = folder

    def undo() -> None:
        if _more_translations.get(code) == folder:
            del _more_translations[code]

    return undo


def translations_folder(code: str) -> Path | Traversable | None:
    """Where the shipped scripts' translations into ``code`` are; None for English."""
    if code == i18n.SOURCE:
        return None
    more = _more_translations.get(code)
    if more is not None:
        return more
    return builtin_folder() / code


def _shipped_files(folder: Path | Traversable) -> list[Path | Traversable]:
    # Only the files at the top: the folders beside them hold translations.
    return sorted(
        (p for p in folder.iterdir() if p.name.endswith(".toml") and p.is_file()),
        key=lambda p: p.name,
    )


def _translated(
    english: list[Exercise], folder: Path | Traversable
) -> tuple[list[Exercise], list[ScriptError]]:
    """``english`` with each script replaced by its translation in ``folder`` where that
    loads and fits, and the problems of those that do not."""
    if not folder.is_dir():
        return english, []
    translations, problems = _gather(_shipped_files(folder), ())
    by_id = {t.id: t for t in translations}
    known = {e.id for e in english}
    for extra in translations:
        if extra.id not in known:
            problems.append(
                ScriptError(extra.source, None, "id", "the id of a shipped script", f'"{extra.id}"')
            )
    chosen: list[Exercise] = []
    for exercise in english:
        other = by_id.get(exercise.id)
        unfit = differences(exercise, other) if other is not None else []
        problems += unfit
        chosen.append(other if other is not None and not unfit else exercise)
    return chosen, problems


def load_builtin(language: str | None = None) -> tuple[list[Exercise], list[ScriptError]]:
    """The shipped exercises in ``language`` (the one in use if None), each in English where
    it has no translation that fits; and the problems (which the tests keep at none)."""
    english, problems = _gather(_shipped_files(builtin_folder()), ())
    code = i18n.language() if language is None else language
    folder = translations_folder(code)
    if folder is None:
        return english, problems
    chosen, more = _translated(english, folder)
    return chosen, problems + more


def load_library(
    user_folder: Path | None = None, language: str | None = None
) -> tuple[list[Exercise], list[ScriptError]]:
    """The shipped exercises (in ``language``, see :func:`load_builtin`) followed by the
    person's own scripts from ``user_folder``, as they wrote them.

    A missing user folder is not a problem (nobody has written a script yet).
    """
    exercises, problems = load_builtin(language)
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
