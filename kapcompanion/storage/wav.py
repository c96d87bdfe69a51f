"""A step's recording on disk: 48 kHz mono 16-bit PCM WAV files, written all or nothing."""

from __future__ import annotations

import wave
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

from kapcompanion.domain.voice import CHANNELS, MAX_SECONDS, RATE, SAMPLE_WIDTH, VoiceError
from kapcompanion.i18n import N_, _, ngettext
from kapcompanion.storage.files import replacing
from kapcompanion.storage.safe_read import UnsafeFileError, check_plain

Samples = npt.NDArray[np.float32]
#: Far more than the longest recording a step may have takes (its header says how long it is,
#: and a recording a little too long is named as such); a file this big is not read at all.
MAX_FILE_BYTES = 4 * int(MAX_SECONDS * RATE * SAMPLE_WIDTH * CHANNELS) + 64_000


def to_pcm16(samples: npt.ArrayLike) -> bytes:
    """Samples in [-1, 1] as little-endian 16-bit PCM (rounded, clipped)."""
    x = np.asarray(samples, dtype=np.float64)
    pcm = np.clip(np.round(x * 32767.0), -32768, 32767).astype("<i2")
    return pcm.tobytes()


def write_wav(path: Path | str, samples: npt.ArrayLike, rate: int = RATE) -> None:
    """Write a mono 16-bit WAV, all or nothing: a temporary file beside ``path`` (0600) is
    flushed to the disk and then renamed over ``path``."""
    data = to_pcm16(samples)
    with replacing(Path(path)) as raw, wave.open(raw, "wb") as w:
        w.setnchannels(CHANNELS)
        w.setsampwidth(SAMPLE_WIDTH)
        w.setframerate(rate)
        w.writeframes(data)


@dataclass(frozen=True)
class WavInfo:
    frames: int
    rate: int

    @property
    def seconds(self) -> float:
        return self.frames / self.rate


_RECORD_AGAIN = N_("You might record this step again.")


def _file_error(name: str, what: str, todo: str | None = None) -> VoiceError:
    """A recording that cannot be used: ``name`` ``what`` ("is missing"), and what the person
    might do (``todo``; None: record the step again), both translated."""
    todo = _(_RECORD_AGAIN) if todo is None else todo
    said = _("The recording {name} {what}. {todo}").format(name=name, what=what, todo=todo)
    return VoiceError("file", said, detail=what)


def _open_wav(path: Path) -> tuple[wave.Wave_read, WavInfo]:
    name = path.name
    try:
        # A plain file of a recording's size at most (a pipe would wait, a device never end).
        if not check_plain(path, MAX_FILE_BYTES):
            raise _file_error(name, _("is missing"))
    except UnsafeFileError as problem:
        raise _file_error(name, problem.reason.split(";")[0]) from None
    except OSError as problem:
        raise _file_error(
            name, _("cannot be read ({why})").format(why=problem.strerror or problem)
        ) from None
    try:
        w = wave.open(str(path), "rb")  # noqa: SIM115 (closed by the caller)
    except FileNotFoundError:
        raise _file_error(name, _("is missing")) from None
    except (wave.Error, EOFError, OSError) as problem:
        raise _file_error(
            name, _("is not a WAV file this app can play ({why})").format(why=problem)
        ) from None
    try:
        channels = w.getnchannels()
        found = ngettext(
            "{n} channel, {bits}-bit, {rate} Hz, {packing}",
            "{n} channels, {bits}-bit, {rate} Hz, {packing}",
            channels,
        ).format(
            n=channels,
            bits=w.getsampwidth() * 8,
            rate=w.getframerate(),
            packing=w.getcomptype(),
        )
        if (
            w.getnchannels() != CHANNELS
            or w.getsampwidth() != SAMPLE_WIDTH
            or w.getframerate() != RATE
            or w.getcomptype() != "NONE"
        ):
            raise _file_error(
                name,
                _("is {found}, while recordings here are mono 16-bit {rate} Hz PCM").format(
                    found=found, rate=RATE
                ),
            )
        info = WavInfo(w.getnframes(), w.getframerate())
        if info.seconds > MAX_SECONDS + 1.0:
            raise _file_error(
                name,
                _(
                    "lasts {minutes} minutes, while a step's recording may last at most {most}"
                ).format(minutes=f"{info.seconds / 60:.1f}", most=f"{MAX_SECONDS / 60:g}"),
                _("You might record a shorter take."),
            )
    except BaseException:
        w.close()
        raise
    return w, info


def wav_info(path: Path | str) -> WavInfo:
    """Check a recording file's format and length (and that all its samples are there)."""
    p = Path(path)
    w, info = _open_wav(p)
    with w:
        try:
            size = p.stat().st_size
        except OSError as problem:
            raise _file_error(p.name, _("cannot be read ({why})").format(why=problem)) from None
        if size < 44 + info.frames * SAMPLE_WIDTH:  # a plain header is 44 bytes
            raise _ends_early(p.name)
    return info


def _ends_early(name: str) -> VoiceError:
    return _file_error(name, _("ends early (part of the file is missing)"))


def read_wav(path: Path | str) -> Samples:
    """A recording's samples as float32 in [-1, 1). Raises :class:`VoiceError` with a message
    for a person when the file is missing, damaged or not in the app's format."""
    p = Path(path)
    w, info = _open_wav(p)
    with w:
        try:
            data = w.readframes(info.frames)
        except (wave.Error, EOFError, OSError) as problem:
            raise _file_error(p.name, _("cannot be read ({why})").format(why=problem)) from None
    if len(data) != info.frames * SAMPLE_WIDTH:
        raise _ends_early(p.name)
    pcm = np.frombuffer(data, dtype="<i2")
    return np.asarray(pcm.astype(np.float32) / np.float32(32768.0), dtype=np.float32)


def recording_path(script_file: Path | str, voice: str) -> Path:
    """The file of a step's recording: ``voice`` is written relative to the script's folder."""
    return Path(script_file).parent / voice
