"""Presentation mode on one (offscreen) screen, on a fake clock: the practice alone and dim, the
floating controls and the pointer coming and going with activity, the controls reaching the
runner, Space and Esc in both windows, a breathing practice's own "stop here?", and the home
screen's Present action. Two real screens: tests/integration/test_two_screens.py."""

from __future__ import annotations

import subprocess

import pytest
from PySide6.QtCore import QObject, QPoint, Qt, Signal, SignalInstance
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from kapcompanion.domain.breathing_config import BreathingConfig
from kapcompanion.domain.clock import FakeClock
from kapcompanion.domain.pacing import PRESETS
from kapcompanion.domain.present_status import PresentStatus
from kapcompanion.domain.runner import RunStatus
from kapcompanion.domain.scripts import Exercise
from kapcompanion.storage.library import load_builtin
from kapcompanion.ui.breathing.screen import BreathingScreen
from kapcompanion.ui.exercise.presented import PAUSED_PRESENT, ExercisePresented
from kapcompanion.ui.exercise.screen import ExerciseScreen
from kapcompanion.ui.practice import look
from kapcompanion.ui.practice.presented import PresentedPractice
from kapcompanion.ui.presentation import controls as controls_ui
from kapcompanion.ui.presentation import present as pr
from kapcompanion.ui.presentation import window as window_ui
from kapcompanion.ui.presentation.screens import (
    ScreenChoiceError,
    ScreenInfo,
    ScreenPlan,
    plan_screens,
    screens_text,
)
from kapcompanion.ui.presentation.setup import PresentSetup
from kapcompanion.ui.shell.theme import PRESENT
from kapcompanion.ui.shell.volume import VolumeControl
from tests.helpers.cli import run_app
from tests.helpers.windows import shown_window

EXERCISES = {e.id: e for e in load_builtin()[0]}
CLOSE = EXERCISES["session-close"]


@pytest.fixture
def window(qtbot):
    return shown_window(qtbot, FakeClock(200.0), active=False)


@pytest.fixture
def hub(window):
    seen: list[tuple[str, object]] = []
    p = window.practice
    p.started.connect(lambda info: seen.append(("started", info)))
    p.paused.connect(lambda: seen.append(("paused", None)))
    p.resumed.connect(lambda: seen.append(("resumed", None)))
    p.ended.connect(lambda info: seen.append(("ended", info)))
    return seen


def active(qtbot, widget) -> None:
    widget.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is widget, timeout=3000)


def opened(window, qtbot, target=CLOSE) -> pr.Presentation:
    presentation = pr.open_presentation(window, target)
    active(qtbot, presentation.view)
    return presentation


def later(window, presentation: pr.Presentation, seconds: float) -> None:
    window.clock.advance(seconds)
    content = presentation.content
    assert isinstance(content, ExerciseScreen | BreathingScreen)
    content.tick()
    presentation.view.check_idle()


# -- choosing screens and sizes -------------------------------------------------------------------

TWO = [
    ScreenInfo(0, "DP-1", 0, 0, 1920, 1080, primary=True),
    ScreenInfo(1, "HDMI-1", 1920, 0, 1280, 800),
]


def test_by_default_the_practice_goes_to_the_other_screen_and_the_controls_stay():
    assert plan_screens(TWO, None) == ScreenPlan(1, 0)
    assert plan_screens(TWO, 0) == ScreenPlan(0, 1)
    assert plan_screens(TWO[:1], None) == ScreenPlan(0, None)


def test_an_unknown_screen_number_names_the_screens_there_are():
    with pytest.raises(ScreenChoiceError) as caught:
        plan_screens(TWO, 4)
    text = str(caught.value)
    assert text.startswith("there is no screen 4 here; the screens are:")
    assert "  0  DP-1  1920x1080 at 0,0  (main screen)" in text
    assert "  1  HDMI-1  1280x800 at 1920,0" in text
    assert screens_text([]) == "  (no screens were found)"


def test_type_grows_with_the_screen_within_limits():
    assert look.scale_for(600) == 1.0
    assert look.scale_for(1080) == pytest.approx(1.35)
    assert look.scale_for(4320) == look.MAX_SCALE
    sheet = look.present_overrides(1.5)
    assert "QLabel#steptext { font-size: 40pt; }" in sheet


def test_first_words_of_a_step():
    assert pr.first_words("One two three.") == "One two three."
    assert pr.first_words("a b c d e f g h i j k", 4) == "a b c d…"
    assert pr.first_words("Feet on the floor, hands resting.", 4) == "Feet on the floor…"


# -- the client's screen --------------------------------------------------------------------------


def test_the_practice_shows_alone_full_screen_in_the_dim_palette(window, qtbot, hub):
    p = opened(window, qtbot)
    content = p.content
    assert isinstance(content, ExerciseScreen) and content.exercise is CLOSE
    assert p.view.isFullScreen() and p.view.isAncestorOf(content)
    assert p.controls is None and p.view.overlay is not None  # one screen: floating controls
    # The screen's own buttons and hints are put away for good, even when it shows them.
    content.keep_going()
    for hidden in (content.controls, content.hint_label, content.progress_label):
        assert not hidden.isVisibleTo(p.view)
    assert content.step_text.isVisibleTo(p.view)
    assert content._theme is PRESENT and PRESENT.background in p.view.styleSheet()
    wide = round(900 * p.scale)
    assert content.step_text.maximumWidth() == wide
    # "Stop here?" and the closing words wrap as wide as the step does.
    for page in (content.prompt_page, content.closing_page):
        assert {w.maximumWidth() for w in (page.title, page.text, page.hint)} == {wide}
    # The practice reports to the app's hub, so the log, the sound and the voices follow it.
    assert hub[0][0] == "started" and hub[0][1].ref == "session-close"


