"""Every screen of the app, reached as a person reaches it, speaks only translated words.

The app speaks the pseudo-language (tests/helpers/pseudo.py): every sentence that went through
the translation comes back inside ⟦ ⟧, so any word outside the marks on a screen is one a Spanish
speaker would read in English. Each test below walks to one screen (or one state of it) from
home, with the buttons and keys a person uses, and lists what is visible there.

Allowed outside the marks: the names of the languages in their own words, the app's name, and
what the person typed themselves.

Built-in exercise scripts and crisis texts are content, not code: they are translated as files
(resources/exercises/es, resources/crisis/es). The fixture :func:`built_in_content` is where
their pseudo-language versions come in (tests/helpers/pseudo_content.py), so their words are
marked too.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path
from typing import TypeVar

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QDialog, QWidget

from kapcompanion import i18n
from kapcompanion.domain.clock import FakeClock, MonotonicClock
from kapcompanion.domain.script_check import parse_script
from kapcompanion.services.settings import FIRST_START_DONE
from kapcompanion.storage import open_log
from kapcompanion.storage.logs import PracticeLogs
from kapcompanion.ui.breathing.screen import BreathingScreen
from kapcompanion.ui.editor.screen import EditorScreen
from kapcompanion.ui.exercise.screen import ExerciseScreen
from kapcompanion.ui.journal.screen import JournalScreen
from kapcompanion.ui.journal.share import ShareScreen
from kapcompanion.ui.log.history import HistoryScreen
from kapcompanion.ui.log.ratings import ASK_RATINGS, RatingPrompt
from kapcompanion.ui.log.sessions import SessionsScreen
from kapcompanion.ui.presentation.controls import ControlWindow
from kapcompanion.ui.presentation.present import Presentation
from kapcompanion.ui.presentation.setup import PresentSetup
from kapcompanion.ui.settings.general import GeneralSettings
from kapcompanion.ui.settings.screen import SettingsScreen
from kapcompanion.ui.shell.about import AboutScreen
from kapcompanion.ui.shell.first_start import CrisisEditor, FirstStartScreen
from kapcompanion.ui.shell.main_window import MainWindow
from kapcompanion.ui.shell.problems import ProblemsPanel
from tests.helpers.practices import RECORDS, SESSIONS
from tests.helpers.pseudo import speak_pseudo, untranslated_in
from tests.helpers.pseudo_content import pseudo_content
from tests.helpers.windows import shown_window

Screen = TypeVar("Screen", bound=QWidget)

#: A practice that asks for a word, then pauses a little (as the after-practice tests use).
A_WORD_AND_A_PAUSE = (
    Path(__file__).resolve().parents[1] / "data" / "practice" / "a-word-and-a-pause.toml"
).read_text(encoding="utf-8")

#: Words that are the same in every language (names), and what the walk types as the person.
ALLOWED = (*i18n.LANGUAGES.values(), "kapcompanion", "warm", "hands", "Ana")


@pytest.fixture
def built_in_content(tmp_path: Path) -> Iterator[None]:
    """The built-in scripts and crisis texts in the pseudo-language (written as translations
    are, tests/helpers/pseudo_content.py)."""
    with pseudo_content(tmp_path / "pseudo"):
        yield


@pytest.fixture
def window(qtbot, built_in_content) -> Iterator[MainWindow]:
    """The app's window, in the pseudo-language from its first word, with a few weeks of
    practice in its log and the first-start notice already seen."""
    speak_pseudo()
    with open_log(clock=MonotonicClock()) as log:
        log.merge_records(RECORDS, SESSIONS)
    logs = PracticeLogs(partial(open_log, clock=MonotonicClock()))
    win = shown_window(qtbot, FakeClock(500.0), logs=logs)
    win.settings.set(FIRST_START_DONE, True)
    win.ask_before_closing = False
    yield win
    for presentation in win.findChildren(QWidget):
        if presentation.isWindow() and presentation is not win:
            presentation.close()
    win.log.shutdown()
    logs.close()


def later(win: MainWindow, seconds: float) -> None:
    assert isinstance(win.clock, FakeClock)
    win.clock.advance(seconds)


def click(qtbot, button: QAbstractButton) -> None:
    """As a click, also for a button scrolled out of sight."""
    button.click()


def on_top(qtbot, win: MainWindow, kind: type[Screen]) -> Screen:
    qtbot.waitUntil(lambda: type(win.current_screen) is kind, timeout=3000)
    screen = win.current_screen
    assert isinstance(screen, kind)
    return screen


def dialog(qtbot) -> QWidget:
    """The dialog that opened last (a window of its own over the app)."""
    qtbot.waitUntil(lambda: _dialog() is not None, timeout=3000)
    found = _dialog()
    assert found is not None
    return found


def _dialog() -> QWidget | None:
    shown = [w for w in QApplication.topLevelWidgets() if isinstance(w, QDialog) and w.isVisible()]
    return shown[-1] if shown else None


# -- the walk: each opener reaches one screen (or state) from home and returns what to read ---


def home(qtbot, win: MainWindow) -> list[QWidget]:
    return [win.home]


def home_other_situations(qtbot, win: MainWindow) -> list[QWidget]:
    seen = []
    for key in ("before", "closing", "between", "breathe"):
        click(qtbot, win.home.situation_buttons[key])
        seen += untranslated_in(win.home, ALLOWED)
    return [win.home] if seen else []


def settings(qtbot, win: MainWindow) -> list[QWidget]:
    click(qtbot, win.home.settings_button)
    return [on_top(qtbot, win, SettingsScreen)]


def about(qtbot, win: MainWindow) -> list[QWidget]:
    click(qtbot, win.home.about_button)
    return [on_top(qtbot, win, AboutScreen)]


def first_start(qtbot, win: MainWindow) -> list[QWidget]:
    win.settings.set(FIRST_START_DONE, False)
    win.everyday.maybe_first_start()
    return [on_top(qtbot, win, FirstStartScreen)]


def crisis_editor(qtbot, win: MainWindow) -> list[QWidget]:
    settings(qtbot, win)
    general = on_top(qtbot, win, SettingsScreen).general
    assert isinstance(general, GeneralSettings)
    crisis = general.crisis
    click(qtbot, crisis.use_button)  # the region's lines are the person's to edit once chosen
    click(qtbot, crisis.edit_button)
    return [on_top(qtbot, win, CrisisEditor)]


def help_window(qtbot, win: MainWindow) -> list[QWidget]:
    click(qtbot, win.help_corner)
    return [dialog(qtbot)]


def history(qtbot, win: MainWindow) -> list[QWidget]:
    click(qtbot, win.log.panel.history_button)
    screen = on_top(qtbot, win, HistoryScreen)
    qtbot.waitUntil(lambda: screen.charts.minutes_plot is not None, timeout=5000)
    return [screen]


def history_detail(qtbot, win: MainWindow) -> list[QWidget]:
    history(qtbot, win)
    screen = on_top(qtbot, win, HistoryScreen)
    screen.open_record(RECORDS[3])
    return [screen]


def session_dates(qtbot, win: MainWindow) -> list[QWidget]:
    click(qtbot, win.log.panel.sessions_button)
    return [on_top(qtbot, win, SessionsScreen)]


def journal(qtbot, win: MainWindow) -> list[QWidget]:
    click(qtbot, win.log.panel.journal_button)
    return [on_top(qtbot, win, JournalScreen)]


def journal_writing(qtbot, win: MainWindow) -> list[QWidget]:
    journal(qtbot, win)
    screen = on_top(qtbot, win, JournalScreen)
    click(qtbot, screen.write_button)
    return [screen]


def body_map(qtbot, win: MainWindow) -> list[QWidget]:
    journal(qtbot, win)
    screen = on_top(qtbot, win, JournalScreen)
    click(qtbot, screen.body_button)
    return [screen]


def journal_share(qtbot, win: MainWindow) -> list[QWidget]:
    journal(qtbot, win)
    screen = on_top(qtbot, win, JournalScreen)
    click(qtbot, screen.share_button)
    return [on_top(qtbot, win, ShareScreen)]


def editor(qtbot, win: MainWindow) -> list[QWidget]:
    click(qtbot, win.home.editor_button)
    return [on_top(qtbot, win, EditorScreen)]


def problems_panel(qtbot, win: MainWindow) -> list[QWidget]:
    folder = win.library.folder
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "half-written.toml").write_text('id = "half"\ntitle = \n', encoding="utf-8")
    win.library.reload()
    click(qtbot, win.home.exercise_list.problems_button)
    return [on_top(qtbot, win, ProblemsPanel)]


def present_setup(qtbot, win: MainWindow) -> list[QWidget]:
    click(qtbot, win.home.present_button)
    return [on_top(qtbot, win, PresentSetup)]


def _presented(qtbot, win: MainWindow, separate: bool) -> Presentation:
    from kapcompanion.ui.exercise.presented import ExercisePresented
    from kapcompanion.ui.shell.theme import PRESENT

    exercise = win.library.find("session-close")
    assert exercise is not None
    content = ExerciseScreen(exercise, win.clock, PRESENT, events=win.practice)
    presentation = Presentation(
        ExercisePresented(content), win.clock, separate_controls=separate, sound=win.sound
    )
    presentation.setParent(win)
    presentation.show()
    qtbot.waitExposed(presentation.view)
    return presentation


def controls_of(presentation: Presentation) -> ControlWindow:
    """The therapist's window of a presentation on two screens."""
    assert presentation.controls is not None
    return presentation.controls


