"""Render the fixed cue sounds to audio/*.wav (48 kHz, 16-bit, mono).

    python -m kapcompanion.sound.render [--out FOLDER] [--check]

The files are made only from :mod:`kapcompanion.sound.synth`, so rendering twice gives the
same bytes. ``--check`` writes nothing and exits with status 1 when a file is missing or no
longer matches what the synthesiser makes now.
"""

from __future__ import annotations

import argparse
import sys
import wave
from pathlib import Path

import numpy as np
import numpy.typing as npt

from kapcompanion.sound import synth

RATE = 48_000
SAMPLE_WIDTH = 2  # bytes: 16-bit
FULL_SCALE = 32767


def to_pcm16(x: synth.Samples) -> npt.NDArray[np.int16]:
    """Round float samples in -1..1 to 16-bit integers (no dither: deterministic)."""
    return np.clip(np.round(x.astype(np.float64) * FULL_SCALE), -FULL_SCALE, FULL_SCALE).astype(
        np.int16
    )


def render_all(rate: int = RATE) -> dict[str, npt.NDArray[np.int16]]:
    """Every fixed cue by file stem, as 16-bit samples."""
    return {name: to_pcm16(make(rate)) for name, make in synth.CUES.items()}


def write_wav(path: Path, pcm: npt.NDArray[np.int16], rate: int = RATE) -> None:
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(SAMPLE_WIDTH)
        w.setframerate(rate)
        w.writeframes(pcm.astype("<i2").tobytes())


def read_wav(path: Path) -> tuple[npt.NDArray[np.int16], int]:
    """Samples and rate of a 16-bit mono WAV file; ValueError naming the file if it is not one."""
    with wave.open(str(path), "rb") as w:
        if w.getnchannels() != 1 or w.getsampwidth() != SAMPLE_WIDTH:
            raise ValueError(
                f"{path}: expected 16-bit mono, found {w.getsampwidth() * 8}-bit "
                f"with {w.getnchannels()} channels"
            )
        data = w.readframes(w.getnframes())
        return np.frombuffer(data, dtype="<i2").astype(np.int16), w.getframerate()


def default_folder() -> Path:
    """The repository's audio/ folder (rendering is a development step, done in a checkout)."""
    return Path(__file__).resolve().parent.parent.parent / "audio"


def differences(folder: Path, rate: int = RATE) -> list[str]:
    """What differs between the files in ``folder`` and a fresh rendering (empty: all match).

    A difference of one least significant bit is allowed, for maths libraries that round
    the last bit of a sine differently.
    """
    problems = []
    for name, pcm in render_all(rate).items():
        path = folder / f"{name}.wav"
        if not path.exists():
            problems.append(f"{path}: missing")
            continue
        try:
            stored, stored_rate = read_wav(path)
        except (OSError, EOFError, wave.Error, ValueError) as exc:
            problems.append(f"{path}: unreadable ({exc})")
            continue
        if stored_rate != rate:
            problems.append(f"{path}: rate {stored_rate} Hz, expected {rate} Hz")
        elif stored.shape != pcm.shape:
            problems.append(f"{path}: {len(stored)} samples, expected {len(pcm)}")
        else:
            worst = int(np.max(np.abs(stored.astype(np.int32) - pcm.astype(np.int32))))
            if worst > 1:
                problems.append(f"{path}: differs by up to {worst} steps")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m kapcompanion.sound.render", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("--out", type=Path, default=default_folder(), help="folder for the files")
    parser.add_argument(
        "--check", action="store_true", help="only compare the files with a fresh rendering"
    )
    args = parser.parse_args(argv)
    folder: Path = args.out
    if args.check:
        problems = differences(folder)
        for p in problems:
            print(p, file=sys.stderr)
        if problems:
            print("Run `python -m kapcompanion.sound.render` to bring them up to date.")
            return 1
        print(f"{folder}: all {len(synth.CUES)} cue files match the synthesiser")
        return 0
    folder.mkdir(parents=True, exist_ok=True)
    for name, pcm in render_all().items():
        write_wav(folder / f"{name}.wav", pcm)
        print(f"{folder / name}.wav  {len(pcm) / RATE:.2f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
