"""The crisis resources on disk: the shipped regions and the person's own versions of them.

The person's versions live in a folder of their own (one ``<region>.toml`` each, see
:func:`kapcompanion.domain.crisis.own_file_name`), made private (0700) when the first one is
saved; each file is written 0600 and all or nothing (:mod:`kapcompanion.storage.files`).
Reading never fails: a file that cannot be read or understood (a pipe, a link to a device, a
huge file, text nested thousands of levels deep) is left as it is, named with its cause among the
problems, and the others are used; the shipped region it would have replaced is offered instead.
"""

from __future__ import annotations

from pathlib import Path

from kapcompanion.domain.crisis import (
    CrisisError,
    CrisisRegion,
    load_shipped,
    merge,
    own_file_name,
    region_from_mapping,
    region_to_toml,
)
from kapcompanion.domain.text import printable
from kapcompanion.i18n import _
from kapcompanion.storage.files import private_text_file
from kapcompanion.storage.paths import config_dir, ensure_private_dir
from kapcompanion.storage.safe_read import (
    FileFormatError,
    UnsafeFileError,
    decode_text,
    parse_toml,
    read_limited,
)

#: A region's file holds a name, a number and a few lines: far less than this.
MAX_FILE_BYTES = 64 * 1024


def own_crisis_folder() -> Path:
    """Where the person's own versions of crisis resources are kept (not created here)."""
    return config_dir() / "crisis"


def read_regions(own_folder: Path) -> tuple[list[CrisisRegion], list[CrisisError]]:
    """The regions to offer (the shipped ones, each replaced by the person's version when
    ``own_folder`` holds one) and the problems met reading them."""
    shipped, problems = load_shipped()
    own, own_problems = read_own_regions(own_folder)
    return merge(shipped, own), [*problems, *own_problems]


def read_own_regions(folder: Path) -> tuple[list[CrisisRegion], list[CrisisError]]:
    """Every ``*.toml`` in the person's ``folder`` (by name), each read safely; a file that
    cannot be used is a problem naming it and its cause, never a crash or a wait."""
    regions: list[CrisisRegion] = []
    problems: list[CrisisError] = []
    try:
        paths = sorted(p for p in folder.iterdir() if p.name.endswith(".toml"))
    except OSError:
        return regions, problems  # no folder (nothing saved yet), or one that cannot be listed
    for path in paths:
        name = printable(path.name)
        try:
            text = decode_text(path, read_limited(path, MAX_FILE_BYTES))
            data = parse_toml(path, text)
            regions.append(region_from_mapping(data, name, edited=True))
        except CrisisError as problem:
            problems.append(problem)
        except UnsafeFileError as exc:
            reason = exc.reason.split(";")[0]
            problems.append(CrisisError(name, "", _("it {reason}").format(reason=reason)))
        except FileFormatError as exc:
            problems.append(CrisisError(name, "", exc.cause))
        except OSError as exc:
            why = exc.strerror or exc
            problems.append(CrisisError(name, "", _("could not be read ({why})").format(why=why)))
    return regions, problems


def save_own_region(own_folder: Path, region: CrisisRegion) -> Path:
    """Keep the person's version of ``region`` in ``own_folder``; returns the file written.
    Raises OSError when the folder or the file cannot be written (the old file, if any, is
    then left as it was)."""
    ensure_private_dir(own_folder)
    path = own_folder / own_file_name(region.key)
    text = region_to_toml(region)
    with private_text_file(path) as f:
        f.write(text)
    return path