def present_control_window(qtbot, win: MainWindow) -> list[QWidget]:
    return [controls_of(_presented(qtbot, win, separate=True))]


def present_client_window(qtbot, win: MainWindow) -> list[QWidget]:
    presentation = _presented(qtbot, win, separate=True)
    presentation.offer_cue(1)
    return [presentation.view]


def present_paused(qtbot, win: MainWindow) -> list[QWidget]:
    presentation = _presented(qtbot, win, separate=True)
    controls = controls_of(presentation)
    qtbot.keyClick(controls, Qt.Key.Key_Space)
    return [presentation.view, controls]


def present_floating(qtbot, win: MainWindow) -> list[QWidget]:
    presentation = _presented(qtbot, win, separate=False)
    return [presentation.view]


def take_home_card(qtbot, win: MainWindow) -> list[QWidget]:
    presentation = _presented(qtbot, win, separate=True)
    return [presentation.take_home(controls_of(presentation))]


def breathing(qtbot, win: MainWindow) -> list[QWidget]:
    # As it begins once the question before it is answered (that page: rating_before).
    win.start_breathing(win.home.config())
    screen = on_top(qtbot, win, BreathingScreen)
    qtbot.waitUntil(lambda: screen.running, timeout=3000)
    later(win, 20.0)
    screen.tick()
    return [screen]


