"""The crisis resources on disk: the shipped regions and the person's own versions of them.

The person's versions live in a folder of their own (one ``<region>.toml`` each, see
:func:`kapcompanion.domain.crisis.own_file_name`), made private (0700) when the first one is
saved; each file is written 0600 and all or nothing (:mod:`kapcompanion.storage.files`).
Reading never fails: a file that cannot be read or understood is reported and the others are
used.
"""

from __future__ import annotations

from pathlib import Path

from kapcompanion.domain.crisis import (
    CrisisError,
    CrisisRegion,
    load_folder,
    load_shipped,
    merge,
    own_file_name,
    region_to_toml,
)
from kapcompanion.storage.files import private_text_file
from kapcompanion.storage.paths import config_dir, ensure_private_dir


def own_crisis_folder() -> Path:
    """Where the person's own versions of crisis resources are kept (not created here)."""
    return config_dir() / "crisis"


def read_regions(own_folder: Path) -> tuple[list[CrisisRegion], list[CrisisError]]:
    """The regions to offer (the shipped ones, each replaced by the person's version when
    ``own_folder`` holds one) and the problems met reading them."""
    shipped, problems = load_shipped()
    own, own_problems = load_folder(own_folder, edited=True)
    return merge(shipped, own), [*problems, *own_problems]


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
