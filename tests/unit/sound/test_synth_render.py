"""The committed files in audio/ are what the synthesiser renders now."""

from __future__ import annotations

import wave
from pathlib import Path

import numpy as np

from kapcompanion.resources import audio_dir
from kapcompanion.sound import render, synth


def test_rendering_is_deterministic() -> None:
    a = render.render_all()
    b = render.render_all()
    assert a.keys() == b.keys() == synth.CUES.keys()
    for name in a:
        assert np.array_equal(a[name], b[name])


def test_committed_audio_files_match_the_synthesiser() -> None:
    folder = Path(str(audio_dir()))
    assert render.differences(folder) == []


def test_files_are_48k_16bit_mono(tmp_path: Path) -> None:
    assert render.main(["--out", str(tmp_path)]) == 0
    for name in synth.CUES:
        with wave.open(str(tmp_path / f"{name}.wav"), "rb") as w:
            assert (w.getframerate(), w.getsampwidth(), w.getnchannels()) == (48_000, 2, 1)
    assert render.main(["--out", str(tmp_path), "--check"]) == 0


def test_check_names_a_file_that_drifted(tmp_path: Path, capsys) -> None:
    render.main(["--out", str(tmp_path)])
    pcm, rate = render.read_wav(tmp_path / "inhale.wav")
    changed = pcm.copy()
    changed[100] += 3
    render.write_wav(tmp_path / "inhale.wav", changed, rate)
    (tmp_path / "rest.wav").unlink()
    assert render.main(["--out", str(tmp_path), "--check"]) == 1
    err = capsys.readouterr().err
    assert "inhale.wav: differs by up to 3 steps" in err
    assert "rest.wav: missing" in err
