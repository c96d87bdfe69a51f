"""The breathing screen driven by a fake clock: no sleeps, the tick slot is called directly."""

from __future__ import annotations

import math
from typing import Any

import pytest
from PySide6.QtCore import Qt

from kapcompanion.domain.breathing_config import BreathingConfig
from kapcompanion.domain.clock import FakeClock
from kapcompanion.domain.pacing import PRESETS, PacerTimeline
from kapcompanion.domain.run_state import Outcome
from kapcompanion.services.events import PracticeEvents
from kapcompanion.ui.breathing import disc
from kapcompanion.ui.breathing import screen as breathing
from kapcompanion.ui.breathing.screen import BreathingScreen
from kapcompanion.ui.shell.theme import DARK

RESONANCE = PRESETS["resonance"]  # 5.5 breaths a minute: 60/5.5/2 s in, the same out


def make_screen(
    qtbot, clock: FakeClock, *, numbers: bool = True, **options: Any
) -> BreathingScreen:
    """A started screen; ``numbers`` as if the person asked for them (most tests here read
    the seconds; the words-and-numbers tests below start without)."""
    defaults: dict[str, Any] = {"pattern": RESONANCE, "minutes": 1, "glide": False}
    defaults.update(options)
    screen = BreathingScreen(BreathingConfig(**defaults), clock)
    screen.show_numbers(numbers)
    qtbot.addWidget(screen)
    screen.resize(1280, 800)
    screen.show()
    qtbot.waitExposed(screen)
    screen.start()
    return screen


def at(screen: BreathingScreen, clock: FakeClock, t: float) -> None:
    """Move the fake clock to ``t`` seconds after the start and let the screen look."""
    clock.set(t)
    screen.tick()


def test_phase_word_and_seconds_follow_the_clock(qtbot):
    clock = FakeClock()
    screen = make_screen(qtbot, clock)
    inhale = 60 / 5.5 / 2  # 5.4545... s
    assert screen.phase_label.text() == "breathing in"
    assert screen.count_label.text() == "6"  # 5.45 s rounded up
    at(screen, clock, 2.0)
    assert screen.phase_label.text() == "breathing in"
    assert screen.count_label.text() == str(math.ceil(inhale - 2.0))  # 4
    at(screen, clock, 6.0)
    assert screen.phase_label.text() == "breathing out"
    assert screen.count_label.text() == str(math.ceil(2 * inhale - 6.0))  # 5
    at(screen, clock, 2 * inhale + 0.5)
    assert screen.phase_label.text() == "breathing in"  # the next breath


def test_the_beginning_shows_before_the_practice_starts(qtbot):
    clock = FakeClock()
    screen = BreathingScreen(BreathingConfig(pattern=RESONANCE, minutes=1, glide=False), clock)
    screen.show_numbers(True)
    qtbot.addWidget(screen)
    screen.resize(1280, 800)
    screen.show()
    clock.set(30.0)  # time passing before the start is not practice
    screen.show_beginning()
    shown = (screen.phase_label.text(), screen.count_label.text(), screen.time_left_label.text())
    assert shown == ("breathing in", "6", "1:06 left")
    assert not screen.running and screen.elapsed == 0.0
    assert screen.disc.radius == pytest.approx(screen.disc.radius_range[0])
    screen.start()  # the same picture, now moving
    assert (screen.phase_label.text(), screen.count_label.text()) == shown[:2]
    assert screen.running


def test_session_time_left_counts_down_to_the_end_of_a_whole_breath(qtbot):
    clock = FakeClock()
    screen = make_screen(qtbot, clock)
    end = PacerTimeline(RESONANCE, 60.0).end_time  # 6 whole breaths: 65.45 s
    assert end == pytest.approx(6 * 60 / 5.5)
    assert screen.time_left_label.text() == "1:06 left"
    at(screen, clock, 6.0)
    assert screen.time_left_label.text() == "1:00 left"
    at(screen, clock, end - 0.5)
    assert screen.time_left_label.text() == "0:01 left"


