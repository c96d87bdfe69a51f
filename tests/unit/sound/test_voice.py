"""Getting a voice take ready: trimming silence with margins and fades, normalising, refusing
silent, quiet, clipped and over-long takes, and the 48 kHz mono 16-bit WAV files."""

from __future__ import annotations

import stat
import wave
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from kapcompanion.domain.voice import MAX_SECONDS, RATE, VoiceError
from kapcompanion.sound.voice import FADE_S, MARGIN_S, PEAK_CEILING_DBFS, TARGET_RMS_DBFS, prepare
from kapcompanion.storage import wav
from kapcompanion.storage.wav import read_wav, write_wav

R = RATE


def tone(seconds: float, hz: float = 440.0, level_dbfs: float = -20.0, rate: int = R):
    """A sine whose RMS is ``level_dbfs``."""
    t = np.arange(round(seconds * rate)) / rate
    return np.sqrt(2) * 10 ** (level_dbfs / 20) * np.sin(2 * np.pi * hz * t)


def take(before: float, body: np.ndarray, after: float, noise_dbfs: float | None = None, seed=0):
    x = np.concatenate([np.zeros(round(before * R)), body, np.zeros(round(after * R))])
    if noise_dbfs is not None:
        rng = np.random.default_rng(seed)
        x = x + rng.normal(0.0, 10 ** (noise_dbfs / 20), len(x))
    return x.astype(np.float32)


def rms_dbfs(x: np.ndarray) -> float:
    return 20 * np.log10(np.sqrt(np.mean(np.asarray(x, dtype=np.float64) ** 2)))


def dominant_hz(x: np.ndarray, rate: int = R) -> float:
    spectrum = np.abs(np.fft.rfft(x * np.hanning(len(x))))
    return float(np.argmax(spectrum) * rate / len(x))


# --- trimming ---------------------------------------------------------------------------------


def test_silence_is_trimmed_to_the_margins_and_the_sound_is_kept() -> None:
    body = tone(1.0, 440.0, -26.0)
    prepared = prepare(take(0.8, body, 1.2, noise_dbfs=-75.0))
    expected = len(body) + 2 * round(MARGIN_S * R)
    assert abs(len(prepared.samples) - expected) <= round(0.002 * R), len(prepared.samples)
    assert prepared.start == pytest.approx(round((0.8 - MARGIN_S) * R), abs=round(0.002 * R))
    assert dominant_hz(prepared.samples) == pytest.approx(440.0, abs=1.5)
    # The margins are quiet; the sound sits between them.
    margin = round(MARGIN_S * R)
    assert rms_dbfs(prepared.samples[: margin - round(0.003 * R)]) < -40
    assert rms_dbfs(prepared.samples[-margin + round(0.003 * R) :]) < -40


def test_the_ends_fade_in_and_out_so_they_never_click() -> None:
    # A take cut while the voice is loud at both ends (no silence to keep as margins).
    body = tone(2.0, 300.0, -20.0)
    x = take(0.3, body, 0.0)
    prepared = prepare(x)
    y = prepared.samples.astype(np.float64)
    n = round(FADE_S * R)
    assert abs(y[0]) < 1e-3 and abs(y[-1]) < 1e-3
    # Inside the fade the envelope only grows: each cycle's peak exceeds the one before.
    env_end = np.abs(y[-n:])
    assert env_end.max() < np.abs(y[-3 * n : -n]).max()
    # A raised cosine over 15 ms: the step from one sample to the next stays small.
    assert np.max(np.abs(np.diff(y[-n:]))) < 0.05


def test_a_click_at_either_end_is_trimmed_with_the_silence() -> None:
    click = np.zeros(round(0.005 * R))
    click[:40] = 0.6  # a 5 ms key click
    body = tone(1.0, 500.0, -24.0)
    x = np.concatenate(
        [np.zeros(round(0.2 * R)), click, np.zeros(round(0.6 * R)), body, np.zeros(round(0.5 * R))]
    )
    x[-round(0.2 * R) : -round(0.2 * R) + 40] = -0.5  # and one at the end
    prepared = prepare(x.astype(np.float32))
    assert prepared.seconds == pytest.approx(1.0 + 2 * MARGIN_S, abs=0.003)


def test_the_threshold_follows_the_takes_own_noise_floor() -> None:
    # Loud background noise (-45 dBFS) around a voice at -20 dBFS: the noise is not sound.
    body = tone(0.7, 220.0, -20.0)
    prepared = prepare(take(1.0, body, 1.0, noise_dbfs=-45.0, seed=3))
    assert prepared.seconds == pytest.approx(0.7 + 2 * MARGIN_S, abs=0.01)
    assert prepared.noise_floor_dbfs == pytest.approx(-45.0, abs=1.0)


# --- normalising ------------------------------------------------------------------------------