def test_the_controls_and_the_pointer_step_aside_when_nothing_moves(window, qtbot):
    p = opened(window, qtbot)
    view = p.view
    assert view.overlay.isVisible() and not view.pointer_hidden
    later(window, p, window_ui.IDLE_S - 0.1)
    assert view.overlay.isVisible()
    later(window, p, 0.2)
    assert not view.overlay.isVisible() and view.pointer_hidden and view.idle
    qtbot.mouseMove(view.windowHandle(), QPoint(31, 47))
    assert view.overlay.isVisible() and not view.pointer_hidden
    later(window, p, window_ui.IDLE_S + 0.1)
    assert not view.overlay.isVisible()
    qtbot.keyClick(view.windowHandle(), Qt.Key.Key_Shift)  # any key brings them back
    assert view.overlay.isVisible()


def test_the_floating_controls_drive_the_runner_and_say_what_comes_next(window, qtbot, hub):
    p = opened(window, qtbot)
    panel = p.view.overlay
    runner = p.content.runner
    assert panel.position.text() == "Step 1 of 15"
    assert panel.coming.text() == "Next: " + pr.first_words(CLOSE.steps[1].text)
    assert panel.time_left.text() == "about 6 min left"
    panel.next_button.click()
    assert runner.state().step_index == 1
    panel.refresh()
    assert panel.position.text() == "Step 2 of 15"
    assert panel.now.text() == CLOSE.steps[1].text  # the step's words in full
    panel.back_button.click()
    assert runner.state().step_index == 0 and len(runner.visits) == 2
    panel.pause_button.click()
    assert runner.status is RunStatus.PAUSED and panel.pause_button.text() == "Carry on"
    assert panel.position.text() == "Step 1 of 15 · paused"
    panel.pause_button.click()
    assert runner.status is RunStatus.RUNNING
    panel.stop_button.click()
    assert p.content.mode == "prompt" and panel.keep_button.isVisible()
    panel.stop_here_button.click()
    assert runner.status is RunStatus.FINISHED and p.is_closed
    kinds = [k for k, _ in hub]
    assert kinds == ["started", "paused", "resumed", "paused", "ended"]
    assert hub[-1][1].outcome == "stopped"
    # The buttons never took the focus away from the practice.
    assert all(
        b.focusPolicy() == Qt.FocusPolicy.NoFocus
        for b in (panel.next_button, panel.back_button, panel.pause_button, panel.stop_button)
    )


def test_space_pauses_and_esc_asks_then_stops_on_the_clients_screen(window, qtbot, hub):
    p = opened(window, qtbot)
    view = p.view
    qtbot.keyClick(view, Qt.Key.Key_Space)
    assert p.content.paused and p.content.paused_label.text() == PAUSED_PRESENT
    qtbot.keyClick(view, Qt.Key.Key_Space)
    assert not p.content.paused
    qtbot.keyClick(QApplication.focusWidget() or view, Qt.Key.Key_Right)
    assert p.content.runner.state().step_index == 1  # the practice's own keys still work
    qtbot.keyClick(view, Qt.Key.Key_Escape)
    assert p.content.mode == "prompt" and not p.is_closed
    assert p.status().asking
    qtbot.keyClick(view, Qt.Key.Key_Space)  # Space means keep going here
    assert p.content.mode == "step" and not p.content.paused
    qtbot.keyClick(view, Qt.Key.Key_Escape)
    qtbot.keyClick(view, Qt.Key.Key_Escape)
    assert p.is_closed and hub[-1][1].outcome == "stopped"
    assert window.current_screen is window.home


def test_the_therapists_window_drives_the_practice_with_its_keys(window, qtbot, hub):
    content = ExerciseScreen(CLOSE, window.clock, PRESENT, events=window.practice)
    p = pr.Presentation(
        ExercisePresented(content), window.clock, separate_controls=True, sound=window.sound
    )
    p.show()
    controls = p.controls
    active(qtbot, controls)
    assert p.view.overlay is None
    assert controls.panel.volume.controller is window.sound
    qtbot.keyClick(controls, Qt.Key.Key_Right)
    assert content.runner.state().step_index == 1
    qtbot.keyClick(controls, Qt.Key.Key_Left)
    assert content.runner.state().step_index == 0
    qtbot.keyClick(controls, Qt.Key.Key_Space)
    assert content.paused
    qtbot.keyClick(controls, Qt.Key.Key_Space)
    assert not content.paused
    qtbot.keyClick(controls, Qt.Key.Key_Escape)
    assert content.mode == "prompt"
    controls.panel.refresh()
    assert controls.panel.now.text() == controls_ui.ASKING_TEXT
    qtbot.keyClick(controls, Qt.Key.Key_Escape)
    assert p.is_closed and not controls.isVisible() and not p.view.isVisible()


def test_closing_the_therapists_window_ends_the_presentation(window, qtbot, hub):
    content = ExerciseScreen(CLOSE, window.clock, PRESENT, events=window.practice)
    p = pr.Presentation(ExercisePresented(content), window.clock, separate_controls=True)
    p.show()
    active(qtbot, p.controls)
    p.controls.close()
    assert p.is_closed and content.finished and hub[-1][1].outcome == "stopped"