def test_the_disc_grows_on_the_breath_in_and_shrinks_on_the_breath_out(qtbot):
    clock = FakeClock()
    screen = make_screen(qtbot, clock)
    r_min, r_max = screen.disc.radius_range
    assert r_max > 2 * r_min > 0
    assert screen.disc.radius == pytest.approx(r_min)
    inhale = 60 / 5.5 / 2
    sizes = []
    for i in range(1, 11):
        at(screen, clock, inhale * i / 10)
        sizes.append(screen.disc.radius)
    assert sizes == sorted(sizes)
    assert sizes[-1] == pytest.approx(r_max)
    shrinking = []
    for i in range(1, 11):
        at(screen, clock, inhale + inhale * i / 10)
        shrinking.append(screen.disc.radius)
    assert shrinking == sorted(shrinking, reverse=True)
    assert shrinking[-1] == pytest.approx(r_min)


def test_ticks_without_time_change_nothing(qtbot):
    clock = FakeClock()
    screen = make_screen(qtbot, clock)
    at(screen, clock, 3.0)
    before = (screen.state, screen.disc.radius)
    for _ in range(100):
        screen.tick()
    assert (screen.state, screen.disc.radius) == before


def test_the_timer_reads_the_clock_at_about_sixty_frames_a_second(qtbot):
    clock = FakeClock()
    screen = make_screen(qtbot, clock)
    timer = screen._timer
    assert timer.timerType() == Qt.TimerType.PreciseTimer
    assert timer.interval() == breathing.FRAME_MS
    assert screen.running


def test_space_pauses_and_time_stands_still_until_resumed(qtbot):
    clock = FakeClock()
    screen = make_screen(qtbot, clock)
    at(screen, clock, 2.0)
    screen.toggle_pause()
    assert screen.paused
    assert not screen.running  # no frames while paused
    assert screen.phase_label.text() == breathing.PAUSED_TEXT
    assert screen.pause_button.text() == "Carry on"
    clock.advance(30.0)
    screen.tick()
    assert screen.elapsed == pytest.approx(2.0)
    screen.toggle_pause()
    assert not screen.paused
    assert screen.running
    assert screen.elapsed == pytest.approx(2.0)
    assert screen.phase_label.text() == "breathing in"
    clock.advance(1.0)
    screen.tick()
    assert screen.elapsed == pytest.approx(3.0)


def test_the_practice_ends_gently(qtbot):
    clock = FakeClock()
    screen = make_screen(qtbot, clock)
    outcomes = []
    screen.ended.connect(lambda outcome, seconds: outcomes.append((outcome, seconds)))
    end = PacerTimeline(RESONANCE, 60.0).end_time
    at(screen, clock, end + 0.01)
    assert screen.finished
    assert not screen.running
    assert screen.phase_label.text() == breathing.ENDING_TEXT
    assert screen.time_left_label.text() == breathing.ENDING_INVITE
    assert screen.disc.radius == pytest.approx(screen.disc.radius_range[0])  # rests small
    assert screen.pause_button.isHidden()
    assert screen.stop_button.text() == "Back home"
    assert outcomes == [("completed", pytest.approx(end + 0.01))]
    # Staying is fine: time passing changes nothing, and Space does nothing.
    clock.advance(600.0)
    screen.toggle_pause()
    assert not screen.paused
    assert screen.phase_label.text() == breathing.ENDING_TEXT
    with qtbot.waitSignal(screen.closed):
        qtbot.mouseClick(screen.stop_button, Qt.MouseButton.LeftButton)
    assert outcomes == [("completed", pytest.approx(end + 0.01))]


def test_stopping_early_reports_it(qtbot):
    clock = FakeClock()
    screen = make_screen(qtbot, clock)
    outcomes = []
    screen.ended.connect(lambda outcome, seconds: outcomes.append((outcome, seconds)))
    at(screen, clock, 12.5)
    with qtbot.waitSignal(screen.closed):
        screen.stop()
    assert outcomes == [("stopped", pytest.approx(12.5))]
    assert not screen.running


