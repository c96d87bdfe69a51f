"""A step's recorded voice: the player follows the practice hub (played once as each step visit
begins, held by a pause, stopped by the end or by a step without one, silent without sound),
and the editor's panel records, meters, trims, refuses unusable takes in words, plays back and
removes. The devices are stood in for here (an engine that notes its calls, a recorder that
hands over prepared samples); tests/gui/editor/test_voice_panel_audio.py does it all on a real,
private sound server."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pytest

from kapcompanion.domain.clock import FakeClock
from kapcompanion.domain.voice import RATE
from kapcompanion.sound.recorder import SILENT_LEVEL, Level, Take
from kapcompanion.storage.library import load_script
from kapcompanion.storage.wav import write_wav
from kapcompanion.ui.editor import voice_panel as vp
from kapcompanion.ui.editor import voice_player as vpl
from kapcompanion.ui.shell.theme import DARK
from tests.helpers.windows import shown_window

START = 100.0

SCRIPT = """
id = "voiced"
title = "Voiced"
description = "Two spoken steps around a quiet one."
for = ["any-time"]
minutes = 1

[[step]]
text = "Welcome."
seconds = 10
voice = "voice/one.wav"

[[step]]
text = "A quiet moment."
seconds = 10

[[step]]
text = "Thank you."
until_continue = true
voice = "voice/three.wav"
"""


def speech(seconds: float, level: float = 0.1, seed: int = 3) -> np.ndarray:
    """Half a second of room noise, a voice-like tone, then room noise again."""
    rng = np.random.default_rng(seed)
    noise = lambda n: 0.001 * rng.standard_normal(n)  # noqa: E731
    t = np.arange(round(seconds * RATE)) / RATE
    body = level * np.sin(2 * np.pi * 180 * t) * (0.6 + 0.4 * np.sin(2 * np.pi * 3 * t))
    pad = round(0.5 * RATE)
    return np.concatenate([noise(pad), body + noise(len(body)), noise(pad)]).astype(np.float32)


@dataclass
class Engine:
    calls: list[tuple] = field(default_factory=list)

    def play_clip(self, samples) -> None:
        self.calls.append(("play", len(samples)))

    def hold_clip(self, held: bool) -> None:
        self.calls.append(("hold", held))

    def stop_clip(self) -> None:
        self.calls.append(("stop",))

    def take(self) -> list[tuple]:
        out, self.calls = self.calls, []
        return out


@dataclass
class Sound:
    """The two things the player asks of the sound controller."""

    engine: Engine = field(default_factory=Engine)
    available: bool = True


@pytest.fixture
def window(qtbot):
    return shown_window(qtbot, FakeClock(START), active=False)


@pytest.fixture
def voiced(tmp_path):
    folder = tmp_path / "voiced"
    (folder / "voice").mkdir(parents=True)
    write_wav(folder / "voice" / "one.wav", speech(1.0))
    write_wav(folder / "voice" / "three.wav", speech(2.0))
    path = folder / "voiced.toml"
    path.write_text(SCRIPT)
    return load_script(path)


def player_for(window, sound: Sound) -> vpl.VoicePlayer:
    return vpl.VoicePlayer(window.practice, sound, background=False, parent=window)


def later(window, screen, seconds: float) -> None:
    window.clock.advance(seconds)
    screen.tick()


def test_each_step_visit_plays_its_recording_once_and_a_quiet_step_stops_it(window, voiced):
    sound = Sound()
    player = player_for(window, sound)
    heard: list[str] = []
    window.practice.voice.connect(heard.append)
    screen = window.start_exercise(voiced)
    folder = Path(voiced.source).parent
    assert heard == [str(folder / "voice" / "one.wav")]
    # Read, trimmed by nothing (the file is played as kept) and handed to the engine whole.
    assert sound.engine.take() == [("stop",), ("play", len(speech(1.0)))]
    assert player.played == [str(folder / "voice" / "one.wav")]
    later(window, screen, 5.0)
    screen.tick()
    assert len(heard) == 1  # once per visit, not per tick
    later(window, screen, 5.0)  # the quiet step: "" stops what still plays
    assert heard[-1] == "" and sound.engine.calls[-1] == ("stop",)
    screen.back()  # a new visit of step 1 plays it again
    assert player.played[-1].endswith("one.wav") and len(player.played) == 2
    assert heard.count(str(folder / "voice" / "one.wav")) == 2


def test_a_pause_holds_the_recording_and_carrying_on_resumes_it(window, voiced):
    sound = Sound()
    player_for(window, sound)
    screen = window.start_exercise(voiced)
    sound.engine.take()
    screen.toggle_pause()
    screen.toggle_pause()
    assert sound.engine.take() == [("hold", True), ("hold", False)]
    screen.request_stop()  # "stop here?" pauses too
    assert sound.engine.take() == [("hold", True)]
    screen.confirm_stop()
    assert sound.engine.take() == [("stop",)]


def test_a_recording_read_after_the_step_has_changed_is_not_played(qtbot):
    sound = Sound()
    player = vpl.VoicePlayer(None, sound, loader=lambda p: np.zeros(10, np.float32))
    # The helper's answer arrives through the event loop, after the person moved on.
    with qtbot.waitSignal(player._loaded, timeout=2000):
        player.voice("/somewhere/one.wav")  # read on a helper thread
        player.voice("")  # the person moved on before the file was read
    assert player.played == []
    player.voice("/somewhere/two.wav")
    qtbot.waitUntil(lambda: player.played == ["/somewhere/two.wav"], timeout=2000)


def test_while_paused_a_new_recording_waits_for_carrying_on(window):
    sound = Sound()
    player = vpl.VoicePlayer(
        window.practice, sound, loader=lambda p: np.ones(5, np.float32), background=False
    )
    player.pause()
    player.voice("/x/one.wav")
    assert player.played == []
    player.resume()
    assert sound.engine.calls[-1] == ("play", 5) and len(player.played) == 1


def test_a_missing_recording_leaves_the_text_to_carry_on(window, voiced):
    (Path(voiced.source).parent / "voice" / "one.wav").unlink()
    sound = Sound()
    player = player_for(window, sound)
    screen = window.start_exercise(voiced)
    assert player.played == [] and "missing" in player.problems[0]
    assert screen.step_text.text() == "Welcome."


def test_without_sound_nothing_is_asked_of_the_engine(window, voiced):
    sound = Sound(available=False)
    player = player_for(window, sound)
    window.start_exercise(voiced)
    assert sound.engine.calls == [] and player.played == []
    assert player.listen(np.zeros(4, np.float32)) is False


def test_the_app_plays_voices_through_its_own_sound_controller(window):
    assert isinstance(window.voice, vpl.VoicePlayer)
    assert window.voice._controller is window.sound


# -- the panel ---------------------------------------------------------------------------------


class HandOver:
    """Stands in for the microphone: while "recording" its length follows the fake clock, and
    stopping hands over the given samples as the take."""

    def __init__(self, clock: FakeClock, samples: np.ndarray, *, problem: str | None = None):
        self.clock = clock
        self.samples = samples
        self.unavailable_reason: str | None = None
        self._problem = problem
        self._began: float | None = None
        self.starts = 0

    @property
    def recording(self) -> bool:
        return self._began is not None

    @property
    def seconds(self) -> float:
        return 0.0 if self._began is None else self.clock.now() - self._began

    def start(self, device=None) -> bool:
        self.starts += 1
        self._began = self.clock.now()
        return True

    def level(self) -> Level:
        if self._began is None:
            return SILENT_LEVEL
        return Level(-12.0, -18.0, clipping=False)

    def problem(self) -> str | None:
        return self._problem if self.recording else None

    def stop(self) -> Take | None:
        if self._began is None:
            return None
        self._began = None
        return Take(self.samples, RATE, truncated=False, overflows=0)

    def close(self) -> None:
        self.stop()


@pytest.fixture
def clock():
    return FakeClock(START)


def panel_with(qtbot, clock, samples, sound=None, **kw):
    made: list[HandOver] = []

    def factory(c):
        made.append(HandOver(c, samples, **kw))
        return made[-1]

    player = vpl.VoicePlayer(None, sound or Sound(), background=False)
    panel = vp.VoicePanel(DARK, player=player, clock=clock, recorder_factory=factory)
    qtbot.addWidget(panel)
    panel.resize(600, 200)
    panel.show()
    return panel, made, player


def test_a_take_is_metered_then_trimmed_levelled_and_handed_to_the_editor(qtbot, clock):
    sound = Sound()
    panel, _made, _player = panel_with(qtbot, clock, speech(1.2), sound)
    panel.show_step(None, None)
    assert panel.status.text() == vp.NONE_TEXT and panel.record_button.isVisible()
    got: list = []
    panel.recorded.connect(got.append)
    assert panel.record()
    assert panel.stop_button.isVisible() and panel.meter.isVisible()
    clock.advance(3.0)
    panel.poll()
    assert panel.status.text().startswith("Recording… 0:03")
    assert panel.meter.fraction == pytest.approx(48 / 60)
    assert panel.stop()
    (prepared,) = got
    # Trimmed: the half seconds of room noise at either end are gone, but for the margins.
    assert prepared.seconds == pytest.approx(1.2 + 0.3, abs=0.02)
    assert panel.status.text().startswith("Recorded: 0:01")
    assert panel.listen_button.isVisible() and panel.again_button.isVisible()
    assert panel.listen()
    assert sound.engine.calls[-1] == ("play", len(prepared.samples))


def test_an_unusable_take_is_explained_and_the_step_keeps_what_it_had(qtbot, clock):
    panel, _made, _ = panel_with(qtbot, clock, np.zeros(RATE, np.float32))
    kept = speech(0.5)
    panel.show_step("voice/x-1.wav", kept)
    got: list = []
    panel.recorded.connect(got.append)
    panel.record()
    clock.advance(1.0)
    assert not panel.stop()
    assert got == []
    assert "silent" in panel.problem.text() and "keeps what it had" in panel.problem.text()
    assert panel.problem.isVisible()
    assert panel.listen_button.isEnabled()  # the earlier recording is still there


def test_a_clipped_take_asks_for_a_little_distance(qtbot, clock):
    loud = np.clip(speech(1.0, level=3.0), -1, 1).astype(np.float32)
    panel, _, _ = panel_with(qtbot, clock, loud)
    panel.show_step(None, None)
    panel.record()
    assert not panel.stop()
    assert "too loud" in panel.problem.text()


def test_a_lost_microphone_stops_the_take_and_says_so(qtbot, clock):
    panel, _, _ = panel_with(qtbot, clock, speech(1.0), problem="Recording stopped: gone.")
    panel.show_step(None, None)
    got: list = []
    panel.recorded.connect(got.append)
    panel.record()
    panel.poll()
    assert not panel.recording
    assert panel.problem.text().startswith("Recording stopped: gone.")
    assert len(got) == 1  # what was recorded so far is kept


def test_without_a_microphone_the_reason_is_shown_and_nothing_changes(qtbot, clock):
    # The real recorder: this test machine has no input device outside the audio tests.
    panel = vp.VoicePanel(DARK, clock=clock)
    qtbot.addWidget(panel)
    panel.show()
    panel.show_step(None, None)
    got: list = []
    panel.recorded.connect(got.append)
    assert panel.record() is False
    assert "microphone" in panel.problem.text().lower() or "PortAudio" in panel.problem.text()
    assert not panel.recording and got == [] and panel.record_button.isVisible()
    panel.close_recorder()


def test_listening_without_sound_says_how_to_switch_it_on(qtbot, clock):
    panel, _, _ = panel_with(qtbot, clock, speech(1.0), sound=Sound(available=False))
    panel.show_step("voice/x-1.wav", speech(0.5))
    assert not panel.listen()
    assert panel.problem.text() == vp.NO_SOUND_TEXT


def test_removing_a_recording_and_recording_again(qtbot, clock):
    panel, made, _ = panel_with(qtbot, clock, speech(1.0))
    panel.show_step("voice/x-1.wav", None)
    assert "voice/x-1.wav" in panel.status.text()
    assert not panel.listen_button.isEnabled()  # named but not readable
    removed: list = []
    panel.removed.connect(lambda: removed.append(True))
    panel.remove()
    assert removed == [True] and panel.status.text() == vp.NONE_TEXT
    panel.show_step("voice/x-1.wav", speech(0.5))
    panel.again_button.click()
    assert panel.recording and made[-1].starts == 1
    panel.show_step(None, None)  # choosing another step drops the take in progress
    assert not panel.recording