def test_the_end_of_the_exercise_shows_on_both_screens(window, qtbot, hub):
    short = EXERCISES["weight-and-contact"]
    p = opened(window, qtbot, short)
    for _ in short.steps:
        p.next()
    assert p.content.mode == "closing" and p.status().ended
    p.view.overlay.refresh()
    assert (
        p.view.overlay.now.text() == controls_ui.ENDED_TEXT
        and p.view.overlay.close_button.isVisible()
    )
    qtbot.keyClick(p.view, Qt.Key.Key_Escape)  # after the end Esc simply closes
    assert p.is_closed and hub[-1][1].outcome == "completed"


def test_a_breathing_practice_asks_gently_before_it_stops(window, qtbot, hub):
    config = BreathingConfig(PRESETS["longer-exhale"], minutes=2)
    p = opened(window, qtbot, config)
    content = p.content
    assert isinstance(content, BreathingScreen) and content.running
    assert not content.pause_button.isVisibleTo(p.view)
    assert not [v for v in content.findChildren(VolumeControl) if v.isVisibleTo(p.view)]
    assert hub[0][1].kind == "breathing"  # logged as from home
    later(window, p, 5.0)
    qtbot.keyClick(p.view, Qt.Key.Key_Escape)
    ask = content.stop_ask
    assert ask is not None and ask.isVisible() and content.paused and p.status().asking
    assert QApplication.focusWidget() is ask.keep_button
    qtbot.keyClick(p.view, Qt.Key.Key_Space)  # keep going
    assert not ask.isVisible() and not content.paused
    qtbot.keyClick(p.view, Qt.Key.Key_Escape)
    qtbot.keyClick(p.view, Qt.Key.Key_Escape)
    assert p.is_closed and hub[-1][1].outcome == "stopped"


def test_a_paused_breathing_practice_stays_paused_after_keep_going(window, qtbot):
    p = opened(window, qtbot, BreathingConfig(PRESETS["resonance"], minutes=1))
    p.toggle_pause()
    p.request_stop()
    p.keep_going()
    assert p.content.paused and not p.status().asking


class Said(QObject):
    closed = Signal()


class PlainPractice:
    """A practice that is only a label: presentation mode needs nothing but its narrow
    interface (:class:`PresentedPractice`) to show and steer it."""

    def __init__(self) -> None:
        self.label = QLabel("Notice the floor under your feet.")
        self.said = Said()
        self.calls: list[str] = []
        self.scales: list[float] = []

    @property
    def content(self) -> QWidget:
        return self.label

    @property
    def closed(self) -> SignalInstance:
        return self.said.closed

    def present_at(self, scale: float, *, asks_elsewhere: bool = False) -> None:
        self.scales.append(scale)

    def therapist_panel(self, theme: object) -> QWidget | None:
        return None

    def status(self, *, closed: bool) -> PresentStatus:
        asking = bool(self.calls) and self.calls[-1] == "request_stop"
        return PresentStatus(
            "A plain practice", "Step 1 of 1", "Notice the floor", "", "", False, asking,
            closed, not asking, True,
        )  # fmt: skip

    def start(self) -> None:
        self.calls.append("start")

    def stop(self) -> None:
        self.calls.append("stop")

    def toggle_pause(self) -> None:
        self.calls.append("toggle_pause")

    def next(self) -> None:
        self.calls.append("next")

    def back(self) -> None:
        self.calls.append("back")

    def request_stop(self) -> None:
        self.calls.append("request_stop")

    def keep_going(self) -> None:
        self.calls.append("keep_going")

    def confirm_stop(self) -> None:
        self.calls.append("confirm_stop")


def test_any_practice_is_presented_through_its_narrow_interface(window, qtbot):
    practice = PlainPractice()
    presented: PresentedPractice = practice
    p = pr.Presentation(presented, window.clock, separate_controls=True)
    p.show()
    controls = p.controls
    active(qtbot, controls)
    assert practice.scales == [p.scale] and p.view.isAncestorOf(practice.label)
    assert practice.calls == ["start"]
    for key in (Qt.Key.Key_Right, Qt.Key.Key_Left, Qt.Key.Key_Space, Qt.Key.Key_Escape):
        qtbot.keyClick(controls, key)
    assert practice.calls == ["start", "next", "back", "toggle_pause", "request_stop"]
    controls.panel.refresh()
    assert controls.panel.title.text() == "A plain practice"
    assert controls.panel.now.text() == controls_ui.ASKING_TEXT
    assert controls.panel.keep_button.isVisibleTo(controls)
    qtbot.mouseClick(controls.panel.keep_button, Qt.MouseButton.LeftButton)
    assert practice.calls[-1] == "keep_going"
    practice.said.closed.emit()  # the practice left by itself: nothing more is asked of it
    assert p.is_closed and "stop" not in practice.calls
    closing = PlainPractice()
    q = pr.Presentation(closing, window.clock, separate_controls=True)
    q.show()
    q.controls.close()  # closing the therapist's window stops the practice
    assert q.is_closed and closing.calls == ["start", "stop"]


def test_a_new_presentation_closes_the_one_before(window, qtbot):
    first = opened(window, qtbot)
    second = opened(window, qtbot, EXERCISES["orienting"])
    assert first.is_closed and not second.is_closed