def test_reduced_motion_keeps_the_size_and_fills_instead(qtbot):
    clock = FakeClock()
    screen = make_screen(qtbot, clock, reduced_motion=True)
    disc = screen.disc
    size = disc.radius
    fills = []
    inhale = 60 / 5.5 / 2
    for i in range(0, 21):
        at(screen, clock, 2 * inhale * i / 20)
        assert disc.radius == size
        fills.append(disc.fill_line)
    # The fill rises (smaller y) on the breath in and falls on the breath out.
    assert fills[10] < fills[0] - size
    assert fills[0] == pytest.approx(fills[20], abs=0.5)
    assert fills[:11] == sorted(fills[:11], reverse=True)


def test_holds_are_named_holds_still_the_shape_and_wake_only_for_the_numbers(qtbot):
    clock = FakeClock()
    screen = make_screen(qtbot, clock, pattern=PRESETS["box"], allow_holds=True)
    at(screen, clock, 5.3)  # 1.3 s into the 4 s hold after the breath in
    assert screen.phase_label.text() == "holding"
    assert screen.count_label.text() == "3"
    radius = screen.disc.radius
    assert radius == pytest.approx(screen.disc.radius_range[1])
    assert screen._timer.interval() > breathing.FRAME_MS  # no frames needed
    assert not screen.disc.set_level(1.0)  # and none asked for
    at(screen, clock, 9.0)
    assert screen.phase_label.text() == "breathing out"
    assert screen._timer.interval() == breathing.FRAME_MS


def test_small_movements_wait_until_they_add_up(qtbot):
    clock = FakeClock()
    screen = make_screen(qtbot, clock)
    disc = screen.disc
    r_min, r_max = disc.radius_range
    step = 0.1 / (r_max - r_min)  # a tenth of a pixel
    assert disc.set_level(0.5)
    assert not disc.set_level(0.5 + step)
    assert not disc.set_level(0.5 + 2 * step)
    assert disc.set_level(0.5 + 3 * step)  # 0.3 px from what was last drawn


def test_a_steadily_moving_shape_is_drawn_on_every_tick(qtbot):
    clock = FakeClock()
    screen = make_screen(qtbot, clock)
    disc = screen.disc
    qtbot.waitUntil(lambda: disc.frames > 0)  # the window's first paint
    r_min, r_max = disc.radius_range
    step = 0.2 / (r_max - r_min)  # 0.2 px a tick: slow, but clearly moving
    drawn = [disc.set_level(0.4 + i * step) for i in range(1, 30)]
    assert all(drawn[1:])  # no stutter between drawn and skipped frames
    painted = disc.frames
    disc.set_level(0.4 + 40 * step)
    assert disc.frames == painted + 1  # painted at once, inside the tick


def test_labels_are_set_only_when_their_text_changes(qtbot):
    clock = FakeClock()
    screen = make_screen(qtbot, clock)
    changes = []
    original = screen.count_label.setText

    def counting(text):
        changes.append(text)
        original(text)

    screen.count_label.setText = counting
    for i in range(1, 121):  # two seconds, frame by frame: 5.45 s left -> 3.45 s left
        at(screen, clock, i / 60)
    assert changes == ["5", "4"]


def test_painting_draws_the_disc_in_its_colour(qtbot):
    clock = FakeClock()
    screen = make_screen(qtbot, clock)
    at(screen, clock, 60 / 5.5 / 2)  # full
    image = screen.disc.grab().toImage()
    centre = screen.disc.center
    colour = image.pixelColor(round(centre.x()), round(centre.y()))
    assert colour.name() == DARK.accent
    corner = image.pixelColor(2, 2)
    assert corner.name() == DARK.background


def test_an_unknown_repaint_strategy_is_refused(qtbot):
    with pytest.raises(ValueError, match="unknown repaint strategy 'sparkles'"):
        disc.BreathDisc(repaint="sparkles")


