"""Writing the person's own scripts: a draft as a script file, saved all or nothing.

:func:`to_toml` writes a draft (:mod:`kapcompanion.domain.drafts`) in the format of
``resources/exercises/FORMAT.md`` with ``tomli_w``: the script's own keys at the top, then one
``[[step]]`` table per step with its breathing and input below it as ``[step.breathing]`` and
``[step.input]``, so a saved script reads like the shipped ones and a problem found in it later
points at its own step. :func:`save_script` writes the recordings waiting to be kept and then
the script, each through :func:`kapcompanion.storage.files.replacing`, so a full disk leaves
the file as it was. Shipped scripts are never written here (:func:`is_shipped`).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import tomli_w

from kapcompanion.domain.drafts import ScriptDraft, draft_from_text, to_document
from kapcompanion.domain.scripts import _ID, MAX_FILE_BYTES

from .files import replacing
from .library import builtin_folder
from .paths import FILE_MODE, ensure_private_dir
from .safe_read import read_limited

if TYPE_CHECKING:  # numpy is loaded only once a recording is written
    import numpy as np
    import numpy.typing as npt

    Samples = npt.NDArray[np.float32]
else:
    Samples = Any


def to_toml(draft: ScriptDraft) -> str:
    """The draft as a script file (UTF-8 text ending in a newline)."""
    document = to_document(draft)
    steps = document.pop("step", [])
    parts = [tomli_w.dumps(document)]
    assert isinstance(steps, list)
    for step in steps:
        values = {k: v for k, v in step.items() if not isinstance(v, dict)}
        tables = {k: v for k, v in step.items() if isinstance(v, dict)}
        parts.append("[[step]]\n" + tomli_w.dumps(values))
        # Each sub-table on its own, under its dotted name: [step.breathing], [step.input].
        parts.extend(tomli_w.dumps({"step": {k: v}}) for k, v in tables.items())
    return "\n".join(parts)


def draft_from_file(path: Path) -> ScriptDraft:
    """A draft of a script file; raises OSError (:class:`UnsafeFileError` for a pipe, a
    device or a file too big to be a script), UnicodeDecodeError or TOMLDecodeError."""
    data = read_limited(path, MAX_FILE_BYTES, follow_links=True)
    return draft_from_text(data.decode("utf-8-sig"))


def write_script(path: Path, draft: ScriptDraft, mode: int = FILE_MODE) -> None:
    """Write the draft to ``path`` all or nothing (see :func:`replacing`): on any error the
    file is as it was and no temporary file is left."""
    data = to_toml(draft).encode("utf-8")
    with replacing(path, mode=mode) as f:
        f.write(data)


def save_script(path: Path, draft: ScriptDraft, recordings: Mapping[str, Samples]) -> None:
    """Save the draft as ``path`` with its new recordings beside it (by voice path). A
    recording no step names any more (recorded, then removed or recorded again) is not kept.
    Raises OSError; the script file is then as it was."""
    from kapcompanion.storage.wav import write_wav

    folder = ensure_private_dir(path.parent)
    named = set(draft.voices())
    for name, samples in recordings.items():
        if name not in named:
            continue
        target = folder / name
        ensure_private_dir(target.parent)
        write_wav(target, samples)
    write_script(path, draft)


def is_inside(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder.resolve())
    except (ValueError, OSError):
        return False
    return True


def is_shipped(source: str | Path) -> bool:
    """Whether a script file is one that came with the app (never written, only copied)."""
    return is_inside(Path(source), Path(str(builtin_folder())))


def same_file(a: str | Path, b: str | Path) -> bool:
    """Whether two paths name the same file (as far as they can be resolved)."""
    try:
        return Path(a).resolve() == Path(b).resolve()
    except OSError:
        return str(a) == str(b)


def own_copy(source: Path, folder: Path) -> Path | None:
    """What holds the script file ``source`` in the person's scripts ``folder``: its own
    folder (``<folder>/<name>/``, where its recordings are) when no other script shares it,
    otherwise the file alone; None when the file is not in ``folder`` at all."""
    try:
        parts = source.resolve().relative_to(folder.resolve()).parts
    except (OSError, ValueError):
        return None
    if len(parts) == 2:
        own = folder / parts[0]
        if not any(p.name != parts[1] for p in own.glob("*.toml")):
            return own
    return folder.joinpath(*parts)


def new_script_path(scripts_folder: Path, script_id: str) -> Path:
    """Where a new script goes: a folder of its own, ``<scripts>/<id>/<id>.toml`` (so its
    recordings sit beside it), with "-2", "-3"… on the folder if that name is taken."""
    stem = script_id if _ID.fullmatch(script_id) else "my-exercise"
    folder = scripts_folder / stem
    n = 2
    while os.path.lexists(folder):
        folder = scripts_folder / f"{stem}-{n}"
        n += 1
    return folder / f"{stem}.toml"