def test_home_offers_present_with_a_choice_of_practice_and_screen(window, qtbot, hub):
    window.home.set_recent("orienting")
    qtbot.mouseClick(window.home.present_button, Qt.MouseButton.LeftButton)
    setup = window.current_screen
    assert isinstance(setup, PresentSetup)
    assert setup.target().id == "orienting"  # the one started last is chosen
    assert setup.screen_combo.count() == len(QApplication.screens())
    assert setup.screen_combo.itemText(0).endswith("· the only one")
    labels = [setup.practice_combo.itemText(i) for i in range(setup.practice_combo.count())]
    assert any(t.startswith("Breathing: ") for t in labels)
    assert not any("Box" in t for t in labels)  # patterns with holds stay opt-in
    scans = [t.split(" · ")[0] for t in labels if t.startswith("Body scan, ") and "minutes" in t]
    assert scans == ["Body scan, 3 minutes", "Body scan, 10 minutes", "Body scan, 20 minutes"]
    first = setup.practice_combo.itemData(0)
    assert isinstance(first, Exercise) and first.gentle  # closing and settling first
    assert not setup.minutes_spin.isVisible()  # an exercise has its own length
    qtbot.mouseClick(setup.present_button, Qt.MouseButton.LeftButton)
    assert window.current_screen is window.home
    (p,) = window.findChildren(pr.Presentation)
    assert p.content.exercise.id == "orienting"
    p.close()


# -- the command line -----------------------------------------------------------------------------


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return run_app(*args, env={"QT_QPA_PLATFORM": "offscreen"})


def test_present_with_an_unknown_screen_lists_the_screens():
    done = run_cli("present", "session-close", "--screen", "3")
    assert done.returncode == 2
    assert "argument --screen: there is no screen 3 here; the screens are:" in done.stderr
    assert "  0  " in done.stderr and "(main screen)" in done.stderr


def test_present_names_exercises_and_patterns_for_an_unknown_target():
    done = run_cli("present", "sesion-close")
    assert done.returncode == 2
    last = done.stderr.strip().splitlines()[-1]
    assert "'sesion-close' is neither an exercise nor a breathing pattern" in last
    assert "did you mean 'session-close'?" in last and "longer-exhale" in last
    holds = run_cli("present", "box")
    assert holds.returncode == 2 and "add --allow-holds" in holds.stderr
    bad = run_cli("present", "session-close", "--screen", "-1")
    assert bad.returncode == 2 and "is not a screen number" in bad.stderr


def test_present_opens_straight_into_the_practice(tmp_path):
    done = run_cli("present", "orienting", "--guest", "--quit-after", "1.5")
    assert done.returncode == 0, done.stderr


def test_list_names_the_screens(capsys):
    from kapcompanion.__main__ import main

    assert main(["list"]) == 0
    out = capsys.readouterr().out
    assert "Screens (kapcompanion present EXERCISE_ID --screen N):" in out
    tail = out.split("Screens (", 1)[1].splitlines()
    assert tail[1].startswith("  0  ") and "(main screen)" in tail[1]


def _help_windows() -> list[QWidget]:
    from kapcompanion.ui.help.window import HelpWindow

    shown = QApplication.topLevelWidgets()
    return [w for w in shown if isinstance(w, HelpWindow) and w.isVisible()]


def test_f1_and_help_in_the_therapists_window_open_help_there_while_the_practice_waits(
    window, qtbot
):
    content = ExerciseScreen(CLOSE, window.clock, PRESENT, events=window.practice)
    p = pr.Presentation(
        ExercisePresented(content),
        window.clock,
        separate_controls=True,
        help_over=window.help_over,
    )
    p.show()
    controls = p.controls
    active(qtbot, controls)
    qtbot.keyClick(controls, Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: bool(_help_windows()))
    help_window = _help_windows()[0]
    assert help_window.parent() is controls  # over the therapist's window, not the client's
    assert help_window.paused and content.paused
    assert help_window.height() > controls.height()  # not squeezed to the small window's size
    qtbot.keyClick(help_window, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not _help_windows())
    assert content.paused and not p.is_closed  # it waits; Space carries on
    qtbot.keyClick(controls, Qt.Key.Key_Space)
    assert not content.paused

    controls.panel.help_button.click()  # the visible control does the same
    qtbot.waitUntil(lambda: bool(_help_windows()))
    assert content.paused
    _help_windows()[0].reject()
    p.close()


def test_f1_over_a_presented_practice_on_one_screen_opens_help_and_pauses(window, qtbot):
    p = pr.open_presentation(window, CLOSE)
    active(qtbot, p.view)
    assert p.controls is None
    qtbot.keyClick(p.view, Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: bool(_help_windows()))
    assert p.status().paused
    _help_windows()[0].reject()
    qtbot.waitUntil(lambda: not _help_windows())
    p.close()


# -- grounding cues -------------------------------------------------------------------------------