@pytest.mark.parametrize("level", [-45.0, -30.0, -12.0])
def test_the_voice_is_brought_to_the_target_level(level: float) -> None:
    body = tone(1.5, 330.0, level)
    prepared = prepare(take(0.5, body, 0.5, noise_dbfs=-90.0))
    margin = round(MARGIN_S * R)
    inner = prepared.samples[margin + 480 : -margin - 480]
    assert rms_dbfs(inner) == pytest.approx(TARGET_RMS_DBFS, abs=0.1)
    assert prepared.active_rms_dbfs == pytest.approx(TARGET_RMS_DBFS, abs=0.05)
    assert prepared.gain_db == pytest.approx(TARGET_RMS_DBFS - level, abs=0.1)


def test_no_peak_goes_above_the_ceiling() -> None:
    # Short loud bursts in a quiet voice: reaching -20 dBFS RMS would push the bursts past the
    # ceiling, so the gain stops there.
    body = tone(1.0, 200.0, -40.0)
    for at in (0.2, 0.5, 0.8):
        i = round(at * R)
        body[i : i + 200] += 0.5 * np.hanning(200)
    prepared = prepare(take(0.5, body, 0.5))
    assert prepared.peak_dbfs == pytest.approx(PEAK_CEILING_DBFS, abs=0.05)
    assert prepared.active_rms_dbfs < TARGET_RMS_DBFS


# --- refusing ---------------------------------------------------------------------------------


def test_a_silent_take_is_refused_with_a_reason() -> None:
    with pytest.raises(VoiceError) as caught:
        prepare(np.zeros(3 * R, dtype=np.float32))
    assert caught.value.kind == "silent"
    assert "microphone" in str(caught.value) and "record again" in str(caught.value)


def test_a_take_of_only_background_noise_is_refused() -> None:
    rng = np.random.default_rng(5)
    noise = rng.normal(0.0, 0.01, 3 * R).astype(np.float32)
    with pytest.raises(VoiceError) as caught:
        prepare(noise)
    assert caught.value.kind == "silent"
    assert "background" in str(caught.value)


def test_a_very_quiet_take_is_refused_rather_than_amplified() -> None:
    with pytest.raises(VoiceError) as caught:
        prepare(take(0.5, tone(1.0, 400.0, -56.0), 0.5))
    assert caught.value.kind == "quiet"
    assert "closer" in str(caught.value)


def test_a_badly_clipped_take_is_refused() -> None:
    body = np.clip(tone(1.0, 300.0, 0.0) * 2.0, -1.0, 1.0)  # flat tops on every cycle
    with pytest.raises(VoiceError) as caught:
        prepare(take(0.5, body, 0.5))
    assert caught.value.kind == "clipped"
    assert "too loud" in str(caught.value)


def test_a_take_loud_from_end_to_end_and_clipped_is_named_as_clipped() -> None:
    body = np.clip(tone(2.0, 300.0, 0.0) * 3.0, -1.0, 1.0)
    with pytest.raises(VoiceError) as caught:
        prepare(body.astype(np.float32))
    assert caught.value.kind == "clipped"


def test_a_single_touch_of_the_top_is_not_clipping() -> None:
    body = tone(1.0, 300.0, -20.0)
    body[24_000] = 1.0  # one sample at full scale (a natural peak)
    body[24_001] = 0.9995
    prepared = prepare(take(0.5, body, 0.5))
    assert prepared.peak_dbfs <= PEAK_CEILING_DBFS + 0.01


def test_a_take_longer_than_a_step_can_hold_is_refused() -> None:
    body = tone(MAX_SECONDS + 2.0, 300.0, -20.0)
    with pytest.raises(VoiceError) as caught:
        prepare(take(0.5, body, 0.5))
    assert caught.value.kind == "long"
    assert "two steps" in str(caught.value)


def test_int16_and_two_channel_takes_are_accepted() -> None:
    body = tone(1.0, 440.0, -20.0)
    x = take(0.5, body, 0.5)
    as_int = np.round(x * 32767).astype(np.int16)
    a = prepare(as_int)
    b = prepare(np.stack([x, x * 0.5], axis=1))
    assert a.seconds == pytest.approx(b.seconds, abs=0.001)
    assert a.active_rms_dbfs == pytest.approx(TARGET_RMS_DBFS, abs=0.05)


def test_a_take_at_another_rate_comes_out_at_48_khz() -> None:
    body = tone(1.0, 440.0, -20.0, rate=44_100)
    x = np.concatenate([np.zeros(22_050), body, np.zeros(22_050)])
    prepared = prepare(x.astype(np.float32), 44_100)
    assert prepared.rate == RATE
    assert prepared.seconds == pytest.approx(1.0 + 2 * MARGIN_S, abs=0.003)
    assert dominant_hz(prepared.samples) == pytest.approx(440.0, abs=1.5)


