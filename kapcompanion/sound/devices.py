"""What the sound output and the microphone share about PortAudio.

Loading ``sounddevice`` on first use (it loads PortAudio, which costs start-up time), listing the
devices it sees, choosing one when the person has not, asking PortAudio to look again, and
running a call that may hang in a sound server with a time limit. Nothing here raises into the
caller: no sound is a normal state.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from kapcompanion.i18n import _


@dataclass(frozen=True)
class AudioDevice:
    """One input or output as PortAudio reports it; ``channels`` counts the direction asked for."""

    index: int
    name: str
    host_api: str
    channels: int
    default_samplerate: float
    is_default: bool


def import_sounddevice(
    missing: str,
    unusable: str,
    missing_errors: tuple[type[Exception], ...] = (OSError,),
) -> tuple[Any | None, str | None]:
    """(sounddevice, None), or (None, a reason for a person, in the language in use).

    ``missing`` is the reason when importing raises one of ``missing_errors`` (PortAudio is not
    installed); ``unusable`` is a template with a ``{reason}`` for any other error's text. Both
    are marked sentences (``N_``), translated here.
    """
    try:
        import sounddevice
    except missing_errors:
        return None, _(missing)
    except Exception as exc:  # a broken installation must not take the app down
        return None, _(unusable).format(reason=exc)
    return sounddevice, None


def rescan(sd: Any) -> None:
    """Make PortAudio look for devices again (a sound server may have started or gone).

    This closes every open stream in the process."""
    terminate = getattr(sd, "_terminate", None)
    initialize = getattr(sd, "_initialize", None)
    if terminate is not None and initialize is not None:
        terminate()
        initialize()


def list_devices(sd: Any, *, output: bool, refresh: bool = False) -> list[AudioDevice]:
    """Every output (or input) device ``sd`` sees; empty when asking fails. Never raises.

    ``refresh`` calls :func:`rescan` first. The caller holds whatever lock keeps PortAudio to one
    thread at a time."""
    key = "max_output_channels" if output else "max_input_channels"
    try:
        if refresh:
            rescan(sd)
        devices = sd.query_devices()
        apis = sd.query_hostapis()
        default = sd.default.device[1 if output else 0]
    except Exception:
        return []
    found = []
    for d in devices:
        if d[key] <= 0:
            continue
        found.append(
            AudioDevice(
                index=int(d["index"]),
                name=str(d["name"]),
                host_api=str(apis[d["hostapi"]]["name"]),
                channels=int(d[key]),
                default_samplerate=float(d["default_samplerate"]),
                is_default=int(d["index"]) == default,
            )
        )
    return found


def choose(devices: Sequence[AudioDevice], preferred: Sequence[str]) -> AudioDevice | None:
    """The first device named in ``preferred`` (in that order), else PortAudio's default for the
    direction, else the first one; None when there is none."""
    for wanted in preferred:
        for d in devices:
            if d.name == wanted:
                return d
    for d in devices:
        if d.is_default:
            return d
    return devices[0] if devices else None


def run_with_timeout(fn: Callable[[], Any], timeout: float, name: str) -> tuple[bool, Any]:
    """Run ``fn`` in a daemon thread called ``name``; (finished in time, result or exception).

    When ``fn`` has not finished within ``timeout`` seconds the answer is (False, a
    :class:`TimeoutError`) and the thread is left to end by itself."""
    box: list[Any] = []

    def target() -> None:
        try:
            box.append(fn())
        except BaseException as exc:
            box.append(exc)

    worker = threading.Thread(target=target, name=name, daemon=True)
    worker.start()
    worker.join(timeout)
    if worker.is_alive() or not box:
        return False, TimeoutError(f"no answer from the audio system within {timeout:g} s")
    return True, box[0]