def test_a_cue_key_in_the_therapists_window_puts_the_cue_on_the_clients_screen(window, qtbot):
    from kapcompanion.domain.cues import BUILT_IN_CUES, FADE_IN_S, FADE_OUT_S, HOLD_S, cue_keys

    content = ExerciseScreen(CLOSE, window.clock, PRESENT, events=window.practice)
    cues = cue_keys(["Notice the chair holding you.", "", ""])
    p = pr.Presentation(ExercisePresented(content), window.clock, cues=cues)
    p.show()
    controls, band = p.controls, p.view.cue
    active(qtbot, controls)
    assert not band.isVisible()
    step = content.runner.state().step_index

    preview = controls.panel.preview
    assert preview.isVisible() and not preview.pixmap().isNull()  # the client's screen, small
    assert preview.pixmap().size() == controls_ui.PREVIEW_SIZE
    qtbot.keyClick(controls, Qt.Key.Key_1)
    assert band.isVisible() and band.text() == BUILT_IN_CUES[0].words
    assert band.window() is p.view  # on the client's screen, and only there
    assert not [w for w in controls.findChildren(QLabel) if w.text() == band.text()]
    assert controls.panel.cue_showing.text().startswith("Showing: “" + BUILT_IN_CUES[0].words)
    assert content.runner.state().step_index == step and not content.paused  # nothing else moves
    assert band.opacity == pytest.approx(0.0)
    window.clock.advance(FADE_IN_S / 2)
    band.refresh()
    assert band.opacity == pytest.approx(0.5)
    window.clock.advance(FADE_IN_S / 2 + HOLD_S / 2)
    band.refresh()
    assert band.opacity == pytest.approx(1.0)

    qtbot.keyClick(controls, Qt.Key.Key_7)  # the therapist's own cue takes its place
    assert band.text() == "Notice the chair holding you."
    qtbot.keyClick(controls, Qt.Key.Key_8)  # a key left blank offers nothing
    assert band.text() == "Notice the chair holding you."
    window.clock.advance(FADE_IN_S)
    qtbot.keyClick(controls, Qt.Key.Key_0)  # 0 lets it fade now
    assert p.showing_cue() is None and band.isVisible()
    window.clock.advance(FADE_OUT_S / 2)
    band.refresh()
    assert 0.3 < band.opacity < 0.7
    window.clock.advance(FADE_OUT_S)
    band.refresh()
    assert not band.isVisible()
    p.refresh()
    assert controls.panel.cue_showing.text() == controls_ui.NO_CUE

    qtbot.keyClick(controls, Qt.Key.Key_2)  # left alone, a cue fades by itself
    window.clock.advance(FADE_IN_S + HOLD_S + FADE_OUT_S + 0.1)
    band.refresh()
    assert not band.isVisible()
    qtbot.mouseClick(controls.panel.cue_buttons[5], Qt.MouseButton.LeftButton)
    assert band.isVisible() and band.text() == BUILT_IN_CUES[5].words
    p.close()


def test_a_breathing_pattern_is_presented_for_the_length_chosen(window, qtbot):
    qtbot.mouseClick(window.home.present_button, Qt.MouseButton.LeftButton)
    setup = window.current_screen
    assert isinstance(setup, PresentSetup)
    combo = setup.practice_combo
    index = next(i for i in range(combo.count()) if combo.itemText(i).startswith("Breathing: "))
    combo.setFocus()
    while combo.currentIndex() != index:  # by keyboard, as the therapist would
        qtbot.keyClick(combo, Qt.Key.Key_Down)
    assert setup.minutes_spin.isVisible()
    qtbot.keyClick(combo, Qt.Key.Key_Tab)
    assert setup.minutes_spin.hasFocus()
    setup.minutes_spin.selectAll()
    qtbot.keyClicks(setup.minutes_spin, "12")
    qtbot.keyClick(setup.minutes_spin, Qt.Key.Key_Tab)
    target = setup.target()
    assert isinstance(target, BreathingConfig) and target.minutes == 12
    qtbot.mouseClick(setup.present_button, Qt.MouseButton.LeftButton)
    (p,) = window.findChildren(pr.Presentation)
    assert p.status().time_left.startswith("12")
    p.close()