def breathing_paused(qtbot, win: MainWindow) -> list[QWidget]:
    (screen,) = breathing(qtbot, win)
    qtbot.keyClick(win, Qt.Key.Key_Space)
    return [screen]


def breathing_stop_question(qtbot, win: MainWindow) -> list[QWidget]:
    breathing(qtbot, win)
    screen = on_top(qtbot, win, BreathingScreen)
    screen.ask_stop()  # what Esc does when it is presented
    assert screen.stop_ask is not None and screen.stop_ask.isVisible()
    return [screen]


def exercise(qtbot, win: MainWindow) -> list[QWidget]:
    found = win.library.find("orienting")
    assert found is not None
    win.start_exercise(found)
    return [on_top(qtbot, win, ExerciseScreen)]


def exercise_paused(qtbot, win: MainWindow) -> list[QWidget]:
    (screen,) = exercise(qtbot, win)
    qtbot.keyClick(win, Qt.Key.Key_Space)
    return [screen]


def exercise_stop_question(qtbot, win: MainWindow) -> list[QWidget]:
    (screen,) = exercise(qtbot, win)
    qtbot.keyClick(win, Qt.Key.Key_Escape)
    return [screen]


def exercise_writing_step(qtbot, win: MainWindow) -> list[QWidget]:
    found = win.library.find("daily-check-in")
    assert found is not None
    win.start_exercise(found)
    screen = on_top(qtbot, win, ExerciseScreen)
    runner = screen.runner
    for _ in range(len(found.steps)):
        if runner.state().step is not None and runner.state().step.input is not None:
            break
        qtbot.keyClick(win, Qt.Key.Key_Right)
    return [screen]


def rating_before(qtbot, win: MainWindow) -> list[QWidget]:
    win.settings.set(ASK_RATINGS, True)
    click(qtbot, win.home.start_button)
    return [on_top(qtbot, win, RatingPrompt)]


