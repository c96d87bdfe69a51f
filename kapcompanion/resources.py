"""Where the shipped resources and cue sounds are.

In an installed wheel, ``resources/`` and ``audio/`` live inside the package (the build maps the
repository's top-level folders there). In a source checkout they are the top-level folders
beside the package. Code asks here and never builds such paths itself.
"""

from __future__ import annotations

from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

_CHECKOUT = Path(__file__).resolve().parent.parent


def _folder(name: str) -> Traversable:
    packaged = resources.files("kapcompanion") / name
    if packaged.is_dir():
        return packaged
    return _CHECKOUT / name


def resources_dir() -> Traversable:
    """The shipped resources: exercise scripts, icons, stylesheets."""
    return _folder("resources")


def audio_dir() -> Traversable:
    """The rendered cue sounds (WAV)."""
    return _folder("audio")