def test_the_therapists_own_cues_are_typed_before_presenting_and_kept(window, qtbot):
    import sys

    qtbot.mouseClick(window.home.present_button, Qt.MouseButton.LeftButton)
    setup = window.current_screen
    assert isinstance(setup, PresentSetup)
    edit = setup.cue_edits[1]  # key 8
    edit.setFocus()
    qtbot.keyClicks(edit, "  Your  breath knows the way.  ")
    qtbot.mouseClick(setup.present_button, Qt.MouseButton.LeftButton)
    (p,) = window.findChildren(pr.Presentation)
    assert p.cues[8].words == "Your breath knows the way." and 7 not in p.cues and 9 not in p.cues
    p.close()
    read = subprocess.run(  # as the next start reads it
        [
            sys.executable,
            "-c",
            "from kapcompanion.services.settings import OWN_CUES, SettingsStore;"
            "print([SettingsStore().get(s) for s in OWN_CUES])",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    assert read.stdout.strip() == "['', 'Your breath knows the way.', '']"
    qtbot.mouseClick(window.home.present_button, Qt.MouseButton.LeftButton)
    again = window.current_screen
    assert isinstance(again, PresentSetup)
    assert [e.text() for e in again.cue_edits] == ["", "Your breath knows the way.", ""]
    again.stop()


def test_with_one_screen_no_cues_are_offered(window, qtbot):
    p = opened(window, qtbot)
    assert p.view.overlay is not None and p.view.overlay.cue_buttons == []
    qtbot.keyClick(p.view, Qt.Key.Key_1)
    assert not p.view.cue.isVisible()
    p.close()


# -- the right screen for each thing, and the client's practice kept out of the therapist's log --


def test_with_the_controls_elsewhere_the_clients_screen_keeps_its_words_while_asked(window, qtbot):
    from kapcompanion.ui.practice.stop_ask import StopAsk

    content = ExerciseScreen(CLOSE, window.clock, PRESENT, events=window.practice)
    p = pr.Presentation(ExercisePresented(content), window.clock, separate_controls=True)
    p.show()
    controls = p.controls
    active(qtbot, controls)
    words = content.step_page.step_text.text()

    def asked_on_client() -> list[QWidget]:
        found = [w for w in p.view.findChildren(StopAsk) if w.isVisible()]
        return found + [w for w in (content.paused_label,) if w.isVisible()]

    qtbot.keyClick(controls, Qt.Key.Key_Space)
    assert content.paused and p.view.resting and not asked_on_client()
    assert controls.panel.position.text().endswith("· paused")
    qtbot.keyClick(controls, Qt.Key.Key_Space)
    assert not content.paused and not p.view.resting

    qtbot.keyClick(controls, Qt.Key.Key_Escape)
    assert content.mode == "prompt" and controls.panel.now.text() == controls_ui.ASKING_TEXT
    assert controls.panel.stop_here_button.isVisible()  # the question is the therapist's
    assert content.stage.currentWidget() is content.step_page and not asked_on_client()
    assert content.step_page.step_text.text() == words and p.view.resting
    qtbot.keyClick(controls, Qt.Key.Key_Space)  # keep going
    assert content.mode == "step" and not p.view.resting
    p.close()


def test_a_breathing_practice_asks_on_the_therapists_screen_only(window, qtbot):
    from kapcompanion.ui.practice.stop_ask import StopAsk

    config = BreathingConfig(pattern=PRESETS["longer-exhale"], minutes=3)
    screen = BreathingScreen(config, window.clock, PRESENT)
    p = pr.Presentation(pr.BreathingPresented(screen), window.clock, separate_controls=True)
    p.show()
    active(qtbot, p.controls)
    qtbot.keyClick(p.controls, Qt.Key.Key_Escape)
    assert screen.asking and p.view.resting
    assert not [w for w in p.view.findChildren(StopAsk) if w.isVisible()]
    assert p.controls.panel.keep_button.isVisible()
    qtbot.keyClick(p.controls, Qt.Key.Key_Escape)
    assert p.is_closed


def test_a_presented_practice_stays_out_of_the_therapists_own_log_unless_kept(qtbot):
    from functools import partial

    from kapcompanion.domain.clock import MonotonicClock
    from kapcompanion.storage import open_log
    from kapcompanion.storage.logs import PracticeLogs
    from tests.gui.services.recording import make_window, rows

    logs = PracticeLogs(partial(open_log, clock=MonotonicClock()))
    window = make_window(qtbot, logs)
    window.home.set_recent("orienting")
    again = window.home.again_button.text()
    before = len(rows()) if _log_exists() else 0
    p = opened(window, qtbot)  # as from the present page, left unticked
    later(window, p, 20)
    qtbot.keyClick(p.view, Qt.Key.Key_Escape)
    qtbot.keyClick(p.view, Qt.Key.Key_Escape)
    assert p.is_closed
    assert window.current_screen is window.home  # nothing asked on the therapist's screen
    assert (len(rows()) if _log_exists() else 0) == before
    assert window.home.again_button.text() == again  # not offered again from home
    assert window.practice.keeping  # the app's own practices are kept again

    kept = pr.open_presentation(window, CLOSE, keep=True)
    active(qtbot, kept.view)
    later(window, kept, 20)
    qtbot.keyClick(kept.view, Qt.Key.Key_Escape)
    qtbot.keyClick(kept.view, Qt.Key.Key_Escape)
    assert len(rows()) == before + 1 and rows()[-1]["ref"] == "session-close"
    window.log.shutdown()
    logs.close()


def _log_exists() -> bool:
    from kapcompanion.storage.paths import database_path

    return database_path(create=False).exists()


# -- breathing together ---------------------------------------------------------------------------


def test_breathing_together_takes_the_tapped_pace_and_shows_no_numbers_to_the_client(window, qtbot):
    import re

    from kapcompanion.domain.together import TogetherPace
    from kapcompanion.ui.presentation import together as together_ui

    practice = together_ui.TogetherPresented(window.clock, TogetherPace(6.0).bpm)
    p = pr.Presentation(practice, window.clock, separate_controls=True)
    p.show()
    controls = p.controls
    active(qtbot, controls)
    panel = practice.panel
    assert panel is not None and controls.isAncestorOf(panel)
    assert not p.view.isAncestorOf(panel)

    def client_text() -> str:
        return " ".join(w.text() for w in p.view.findChildren(QLabel) if w.isVisible())

    window.clock.advance(2.0)
    qtbot.keyClick(controls, Qt.Key.Key_T)  # an in-breath of the client's begins
    window.clock.advance(5.0)
    qtbot.keyClick(controls, Qt.Key.Key_T)  # and the next, 5 s later: 12 a minute
    assert practice.together.matched_bpm == pytest.approx(12.0)
    panel.refresh()
    assert "about 12 a minute" in panel.matched.text()
    practice.tick()
    assert panel.disc.level == pytest.approx(practice.screen.disc.level)  # one clock, one breath
    assert not re.search(r"\d", client_text())  # no numbers on the client's screen, ever
    assert together_ui.CLIENT_LINE in client_text()

    qtbot.mouseClick(panel.quiet_button, Qt.MouseButton.LeftButton)  # three quiet minutes
    assert "Quiet time: 3:00 left" in panel.quiet.text()
    window.clock.advance(181.0)
    practice.tick()
    assert panel.quiet.text() == together_ui.STILLNESS_OVER
    assert together_ui.STILLNESS_OVER not in client_text()  # shown only to the therapist

    qtbot.keyClick(controls, Qt.Key.Key_Space)
    assert practice.run.status.still
    p.refresh()
    assert p.view.resting
    level = practice.screen.disc.level
    window.clock.advance(3.0)
    practice.tick()
    assert practice.screen.disc.level == level  # paused: the shape rests where it was
    qtbot.keyClick(controls, Qt.Key.Key_Space)
    qtbot.keyClick(controls, Qt.Key.Key_Escape)
    controls.panel.refresh()
    assert controls.panel.stop_here_button.isVisible() and practice.run.status.value == "asking"
    qtbot.keyClick(controls, Qt.Key.Key_Escape)
    assert p.is_closed


def test_the_present_page_offers_breathing_together(window, qtbot):
    from kapcompanion.domain.together import TogetherPace

    qtbot.mouseClick(window.home.present_button, Qt.MouseButton.LeftButton)
    setup = window.current_screen
    assert isinstance(setup, PresentSetup)
    combo = setup.practice_combo
    index = next(i for i in range(combo.count()) if isinstance(combo.itemData(i), TogetherPace))
    combo.setCurrentIndex(index)
    assert not setup.minutes_spin.isVisible()  # it lasts as long as it is needed
    qtbot.mouseClick(setup.present_button, Qt.MouseButton.LeftButton)
    (p,) = window.findChildren(pr.Presentation)
    assert p.status().title == "Breathing together"
    p.close()


# -- stepping into grounding and back -------------------------------------------------------------


def test_the_therapist_steps_into_orienting_and_back_to_the_same_step_and_time(window, qtbot):
    content = ExerciseScreen(CLOSE, window.clock, PRESENT)
    p = pr.Presentation(ExercisePresented(content), window.clock, separate_controls=True)
    p.show()
    controls = p.controls
    active(qtbot, controls)
    qtbot.keyClick(controls, Qt.Key.Key_Right)
    later(window, p, 7.0)
    step, elapsed = content.runner.state().step_index, content.runner.state().elapsed
    panel = controls.panel
    assert panel.into_button.isVisible() and not panel.back_to_button.isVisible()
    names = [a.text() for a in panel.into_button.menu().actions()]
    assert names == ["Orienting to the room", "Weight and contact", "Breathing together"]

    panel.into_button.menu().actions()[0].trigger()  # as the therapist picks it
    assert p.stepped_in and p.status().title == "Orienting to the room"
    assert p.view.content is not content and not content.isVisible()
    assert content.paused  # the practice waits where it was
    panel.refresh()
    assert panel.back_to_button.isVisible() and panel.back_to_button.text() == (
        "Back to Closing a session"
    )
    assert not panel.into_button.isVisible()
    window.clock.advance(30.0)  # time spent orienting is not the practice's time
    qtbot.mouseClick(panel.back_to_button, Qt.MouseButton.LeftButton)
    assert not p.stepped_in and p.view.content is content and content.isVisible()
    assert not content.paused
    assert content.runner.state().step_index == step
    assert content.runner.state().elapsed == pytest.approx(elapsed)
    assert p.status().title == CLOSE.title and not p.is_closed

    qtbot.keyClick(controls, Qt.Key.Key_Space)  # paused before stepping in: paused after
    p.step_into_grounding(2)  # breathing together
    from kapcompanion.ui.presentation.together import TogetherPresented

    assert isinstance(p.practice, TogetherPresented) and panel.extra is p.practice.panel
    qtbot.keyClick(controls, Qt.Key.Key_Escape)
    qtbot.keyClick(controls, Qt.Key.Key_Escape)  # its own end leads back, not out
    assert not p.stepped_in and not p.is_closed and p.view.content is content
    assert content.paused and panel.extra is None
    p.close()
    assert p.is_closed


# -- the take-home card ---------------------------------------------------------------------------


def test_the_take_home_card_holds_exactly_what_the_therapist_chose(window, qtbot, tmp_path):
    import re
    import shutil

    from PySide6.QtWidgets import QLineEdit, QPlainTextEdit

    from kapcompanion.domain import take_home as card_words
    from kapcompanion.ui.presentation.take_home import TakeHomeDialog

    if shutil.which("pdftotext") is None:
        pytest.fail("pdftotext (poppler-utils) is needed: make sysdeps-test installs it")
    content = ExerciseScreen(CLOSE, window.clock, PRESENT)
    p = pr.Presentation(ExercisePresented(content), window.clock, separate_controls=True)
    p.show()
    active(qtbot, p.controls)
    while content.runner.state().step.input is None or (
        content.runner.state().step.input.key != "first-words"
    ):
        p.next()

    def boxes() -> list[QWidget]:
        return [
            w
            for w in content.step_page.input_box.findChildren(QWidget)
            if isinstance(w, QLineEdit | QPlainTextEdit) and w.isVisible()
        ]

    later(window, p, 0.5)
    qtbot.waitUntil(lambda: bool(boxes()))
    (box,) = boxes()
    box.setFocus()
    qtbot.keyClicks(box, "warm, heavy, held")
    while not p.status().ended:
        p.next()
    panel = p.controls.panel
    panel.refresh()
    assert panel.card_button.isVisible()
    qtbot.mouseClick(panel.card_button, Qt.MouseButton.LeftButton)
    dialog = next(w for w in QApplication.topLevelWidgets() if isinstance(w, TakeHomeDialog))
    assert dialog.first_words.toPlainText() == "warm, heavy, held"
    assert not dialog.first_words_check.isChecked()  # offered, not chosen

    target = tmp_path / "card.pdf"
    assert dialog.save_to(target)
    text = subprocess.run(
        ["pdftotext", str(target), "-"], capture_output=True, text=True, check=True
    ).stdout
    flat = " ".join(text.split())
    assert "warm, heavy" not in flat and card_words.FIRST_WORDS_HEADING not in flat
    assert card_words.PRACTICES_HEADING not in flat and card_words.TITLE in flat

    dialog.first_words_check.setChecked(True)
    qtbot.keyClicks(dialog.intention, "to listen to my body")
    titles = []
    for row in (0, 2):
        item = dialog.practices.item(row)
        item.setCheckState(Qt.CheckState.Checked)
        titles.append(str(item.data(Qt.ItemDataRole.UserRole)))
    assert dialog.save_to(target)
    assert target.stat().st_mode & 0o777 == 0o600
    text = subprocess.run(
        ["pdftotext", str(target), "-"], capture_output=True, text=True, check=True
    ).stdout
    flat = " ".join(text.split())
    assert "“warm, heavy, held”" in flat and "to listen to my body" in flat
    for title in titles:
        assert title in flat
    unchosen = str(dialog.practices.item(1).data(Qt.ItemDataRole.UserRole))
    assert unchosen not in flat
    assert " ".join(card_words.SUPPORT.split()) in flat
    info = subprocess.run(["pdfinfo", str(target)], capture_output=True, text=True, check=True)
    assert re.search(r"^Pages:\s+1$", info.stdout, re.MULTILINE)  # one page
    dialog.close()
    p.close()


def test_the_therapist_sees_the_clients_breathing_shape_to_breathe_along(window, qtbot):
    from kapcompanion.ui.breathing.presented import BreathMirror

    config = BreathingConfig(pattern=PRESETS["longer-exhale"], minutes=3, glide=False)
    screen = BreathingScreen(config, window.clock, PRESENT)
    p = pr.Presentation(pr.BreathingPresented(screen), window.clock, separate_controls=True)
    p.show()
    mirror = p.controls.panel.extra
    assert isinstance(mirror, BreathMirror) and p.controls.isAncestorOf(mirror)
    for seconds in (1.0, 1.5, 2.5):  # in, and on the way out
        window.clock.advance(seconds)
        screen.tick()
        mirror.tick()
        assert mirror.disc.level == pytest.approx(screen.disc.level, abs=1e-9)
        assert 0.0 < mirror.disc.level <= 1.0
    p.close()


def test_the_therapists_window_fits_its_screen_at_200_percent_and_cuts_nothing(window, qtbot):
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QScrollArea

    from kapcompanion.services.settings import TEXT_SIZE
    from tests.helpers.layout import clipped

    window.settings.set(TEXT_SIZE, 200)
    try:
        screen = QGuiApplication.primaryScreen()
        content = ExerciseScreen(CLOSE, window.clock, PRESENT)
        p = pr.Presentation(
            ExercisePresented(content),
            window.clock,
            present_screen=screen,
            control_screen=screen,
            separate_controls=True,
        )
        p.show()
        controls = p.controls
        qtbot.waitExposed(controls)
        area = screen.availableGeometry()
        assert controls.width() <= area.width() and controls.height() <= area.height()
        (scroll,) = controls.findChildren(QScrollArea)
        bar = scroll.horizontalScrollBar()
        qtbot.waitUntil(lambda: not bar.isVisible())  # nothing wider than the window
        qtbot.waitUntil(lambda: not clipped(controls.panel))
        p.close()
    finally:
        window.settings.set(TEXT_SIZE, 100)


def test_the_therapists_window_is_walked_by_keyboard_alone(window, qtbot):
    from kapcompanion.domain.cues import BUILT_IN_CUES

    content = ExerciseScreen(CLOSE, window.clock, PRESENT)
    p = pr.Presentation(ExercisePresented(content), window.clock, separate_controls=True)
    p.show()
    controls = p.controls
    active(qtbot, controls)
    panel = controls.panel
    wanted = {panel.into_button, panel.help_button, *panel.cue_buttons[:6]}
    seen = []
    for _ in range(40):  # Tab round the window, as a person would
        qtbot.keyClick(QApplication.focusWidget() or controls, Qt.Key.Key_Tab)
        focus = QApplication.focusWidget()
        assert focus is not None and focus.window() is controls  # the focus stays here
        seen.append(focus)
    assert wanted <= set(seen)
    while QApplication.focusWidget() is not panel.cue_buttons[1]:
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    qtbot.keyClick(panel.cue_buttons[1], Qt.Key.Key_Return)  # Enter presses the focused cue
    assert p.view.cue.text() == BUILT_IN_CUES[1].words
    qtbot.keyClick(panel.cue_buttons[1], Qt.Key.Key_Space)  # Space still pauses, everywhere
    assert content.paused
    qtbot.keyClick(panel.cue_buttons[1], Qt.Key.Key_Escape)
    assert content.mode == "prompt"
    qtbot.keyClick(panel.cue_buttons[1], Qt.Key.Key_Escape)
    assert p.is_closed