# --- properties -------------------------------------------------------------------------------


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    before=st.floats(0.0, 1.0),
    length=st.floats(0.08, 2.0),
    after=st.floats(0.0, 1.0),
    level=st.floats(-46.0, -8.0),
    hz=st.floats(120.0, 3000.0),
    noise=st.one_of(st.none(), st.floats(-95.0, -62.0)),
    seed=st.integers(0, 1000),
)
def test_trim_and_normalise_hold_for_any_tone_in_silence_or_noise(
    before: float,
    length: float,
    after: float,
    level: float,
    hz: float,
    noise: float | None,
    seed: int,
) -> None:
    # A take needs some background at one end at least (a real one always has some: the
    # moment between pressing record and speaking); sound from end to end cannot be told
    # from background and is refused (see test_a_take_of_only_background_noise_is_refused).
    assume(max(before, after) >= 0.25)
    body = tone(length, hz, level)
    x = take(before, body, after, noise, seed)
    prepared = prepare(x)
    y = prepared.samples
    margin = round(MARGIN_S * R)
    start = round(before * R)
    expected = min(start, margin) + len(body) + min(round(after * R), margin)
    # Onset and end are each found within a cycle of the tone and a millisecond.
    slack = round(R / hz) + round(0.002 * R)
    assert abs(len(y) - expected) <= slack, (len(y), expected)
    assert abs(prepared.start - max(0, start - margin)) <= slack
    # Moderate level: the sound reaches the target, peaks stay under the ceiling.
    assert prepared.peak_dbfs <= PEAK_CEILING_DBFS + 0.01
    assert prepared.active_rms_dbfs <= TARGET_RMS_DBFS + 0.01
    assert prepared.active_rms_dbfs == pytest.approx(TARGET_RMS_DBFS, abs=0.5)
    # Faded ends: the first and last samples are near silence.
    assert abs(float(y[0])) < 0.01 and abs(float(y[-1])) < 0.01
    assert y.dtype == np.float32


# --- files ------------------------------------------------------------------------------------


def test_a_recording_round_trips_through_a_48_khz_mono_16_bit_wav(tmp_path: Path) -> None:
    samples = prepare(take(0.4, tone(1.0, 440.0, -20.0), 0.4)).samples
    path = tmp_path / "step-01.wav"
    write_wav(path, samples)
    with wave.open(str(path), "rb") as w:
        assert (w.getnchannels(), w.getsampwidth(), w.getframerate()) == (1, 2, RATE)
        assert w.getnframes() == len(samples)
    back = read_wav(path)
    assert back.dtype == np.float32
    assert np.max(np.abs(back - samples)) <= 1.0 / 32767 + 1e-6
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["step-01.wav"]
    info = wav.wav_info(path)
    assert info.frames == len(samples) and info.seconds == pytest.approx(len(samples) / RATE)


def test_writing_replaces_a_take_whole(tmp_path: Path) -> None:
    path = tmp_path / "step-01.wav"
    write_wav(path, np.full(1000, 0.1))
    write_wav(path, np.full(500, -0.2))
    assert len(read_wav(path)) == 500
    assert sorted(p.name for p in tmp_path.iterdir()) == ["step-01.wav"]


def _raw_wav(path: Path, channels: int, width: int, rate: int, frames: int) -> None:
    with wave.open(str(path), "wb") as w:
        w.setnchannels(channels)
        w.setsampwidth(width)
        w.setframerate(rate)
        w.writeframes(b"\x00" * (frames * channels * width))


@pytest.mark.parametrize(
    ("make", "words"),
    [
        (lambda p: None, "missing"),
        (lambda p: p.write_bytes(b"not a wav at all"), "not a WAV file"),
        (lambda p: _raw_wav(p, 2, 2, RATE, 100), "2 channels"),
        (lambda p: _raw_wav(p, 1, 2, 44_100, 100), "44100 Hz"),
        (lambda p: _raw_wav(p, 1, 1, RATE, 100), "8-bit"),
        (lambda p: _raw_wav(p, 1, 2, RATE, round((MAX_SECONDS + 5) * RATE)), "minutes"),
    ],
)
def test_a_recording_that_cannot_be_used_gets_a_clear_reason(
    tmp_path: Path, make, words: str
) -> None:
    path = tmp_path / "step-02.wav"
    make(path)
    with pytest.raises(VoiceError) as caught:
        read_wav(path)
    assert caught.value.kind == "file"
    assert "step-02.wav" in str(caught.value) and words in str(caught.value)
    with pytest.raises(VoiceError):
        wav.wav_info(path)


def test_a_truncated_recording_is_named_as_ending_early(tmp_path: Path) -> None:
    path = tmp_path / "step-03.wav"
    write_wav(path, np.full(10_000, 0.1))
    data = path.read_bytes()
    path.write_bytes(data[: len(data) - 4000])
    for read in (read_wav, wav.wav_info):
        with pytest.raises(VoiceError) as caught:
            read(path)
        assert "ends early" in str(caught.value)


def test_recording_path_is_relative_to_the_script(tmp_path: Path) -> None:
    script = tmp_path / "arriving" / "arriving.toml"
    assert wav.recording_path(script, "voice/step-01.wav") == (
        tmp_path / "arriving" / "voice" / "step-01.wav"
    )
