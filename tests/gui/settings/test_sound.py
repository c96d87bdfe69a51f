"""The sound controller: practice hub events become engine calls, settings reach the engine, and
a lost output is said once, calmly. The engine here records what it is asked; the real engine
on a real sound server is exercised in tests/integration/test_app_audio.py."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from PySide6.QtWidgets import QVBoxLayout, QWidget

from kapcompanion.domain.clock import FakeClock
from kapcompanion.domain.pacing import PRESETS, PacerTimeline
from kapcompanion.domain.practice import Kind
from kapcompanion.domain.practice import Status as PracticeStatus
from kapcompanion.services.events import PracticeEnd, PracticeEvents, PracticeStart
from kapcompanion.services.settings import SettingsStore
from kapcompanion.ui.shell.sound_output import (
    OPENING_TEXT,
    OUTPUT,
    SOUND_OFF_TEXT,
    SOUND_ON,
    VOLUME,
    SoundController,
    SoundNotice,
    notice_text,
    volume_gain,
)
from kapcompanion.ui.shell.sound_settings import RETRY_S, lost_notice_text, lost_text

LOST = "Sound stopped: the output went away. Your practice carries on in silence."


@dataclass
class Status:
    kind: str
    text: str
    at: float = 0.0


@dataclass
class Device:
    name: str


@dataclass
class RecordingEngine:
    """Stands in for AudioEngine: records every call; ``opens`` says what open() returns."""

    opens: bool = True
    reason_when_closed: str = "Sound is off: no audio output was found."
    calls: list[tuple] = field(default_factory=list)
    statuses: list[Status] = field(default_factory=list)
    unavailable_reason: str | None = "Sound has not been started yet."
    device: Device | None = None
    open_threads: list[str] = field(default_factory=list)
    _available: bool = False

    @property
    def available(self) -> bool:
        return self._available

    def open(self, device=None) -> bool:
        self.calls.append(("open", device))
        self.open_threads.append(threading.current_thread().name)
        self._available = self.opens
        self.unavailable_reason = None if self.opens else self.reason_when_closed
        self.device = Device(device or "pulse") if self.opens else None
        return self.opens

    def close(self, timeout: float = 2.0) -> None:
        self.calls.append(("close",))
        self._available = False

    def start_practice(self, timeline, origin) -> None:
        self.calls.append(("start_practice", timeline, origin))

    def pause(self) -> None:
        self.calls.append(("pause",))

    def resume(self, origin) -> None:
        self.calls.append(("resume", origin))

    def stop(self) -> None:
        self.calls.append(("stop",))

    def set_volume(self, value) -> None:
        self.calls.append(("set_volume", value))

    def set_cues(self, **cues) -> None:
        self.calls.append(("set_cues", cues))

    def chime(self, name="step_chime") -> None:
        self.calls.append(("chime", name))

    def poll_status(self):
        out, self.statuses = self.statuses, []
        return out

    def lose_output(self) -> None:
        self._available = False
        self.unavailable_reason = LOST
        self.statuses.append(Status("device-lost", LOST))

    def names(self) -> list[str]:
        return [c[0] for c in self.calls]

    def take(self) -> list[tuple]:
        out, self.calls = self.calls, []
        return out


class Factory:
    """Makes one RecordingEngine and counts how often an engine was asked for."""

    def __init__(self, engine: RecordingEngine | None = None) -> None:
        self.engine = engine or RecordingEngine()
        self.made = 0

    def __call__(self, clock):
        self.made += 1
        return self.engine


def make_controller(
    tmp_path: Path,
    *,
    on: bool = True,
    engine: RecordingEngine | None = None,
    devices=(),
    background: bool = False,
) -> tuple[SoundController, PracticeEvents, Factory]:
    store = SettingsStore(tmp_path / "settings.ini")
    if on:
        store.set(SOUND_ON, True)
    hub = PracticeEvents()
    factory = Factory(engine)
    controller = SoundController(
        hub,
        store,
        clock=FakeClock(100.0),
        engine_factory=factory,
        devices=lambda: list(devices),
        background=background,
    )
    return controller, hub, factory


@pytest.fixture
def timeline() -> PacerTimeline:
    return PacerTimeline(PRESETS["resonance"], 60.0)


def begin(hub: PracticeEvents) -> None:
    hub.start(PracticeStart(Kind.BREATHING, "resonance", "Resonance", 60.0))


# -- starting ----------------------------------------------------------------------------------


def test_sound_is_off_by_default_and_nothing_is_opened(qapp, tmp_path, timeline) -> None:
    controller, hub, factory = make_controller(tmp_path, on=False)
    assert controller.enabled is False
    controller.start()
    begin(hub)
    hub.show_pacer(timeline, 100.0)
    hub.cue.emit("step-chime")
    assert factory.made == 0  # PortAudio is never loaded while sound is off
    assert controller.status_text == SOUND_OFF_TEXT
    assert not controller.available


def test_switched_on_sound_opens_with_the_saved_level_and_cues(qapp, tmp_path) -> None:
    controller, _hub, factory = make_controller(tmp_path)
    controller.store.set(VOLUME, 50)
    controller.start()
    engine = factory.engine
    assert engine.calls[0] == ("open", None)  # the system default
    assert ("set_volume", volume_gain(50)) in engine.calls
    assert (
        "set_cues",
        {"breath_tone": False, "phase_cues": True, "bells": True, "breath_like": True},
    ) in engine.calls
    assert controller.available
    assert "system's default output" in controller.status_text


def test_the_sound_thread_does_the_opening(qtbot, tmp_path) -> None:
    controller, _hub, factory = make_controller(tmp_path, background=True)
    controller.start()
    assert controller.opening and controller.status_text == OPENING_TEXT
    qtbot.waitUntil(lambda: not controller.busy, timeout=5000)
    assert controller.available
    assert factory.engine.open_threads == ["sound"]
    assert threading.current_thread().name != "sound"
    controller.shutdown()
    assert ("close",) in factory.engine.calls


# -- the practice hub --------------------------------------------------------------------------


def test_hub_events_become_engine_calls(qapp, tmp_path, timeline) -> None:
    controller, hub, factory = make_controller(tmp_path)
    controller.start()
    engine = factory.engine
    engine.take()

    begin(hub)
    hub.show_pacer(timeline, 100.0)
    assert engine.take() == [("start_practice", timeline, 100.0)]
    hub.show_pacer(timeline, 100.0)  # the same pacer again changes nothing
    assert engine.take() == []

    hub.paused.emit()
    assert engine.take() == [("pause",)]
    hub.show_pacer(timeline, 100.0)  # while paused nothing sounds
    assert engine.take() == []
    hub.resumed.emit()
    assert engine.take() == []  # waits for the pacer's new origin
    hub.show_pacer(timeline, 112.5)
    assert engine.take() == [("resume", 112.5)]

    hub.cue.emit("soft-bell")
    assert engine.take() == [("chime", "soft-bell")]

    hub.show_pacer(None)
    assert engine.take() == [("stop",)]
    other = PacerTimeline(PRESETS["longer-exhale"], 30.0)
    hub.show_pacer(other, 130.0)
    assert engine.take() == [("start_practice", other, 130.0)]

    hub.end(
        PracticeEnd(PracticeStatus.COMPLETED, 60.0)
    )  # the hub switches the pacer off, then ends
    assert engine.take() == [("stop",)]


def test_a_new_timeline_after_a_resume_starts_rather_than_resumes(qapp, tmp_path, timeline):
    controller, hub, factory = make_controller(tmp_path)
    controller.start()
    engine = factory.engine
    begin(hub)
    hub.show_pacer(timeline, 100.0)
    hub.paused.emit()
    hub.resumed.emit()
    other = PacerTimeline(PRESETS["longer-exhale"], 30.0)
    engine.take()
    hub.show_pacer(other, 150.0)
    assert engine.take() == [("start_practice", other, 150.0)]


def test_a_practice_that_reaches_its_end_lets_the_closing_bell_ring(qtbot, tmp_path, timeline):
    controller, hub, factory = make_controller(tmp_path)
    controller._ring_out_ms = 40
    controller.start()
    engine = factory.engine
    begin(hub)
    hub.show_pacer(timeline, 100.0)
    engine.take()
    controller.clock.set(100.0 + timeline.end_time + 0.02)  # the screen saw the end
    hub.end(PracticeEnd(PracticeStatus.COMPLETED, 60.0))
    assert engine.take() == []  # not cut off...
    qtbot.waitUntil(lambda: ("stop",) in engine.calls, timeout=2000)
    assert engine.take() == [("stop",)]  # ...but stopped once the bell has rung out

    # A new practice within the ring-out is not stopped by the old one's timer.
    hub.show_pacer(timeline, 200.0)
    controller.clock.set(200.0 + timeline.end_time)
    hub.show_pacer(None)
    other = PacerTimeline(PRESETS["longer-exhale"], 30.0)
    hub.show_pacer(other, 300.0)
    qtbot.wait(120)  # time itself: the old ring-out (40 ms) must have come and gone, unheard
    assert engine.names() == ["start_practice", "start_practice"]


def test_step_chimes_can_be_switched_off(qapp, tmp_path) -> None:
    controller, hub, factory = make_controller(tmp_path)
    controller.start()
    controller.set_cue("step_chimes", False)
    factory.engine.take()
    hub.cue.emit("bell")
    assert factory.engine.take() == []
    controller.set_cue("bells", False)
    assert factory.engine.take() == [("set_cues", {"bells": False})]


def test_switching_sound_on_mid_practice_joins_the_pacer(qapp, tmp_path, timeline) -> None:
    controller, hub, factory = make_controller(tmp_path, on=False)
    controller.start()
    begin(hub)
    hub.show_pacer(timeline, 100.0)
    controller.set_enabled(True)
    engine = factory.engine
    assert engine.names()[0] == "open"
    assert engine.calls[-1] == ("start_practice", timeline, 100.0)
    assert controller.store.get(SOUND_ON) is True

    engine.take()
    controller.set_enabled(False)
    assert engine.take() == [("stop",), ("close",)]
    assert controller.status_text == SOUND_OFF_TEXT
    hub.cue.emit("step-chime")
    assert engine.take() == []


def test_volume_changes_reach_the_engine_and_are_kept(qapp, tmp_path) -> None:
    controller, _hub, factory = make_controller(tmp_path)
    controller.start()
    factory.engine.take()
    controller.set_volume(30)
    assert factory.engine.take() == [("set_volume", volume_gain(30))]
    assert SettingsStore(tmp_path / "settings.ini").get(VOLUME) == 30
    assert volume_gain(0) == 0.0 and volume_gain(100) == 1.0
    assert volume_gain(50) == pytest.approx(0.25)


# -- when sound goes away ----------------------------------------------------------------------


def test_a_lost_output_is_told_once_and_the_practice_is_left_alone(
    qapp, tmp_path, timeline, caplog
):
    controller, hub, factory = make_controller(tmp_path)
    notices: list[str] = []
    controller.notice.connect(notices.append)
    controller.start()
    begin(hub)
    hub.show_pacer(timeline, 100.0)
    engine = factory.engine
    engine.lose_output()
    controller.poll()
    assert notices == [lost_notice_text(LOST)]
    assert notices[0].startswith("Sound stopped: the output went away.")
    assert "carries on in silence" in notices[0] and "comes back by itself" in notices[0]
    assert controller.status_text == lost_text(LOST)
    assert not controller.available
    said = [r.getMessage() for r in caplog.records if "Sound stopped" in r.getMessage()]
    assert said and all(m.count("Sound stopped") == 1 for m in said), said
    engine.take()
    controller.poll()
    hub.paused.emit()
    hub.resumed.emit()
    hub.show_pacer(timeline, 120.0)
    hub.cue.emit("step-chime")
    assert engine.take() == []  # nothing more is sent to a dead output
    assert len(notices) == 1

    # Trying again when the output is back: sound rejoins the practice where it is.
    controller.retry()
    assert engine.names() == ["close", "open", "set_volume", "set_cues", "start_practice"]
    assert engine.calls[-1] == ("start_practice", timeline, 120.0)
    assert controller.available


def test_a_lost_output_is_tried_again_on_the_clock_until_it_is_back(qapp, tmp_path, timeline):
    controller, hub, factory = make_controller(tmp_path)
    clock = controller.clock
    assert isinstance(clock, FakeClock)
    notices: list[str] = []
    controller.notice.connect(notices.append)
    back: list[bool] = []
    controller.recovered.connect(lambda: back.append(True))
    controller.start()
    begin(hub)
    hub.show_pacer(timeline, 100.0)
    engine = factory.engine
    engine.lose_output()
    controller.poll()
    engine.opens = False  # the server is still away
    engine.take()
    controller._maybe_retry()  # the timer's tick before the time is due: nothing
    assert engine.take() == []
    clock.advance(RETRY_S)
    controller._maybe_retry()
    assert engine.names() == ["close", "open"]  # tried, quietly
    assert controller.status_text == lost_text(LOST) and not controller.available
    engine.take()
    clock.advance(RETRY_S / 2)
    controller._maybe_retry()
    assert engine.take() == []  # not before its time
    engine.opens = True  # the server is back
    clock.advance(RETRY_S / 2)
    controller._maybe_retry()
    assert controller.available and back == [True]
    assert engine.calls[-1] == ("start_practice", timeline, 100.0)  # rejoins the practice
    assert controller.status_text.startswith("Sound is on")
    assert len(notices) == 1
    engine.take()
    clock.advance(10 * RETRY_S)
    controller._maybe_retry()
    assert engine.take() == []  # back: no more tries


def test_no_output_at_start_is_told_once_with_the_reason(qapp, tmp_path) -> None:
    engine = RecordingEngine(opens=False)
    controller, _hub, _factory = make_controller(tmp_path, engine=engine)
    notices: list[str] = []
    controller.notice.connect(notices.append)
    controller.start()
    assert notices == [notice_text(engine.reason_when_closed)]
    assert controller.status_text == engine.reason_when_closed
    controller.retry()  # from settings: the status line says it, no second notice
    assert len(notices) == 1


def test_an_engine_that_fails_to_load_is_a_calm_status(qapp, tmp_path) -> None:
    def broken(_clock):
        raise OSError("PortAudio library not found")

    store = SettingsStore(tmp_path / "settings.ini")
    store.set(SOUND_ON, True)
    controller = SoundController(PracticeEvents(), store, engine_factory=broken, background=False)
    notices: list[str] = []
    controller.notice.connect(notices.append)
    controller.start()
    assert not controller.available
    assert "PortAudio library not found" in controller.status_text
    assert controller.status_text.startswith("Sound is off")
    assert len(notices) == 1


def test_choosing_an_output_moves_sound_there(qapp, tmp_path, timeline) -> None:
    controller, hub, factory = make_controller(tmp_path)
    controller.start()
    engine = factory.engine
    begin(hub)
    hub.show_pacer(timeline, 100.0)
    engine.take()
    controller.set_output("USB headphones")
    names = engine.names()
    assert names[:2] == ["close", "open"]
    assert engine.calls[1] == ("open", "USB headphones")
    assert engine.calls[-1] == ("start_practice", timeline, 100.0)
    assert "USB headphones" in controller.status_text
    assert SettingsStore(tmp_path / "settings.ini").get(OUTPUT) == "USB headphones"


def test_outputs_are_listed_on_the_sound_thread(qtbot, tmp_path) -> None:
    controller, _hub, _factory = make_controller(
        tmp_path, devices=[Device("pulse"), Device("default")], background=True
    )
    with qtbot.waitSignal(controller.outputs_found, timeout=5000) as blocker:
        controller.find_outputs()
    assert [d.name for d in blocker.args[0]] == ["pulse", "default"]
    controller.shutdown()


# -- the notice --------------------------------------------------------------------------------


def test_the_notice_is_quiet_takes_no_focus_and_goes_by_itself(qtbot, tmp_path) -> None:
    window = QWidget()
    window.resize(1000, 700)
    qtbot.addWidget(window)
    controller, _hub, _factory = make_controller(tmp_path)
    notice = SoundNotice(window, controller, lasts_ms=60_000)
    column = QVBoxLayout(window)
    column.addStretch(1)
    column.addWidget(notice)  # as the main window lays it out, under its screens
    with qtbot.waitExposed(window):
        window.show()
    focused = window.focusWidget()
    controller.notice.emit(LOST)
    assert notice.isVisible()
    assert notice.text == LOST
    assert window.focusWidget() is focused  # nothing was taken from the person
    assert not notice.ok_button.hasFocus()
    assert notice._timer.isActive() and notice._timer.interval() == 60_000
    notice._timer.timeout.emit()  # the time is up
    assert not notice.isVisible()
    controller.notice.emit(LOST)
    notice.ok_button.click()
    assert not notice.isVisible()


# -- a practice begins when sound is ready -----------------------------------------------------


@dataclass
class SlowEngine(RecordingEngine):
    """Opens only once ``go`` is set (a sound server taking its time); knows its lead."""

    go: threading.Event = field(default_factory=threading.Event)
    start_lead: float = 0.08

    def open(self, device=None) -> bool:
        self.go.wait(5.0)
        return super().open(device)


def test_a_practice_waits_for_sound_to_open_and_begins_a_lead_ahead(qtbot, tmp_path) -> None:
    engine = SlowEngine()
    controller, _hub, _factory = make_controller(tmp_path, engine=engine, background=True)
    begun: list[float] = []
    controller.when_ready(begun.append)  # starts opening sound, which takes its time
    qtbot.wait(100)
    assert begun == [] and controller.opening
    engine.go.set()
    qtbot.waitUntil(lambda: bool(begun))
    assert controller.available
    assert begun[0] == pytest.approx(controller.clock.now() + 0.08)
    controller.when_ready(begun.append)  # sound open: at once, the same lead ahead
    assert len(begun) == 2
    controller.shutdown()


def test_a_practice_waits_no_longer_than_its_limit_for_a_stuck_output(qtbot, tmp_path) -> None:
    engine = SlowEngine()
    store = SettingsStore(tmp_path / "settings.ini")
    store.set(SOUND_ON, True)
    controller = SoundController(
        PracticeEvents(),
        store,
        clock=FakeClock(100.0),
        engine_factory=Factory(engine),
        ready_wait_ms=200,
    )
    begun: list[float] = []
    controller.when_ready(begun.append)
    qtbot.waitUntil(lambda: bool(begun), timeout=2_000)
    assert begun == [100.0]  # now, in silence: no lead without sound
    engine.go.set()
    qtbot.waitUntil(lambda: not controller.busy)
    controller.shutdown()


def test_sound_off_begins_a_practice_at_once(qapp, tmp_path) -> None:
    controller, _hub, factory = make_controller(tmp_path, on=False)
    begun: list[float] = []
    controller.when_ready(begun.append)
    assert begun == [100.0] and factory.made == 0
