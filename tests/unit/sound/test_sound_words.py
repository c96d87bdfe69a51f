"""The sound engine's and the microphone's reasons are said in the person's language: in the
pseudo-language every word of them came through a translation, in Spanish they read as written,
and a full take names its length as a time a person reads ("3:20"), not a fraction of minutes."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from importlib.abc import MetaPathFinder
from types import SimpleNamespace

import numpy as np
import pytest

from kapcompanion import i18n
from kapcompanion.domain.clock import FakeClock
from kapcompanion.sound.engine import AudioEngine
from kapcompanion.sound.recorder import MAX_TAKE_S, Recorder, _Capture
from tests.helpers.pseudo import untranslated


class _NoPortAudio(MetaPathFinder):
    """Importing sounddevice fails as it does where PortAudio is not installed."""

    def find_spec(self, name: str, path: object = None, target: object = None) -> None:
        if name == "sounddevice":
            raise OSError("PortAudio library not found")


@pytest.fixture
def no_portaudio(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.delitem(sys.modules, "sounddevice", raising=False)
    finder = _NoPortAudio()
    sys.meta_path.insert(0, finder)
    yield
    sys.meta_path.remove(finder)


@pytest.fixture
def spanish() -> Iterator[None]:
    if i18n.catalog("es").gettext("Sound has not been started yet.") == (
        "Sound has not been started yet."
    ):
        pytest.fail("the Spanish catalog is not compiled: run `python packaging/translations.py`")
    i18n.use_language("es")
    yield
    i18n.use_language("en")


def reasons() -> tuple[str, str]:
    """Why the engine gives no sound, and why the recorder does not record."""
    engine, recorder = AudioEngine(FakeClock()), Recorder(FakeClock())
    assert engine.open() is False and recorder.start() is False
    sound, recording = engine.unavailable_reason, recorder.unavailable_reason
    engine.close()
    recorder.close()
    assert sound and recording
    return sound, recording


def full_take_problem() -> str | None:
    """What the recorder says once its take is full (the stream itself stands in)."""
    clock = FakeClock()
    recorder = Recorder(clock)
    capture = _Capture(400, 48_000, clock)
    block = np.full((480, 1), 0.1, dtype=np.float32)
    capture(block, 480, None, SimpleNamespace(input_overflow=False))
    assert capture.full
    recorder._capture, recorder._stream = capture, SimpleNamespace()
    return recorder.problem()


def test_without_portaudio_the_reasons_come_through_translation(pseudo, no_portaudio):
    for reason in (*reasons(), AudioEngine(FakeClock()).unavailable_reason):
        assert reason is not None and reason.startswith("⟦")
        assert untranslated(reason) == [], reason


def test_a_broken_audio_library_is_said_in_a_translated_sentence(pseudo, monkeypatch):
    monkeypatch.setitem(sys.modules, "sounddevice", None)  # importing it raises ImportError
    reason = reasons()[0]
    assert reason.startswith("⟦Sound is off: the audio library could not be loaded")
    assert untranslated(reason) == [], reason


def test_a_full_take_names_its_length_as_minutes_and_seconds(pseudo):
    problem = full_take_problem()
    assert problem is not None and untranslated(problem) == []
    minutes, seconds = divmod(round(MAX_TAKE_S), 60)
    assert f"{minutes}:{seconds:02d}" in problem  # 3:20, not 3.33333 minutes


def test_in_spanish_the_reasons_read_as_written(spanish, no_portaudio):
    sound, recording = reasons()
    assert sound.startswith(
        "El sonido está apagado: la biblioteca de audio del sistema (PortAudio) no está instalada."
    )
    assert recording.startswith("La grabación no está disponible: la biblioteca de audio")
    assert AudioEngine(FakeClock()).unavailable_reason == "El sonido aún no se ha iniciado."
    problem = full_take_problem()
    assert problem is not None and problem.startswith("Esta toma ha llegado a 3:20,")