def test_the_frame_log_is_written_only_when_asked(qtbot, tmp_path, monkeypatch):
    clock = FakeClock()
    quiet = make_screen(qtbot, clock)
    assert quiet.disc._frame_log is None  # unset: nothing is kept
    log = tmp_path / "frames.txt"
    monkeypatch.setenv(disc.FRAME_LOG_ENV, str(log))
    screen = make_screen(qtbot, clock)
    qtbot.waitUntil(lambda: screen.disc.frames > 0)
    for _ in range(19):
        at(screen, clock, clock.now() + 0.05)
    screen.stop()
    header, *lines = log.read_text().splitlines()
    assert header.startswith("# r_min=") and "repaint=square" in header
    assert len(lines) == screen.disc.frames
    times = [float(line.split()[0]) for line in lines]
    assert times == sorted(times)


# -- "stop here?" (presentation mode asks it over the practice) ----------------------------------


def heard(hub: PracticeEvents) -> list[tuple[str, object]]:
    seen: list[tuple[str, object]] = []
    hub.paused.connect(lambda: seen.append(("paused", None)))
    hub.resumed.connect(lambda: seen.append(("resumed", None)))
    hub.pacer.connect(lambda info: seen.append(("pacer", info)))
    hub.ended.connect(lambda info: seen.append(("ended", info)))
    return seen


def test_stop_here_rests_the_breath_and_keep_going_carries_on_exactly(qtbot):
    clock = FakeClock(100.0)
    hub = PracticeEvents()
    screen = BreathingScreen(
        BreathingConfig(pattern=RESONANCE, minutes=1, glide=False), clock, events=hub
    )
    qtbot.addWidget(screen)
    screen.resize(1280, 800)
    screen.show()
    qtbot.waitExposed(screen)
    seen = heard(hub)
    screen.start()
    at(screen, clock, 102.0)
    level = screen.disc.level
    assert screen.stop_ask is None  # made only when first asked
    screen.ask_stop()
    ask = screen.stop_ask
    assert ask is not None and ask.isVisible() and ask.geometry() == screen.rect()
    assert screen.asking and screen.paused and not screen.running
    assert screen.phase_label.text() == breathing.PAUSED_TEXT
    assert screen.focusWidget() is ask.keep_button  # Enter keeps going
    clock.advance(60.0)  # however long the answer takes
    screen.tick()
    assert screen.elapsed == pytest.approx(2.0) and screen.disc.level == level
    qtbot.mouseClick(ask.keep_button, Qt.MouseButton.LeftButton)
    assert not ask.isVisible() and not screen.asking and not screen.paused and screen.running
    assert screen.phase_label.text() == "breathing in"
    clock.advance(1.0)
    screen.tick()
    assert screen.elapsed == pytest.approx(3.0)
    kinds = [kind for kind, _ in seen]
    assert kinds == ["pacer", "paused", "resumed", "pacer"]
    # The pacer is placed again where the practice time now began on the clock.
    assert seen[-1][1].origin == pytest.approx(clock.now() - 3.0)


def test_stop_here_after_a_pause_stays_paused_and_stop_here_ends_it(qtbot):
    clock = FakeClock()
    screen = make_screen(qtbot, clock)
    outcomes = []
    screen.ended.connect(lambda outcome, seconds: outcomes.append((outcome, seconds)))
    at(screen, clock, 4.0)
    screen.toggle_pause()
    screen.ask_stop()
    screen.toggle_pause()  # Space while asking means keep going
    assert screen.paused and not screen.asking and not screen.running
    assert screen.phase_label.text() == breathing.PAUSED_TEXT
    screen.ask_stop()
    clock.advance(30.0)
    with qtbot.waitSignal(screen.closed):
        qtbot.mouseClick(screen.stop_ask.stop_button, Qt.MouseButton.LeftButton)
    assert outcomes == [("stopped", pytest.approx(4.0))]
    assert screen.run.outcome is Outcome.STOPPED