def after_practice(qtbot, win: MainWindow) -> list[QWidget]:
    """The page after a practice that kept the person's words, and its question."""
    win.settings.set(ASK_RATINGS, True)
    win.begin_exercise(parse_script(A_WORD_AND_A_PAUSE, "a-word-and-a-pause.toml"))
    before = on_top(qtbot, win, RatingPrompt)
    qtbot.keyClick(QApplication.focusWidget() or before, Qt.Key.Key_Return)
    screen = on_top(qtbot, win, ExerciseScreen)
    screen.tick()
    qtbot.keyClicks(QApplication.focusWidget(), "warm hands")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    later(win, 9.0)
    screen.tick()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)  # "Go on"
    return [on_top(qtbot, win, RatingPrompt)]


def exercise_end(qtbot, win: MainWindow) -> list[QWidget]:
    exercise(qtbot, win)
    screen = on_top(qtbot, win, ExerciseScreen)
    for _step in range(60):  # each step's time, or Right, moves on
        if screen.finished:
            break
        later(win, 120.0)
        screen.tick()
        qtbot.keyClick(win, Qt.Key.Key_Right)
    assert screen.finished
    return [screen]


def breathing_end(qtbot, win: MainWindow) -> list[QWidget]:
    breathing(qtbot, win)
    screen = on_top(qtbot, win, BreathingScreen)
    later(win, 3600.0)
    screen.tick()
    assert screen.finished
    return [screen]


def home_with_a_notice(qtbot, win: MainWindow) -> list[QWidget]:
    breathing(qtbot, win)
    qtbot.keyClick(win, Qt.Key.Key_Escape)  # in the app's own window, Esc ends at once
    qtbot.waitUntil(lambda: win.current_screen is win.home, timeout=3000)
    return [win.home]


def guest_home(qtbot, win: MainWindow) -> list[QWidget]:
    click(qtbot, win.log.panel.guest_check)
    return [win.home]


WALK: dict[str, Callable[..., list[QWidget]]] = {
    f.__name__: f
    for f in (
        home,
        home_other_situations,
        home_with_a_notice,
        guest_home,
        settings,
        about,
        first_start,
        crisis_editor,
        help_window,
        history,
        history_detail,
        session_dates,
        journal,
        journal_writing,
        body_map,
        journal_share,
        editor,
        problems_panel,
        present_setup,
        present_control_window,
        present_client_window,
        present_paused,
        present_floating,
        take_home_card,
        breathing,
        breathing_paused,
        breathing_stop_question,
        breathing_end,
        exercise,
        exercise_paused,
        exercise_stop_question,
        exercise_writing_step,
        exercise_end,
        rating_before,
        after_practice,
    )
}


@pytest.mark.parametrize("name", list(WALK))
def test_no_visible_word_on_the_screen_is_left_untranslated(name: str, qtbot, window) -> None:
    screens = WALK[name](qtbot, window)
    qtbot.wait(20)  # what the screen fills in on the next turn of the loop
    found = [line for screen in screens for line in untranslated_in(screen, ALLOWED)]
    assert found == [], "\n".join(found)


def test_the_walk_reaches_every_screen_module_of_the_app() -> None:
    """A new screen joins the walk: each module that defines a screen (a widget other screens
    push, or a window of its own) is named here with the opener that reaches it."""
    root = Path(__file__).resolve().parents[2] / "kapcompanion" / "ui"
    reached = {
        "shell/home.py": "home",
        "settings/screen.py": "settings",
        "settings/general.py": "settings",
        "shell/about.py": "about",
        "shell/first_start.py": "first_start",
        "shell/problems.py": "problems_panel",
        "help/window.py": "help_window",
        "log/history.py": "history",
        "log/sessions.py": "session_dates",
        "log/ratings.py": "rating_before",
        "journal/screen.py": "journal",
        "journal/body_map.py": "body_map",
        "journal/share.py": "journal_share",
        "editor/screen.py": "editor",
        "presentation/setup.py": "present_setup",
        "presentation/present.py": "present_client_window",
        "presentation/controls.py": "present_control_window",
        "presentation/window.py": "present_client_window",
        "presentation/take_home.py": "take_home_card",
        "breathing/screen.py": "breathing",
        "exercise/screen.py": "exercise",
        "practice/stop_ask.py": "breathing_stop_question",
    }
    assert set(reached.values()) <= set(WALK)
    screens = {
        str(path.relative_to(root))
        for path in root.rglob("*.py")
        if "closed = Signal()" in path.read_text(encoding="utf-8")
    }
    assert screens <= set(reached), sorted(screens - set(reached))
