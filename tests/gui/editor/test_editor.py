"""The script editor on a real scripts folder, driven through its widgets: a new script typed in,
saved and read back; a shipped script only ever copied; problems shown at their field as they
happen; steps reordered; a recorded voice saved beside the script; sharing and taking in; and
nothing lost on the way out."""

from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QMessageBox

from kapcompanion.cli.exercises import check_scripts
from kapcompanion.domain.clock import FakeClock
from kapcompanion.domain.drafts import BREATHING_ONLY, TIMED, UNTIL_CONTINUE
from kapcompanion.domain.voice import RATE
from kapcompanion.services.library import ExerciseLibrary
from kapcompanion.sound.recorder import SILENT_LEVEL, Level, Take
from kapcompanion.storage import script_files
from kapcompanion.storage.library import load_builtin, load_library, load_script
from kapcompanion.storage.paths import user_scripts_dir
from kapcompanion.storage.script_files import draft_from_file
from kapcompanion.storage.wav import read_wav
from kapcompanion.ui.editor import controller as ec
from kapcompanion.ui.editor import screen as editor_ui
from kapcompanion.ui.editor.screen import EditorScreen
from kapcompanion.ui.exercise.screen import ExerciseScreen
from tests.helpers.windows import shown_window

BUILT_IN = Path(__file__).resolve().parents[3] / "resources" / "exercises"


@pytest.fixture
def window(qtbot):
    return shown_window(qtbot, FakeClock(50.0))


class Microphone:
    """Stands in for the input device: a take of the given samples, as long as it is allowed
    to run on the fake clock."""

    def __init__(self, clock, samples):
        self.clock = clock
        self.samples = samples
        self.unavailable_reason = None
        self._on = False

    recording = property(lambda self: self._on)
    seconds = property(lambda self: 1.0 if self._on else 0.0)

    def start(self, device=None):
        self._on = True
        return True

    def level(self):
        return Level(-10.0, -16.0, False) if self._on else SILENT_LEVEL

    def problem(self):
        return None

    def stop(self):
        if not self._on:
            return None
        self._on = False
        return Take(self.samples, RATE, False, 0)

    def close(self):
        self._on = False


def spoken(seconds: float = 1.0) -> np.ndarray:
    rng = np.random.default_rng(5)
    t = np.arange(round(seconds * RATE)) / RATE
    voice = 0.1 * np.sin(2 * np.pi * 200 * t)
    pad = 0.001 * rng.standard_normal(RATE // 2)
    return np.concatenate([pad, voice, pad]).astype(np.float32)


@pytest.fixture
def editor(window) -> EditorScreen:
    screen = editor_ui.open_editor(
        window, recorder_factory=lambda clock: Microphone(clock, spoken())
    )
    assert window.current_screen is screen
    return screen


def type_into(qtbot, widget, text: str) -> None:
    widget.setFocus()
    widget.selectAll()
    qtbot.keyClicks(widget, text)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_the_home_screen_opens_the_editor(window, qtbot):
    qtbot.mouseClick(window.home.editor_button, Qt.MouseButton.LeftButton)
    assert isinstance(window.current_screen, EditorScreen)
    assert window.windowTitle().startswith(editor_ui.TITLE)


def test_a_new_script_typed_in_is_saved_checks_clean_and_reads_back_the_same(window, editor, qtbot):
    type_into(qtbot, editor.fields.id_edit, "evening-landing")
    type_into(qtbot, editor.fields.title_edit, 'An "evening" landing')
    editor.fields.description_edit.setFocus()
    qtbot.keyClicks(editor.fields.description_edit, "Feet, seat and hands.")
    editor.fields.moment_checks["session-close"].click()
    editor.fields.minutes_spin.setValue(3)
    form = editor.step_form
    form.text_edit.setFocus()
    qtbot.keyClicks(form.text_edit, "Welcome. You might let the chair hold you.")
    form.seconds_spin.setValue(25)
    editor.add_step()
    qtbot.keyClicks(form.text_edit, "How settled do you feel?")
    form.timing_combo.setCurrentIndex(form.timing_combo.findData(UNTIL_CONTINUE))
    form.input_combo.setCurrentIndex(form.input_combo.findData("rating"))
    type_into(qtbot, form.low_edit, "not settled")
    type_into(qtbot, form.high_edit, "very settled")
    editor.add_step()
    qtbot.keyClicks(form.text_edit, "A few easy breaths, if it feels right.")
    form.timing_combo.setCurrentIndex(form.timing_combo.findData(BREATHING_ONLY))
    form.preset_combo.setCurrentIndex(form.preset_combo.findData("longer-exhale"))
    form.breath_seconds.setValue(60)
    assert editor.controller.check() == []
    assert editor.status.text().startswith(ec.ALL_WELL)

    path = editor.controller.save()
    folder = user_scripts_dir(create=False)
    assert path == folder / "evening-landing" / "evening-landing.toml"
    assert (path.stat().st_mode & 0o777) == 0o600
    assert check_scripts([path]) == []  # what `kapcompanion check-script` says
    assert draft_from_file(path) == editor.controller.draft
    exercise = load_script(path)
    assert exercise.title == 'An "evening" landing'
    assert [s.text for s in exercise.steps][1] == "How settled do you feel?"
    assert exercise.steps[1].input.low == "not settled"
    assert exercise.steps[2].breathing.preset == "longer-exhale"
    assert exercise.steps[2].duration == exercise.steps[2].breathing.length
    # The home list knows it at once.
    assert window.home.exercise_list.exercise("evening-landing") is not None
    assert not editor.controller.dirty and editor.status.text().startswith("Saved.")


def test_a_shipped_script_opens_as_a_copy_and_is_never_written(window, editor, qtbot):
    before = {p.name: digest(p) for p in BUILT_IN.glob("*.toml")}
    entry = next(
        e for e in editor.controller.entries if e.shipped and e.exercise.id == "session-close"
    )
    editor.open_combo.setCurrentIndex(editor.open_combo.findData(entry))
    editor._open_chosen(editor.open_combo.currentIndex())
    assert editor.controller.path is None and editor.controller.draft.id == "session-close-mine"
    assert editor.controller.draft.title.endswith("(my copy)")
    assert "A copy of “Closing a session”" in editor.status.text()
    path = editor.controller.save()
    assert path is not None and path.parent.parent == user_scripts_dir(create=False)
    assert {p.name: digest(p) for p in BUILT_IN.glob("*.toml")} == before
    # Both are in the library now, under their own ids.
    exercises, problems = load_library(user_scripts_dir(create=False))
    ids = [e.id for e in exercises]
    assert problems == [] and "session-close" in ids and "session-close-mine" in ids
    # Taking the shipped id back is a problem shown at the id field, and nothing is written.
    type_into(qtbot, editor.fields.id_edit, "session-close")
    editor.controller.check()
    assert editor.fields.problems["id"].isVisible()
    assert "already the id of" in editor.fields.problems["id"].text()
    assert editor.controller.save() is None
    assert draft_from_file(path).id == "session-close-mine"


def test_a_save_aimed_at_a_shipped_file_is_refused(window, editor):
    shipped = BUILT_IN / "orienting.toml"
    before = digest(shipped)
    editor.controller.set_draft(draft_from_file(shipped), shipped)  # as if it were one's own file
    editor.controller.draft.title = "Changed"
    assert editor.controller.save() is None
    assert "never changed" in editor.general_problem.text()
    assert digest(shipped) == before


def test_a_new_script_opens_with_what_to_begin_with_not_problems(window, editor, qtbot):
    """Nothing typed yet is nothing wrong; once the person begins, what is missing is said in
    the form's words, not the file's."""
    assert editor.status.text().startswith(ec.NEW_SCRIPT)
    labels = [*editor.fields.problems.values(), *editor.step_form.problems.values()]
    assert not any(label.isVisible() for label in labels)
    type_into(qtbot, editor.fields.title_edit, "Evening")
    editor.controller.check()
    said = editor.fields.problems["id"].text()
    assert editor.fields.problems["id"].isVisible() and said.endswith("now: nothing yet.")
    assert "quotes" not in said
    assert editor.status.text().startswith("3 problems to look at")


def test_a_breathing_step_fits_the_panel_in_the_smallest_window(window, editor, qtbot):
    """ "When its breathing ends" showed the breathing form, whose lists, as wide as their
    longest choice, pushed the step's panel out sideways at 720x560."""
    form = editor.step_form
    form.timing_combo.setCurrentIndex(form.timing_combo.findData(BREATHING_ONLY))
    window.resize(720, 560)
    qtbot.waitUntil(lambda: window.width() == 720)
    qtbot.wait(50)
    assert editor.right_scroll.horizontalScrollBar().maximum() == 0
    assert editor.right_scroll.widget().minimumSizeHint().width() <= (
        editor.right_scroll.viewport().width()
    )


def test_a_step_that_asks_for_written_words_waits_for_the_person(window, editor, qtbot):
    """Choosing written words for a timed step lets it wait; a timer put back is a problem,
    never "everything checks out"."""
    form = editor.step_form
    form.text_edit.setFocus()
    qtbot.keyClicks(form.text_edit, "A word for how you feel, if you like.")
    assert form.timing_combo.currentData() == TIMED  # a new step's own timing
    form.input_combo.setCurrentIndex(form.input_combo.findData("text"))
    assert form.timing_combo.currentData() == UNTIL_CONTINUE
    assert not form.seconds_spin.isVisible()
    step = editor.controller.draft.steps[0]
    assert step.until_continue and step.seconds is None
    form.timing_combo.setCurrentIndex(form.timing_combo.findData(TIMED))
    editor.controller.check()
    assert "cut off while still writing" in form.problems["timing"].text()
    assert not editor.status.text().startswith(ec.ALL_WELL)


def test_problems_appear_at_their_field_as_they_are_made(window, editor, qtbot):
    entry = next(e for e in editor.controller.entries if e.exercise.id == "session-close")
    editor.controller.open_entry(entry)
    form = editor.step_form
    editor.select_step(3)
    form.seconds_spin.setValue(0)
    qtbot.waitUntil(lambda: form.problems["timing"].isVisible(), timeout=2000)  # as typed
    assert form.problems["timing"].text() == "A number of seconds from 1 to 1800; now: 0."
    assert form.seconds_spin.property("problem") is True
    assert not form.problems["text"].isVisible()
    item = editor.step_list.item(3)
    assert item.foreground().color() == QColor(editor._theme.focus)
    assert editor.step_list.item(0).foreground().color() == QColor(editor._theme.text)
    assert editor.status.text().startswith("1 problem to look at")
    assert not editor.preview_button.isEnabled()
    # Another step shows its own problems only; coming back shows this one again.
    editor.select_step(0)
    assert not form.problems["timing"].isVisible()
    editor.select_step(3)
    assert form.problems["timing"].isVisible()
    form.seconds_spin.setValue(12)
    editor.controller.check()
    assert (
        not form.problems["timing"].isVisible() and form.seconds_spin.property("problem") is False
    )

    # A pattern with holds in a session-close exercise: under the breathing part.
    form.breathing_check.setChecked(True)
    form.preset_combo.setCurrentIndex(form.preset_combo.findData("box"))
    form.breath_seconds.setValue(10)
    editor.controller.check()
    assert "without breath holds" in form.problems["breathing"].text()
    assert form.preset_combo.property("problem") is True
    form.breathing_check.setChecked(False)

    # A checklist with nothing to tick: under the answer part, at the items.
    form.input_combo.setCurrentIndex(form.input_combo.findData("checklist"))
    editor.controller.check()
    assert form.problems["input"].text().startswith("A list of 1 to 12 items")
    assert form.items_edit.property("problem") is True

    # No moment chosen: under "For"; an empty title: under the title.
    for check in editor.fields.moment_checks.values():
        check.setChecked(False)
    editor.fields.title_edit.clear()
    editor.fields.title_edit.textEdited.emit("")
    editor.controller.check()
    assert editor.fields.problems["for"].isVisible() and editor.fields.problems["title"].isVisible()
    assert editor.fields.title_edit.property("problem") is True
    assert editor.controller.save() is None


def test_steps_can_be_added_moved_and_removed(window, editor, qtbot):
    editor.controller.draft.id = "three"
    editor.controller.draft.title = "Three steps"
    editor.controller.draft.description = "One, two, three."
    texts = ["One.", "Two.", "Three."]
    editor.step_form.text_edit.setPlainText(texts[0])
    for text in texts[1:]:
        editor.add_step()
        editor.step_form.text_edit.setPlainText(text)
    assert [s.text for s in editor.controller.draft.steps] == texts
    editor.select_step(2)
    editor.up_button.click()
    assert [s.text for s in editor.controller.draft.steps] == ["One.", "Three.", "Two."]
    assert editor.current_step == 1 and editor.step_list.item(1).text() == "2. Three."
    editor.select_step(0)
    editor.remove_button.click()
    assert [s.text for s in editor.controller.draft.steps] == ["Three.", "Two."]
    assert not editor.up_button.isEnabled()
    editor.down_button.click()
    assert [s.text for s in editor.controller.draft.steps] == ["Two.", "Three."]
    editor.fields.show_draft(editor.controller.draft)
    path = editor.controller.save()
    assert [s.text for s in load_script(path).steps] == ["Two.", "Three."]


def test_a_recorded_voice_is_saved_beside_the_script_and_plays_in_the_practice(
    window, editor, qtbot
):
    entry = next(e for e in editor.controller.entries if e.exercise.id == "orienting")
    editor.controller.open_entry(entry)
    editor.select_step(1)
    panel = editor.voice_panel
    assert panel.record()
    panel.poll()
    assert panel.stop()
    name = editor.controller.draft.steps[1].voice
    assert name == "voice/orienting-mine-1.wav" and name in editor.controller.pending
    assert editor.step_list.item(1).text().endswith("♪")
    assert editor.controller.check() == []
    path = editor.controller.save()
    wav = path.parent / name
    assert wav.is_file() and (wav.stat().st_mode & 0o777) == 0o600
    assert check_scripts([path]) == []  # the loader finds the recording beside the script
    kept = read_wav(wav)
    assert abs(len(kept) / RATE - 1.3) < 0.02  # trimmed to the voice and its margins
    # Reopened, the step knows its recording and can play it back.
    window.library.reload()
    editor.controller.open_path(path)
    editor.select_step(1)
    assert panel.listen_button.isEnabled()
    # In a practice, the exercise screen names the file as the step begins.
    heard: list[str] = []
    window.practice.voice.connect(heard.append)
    screen = window.start_exercise(load_script(path))
    screen.next()
    assert heard[-1] == str(wav)


def test_a_missing_recording_is_shown_at_the_voice(window, editor):
    entry = next(e for e in editor.controller.entries if e.exercise.id == "orienting")
    editor.controller.open_entry(entry)
    editor.select_step(0)
    editor.controller.draft.steps[0].voice = "voice/gone.wav"
    editor.select_step(0)
    editor.controller.check()
    assert "no such file" in editor.step_form.problems["voice"].text()


def test_sharing_and_taking_in_a_script_with_its_recording(window, editor, tmp_path):
    entry = next(e for e in editor.controller.entries if e.exercise.id == "orienting")
    editor.controller.open_entry(entry)
    editor.select_step(0)
    editor.voice_panel.record()
    editor.voice_panel.stop()
    assert editor.controller.export_to(tmp_path / "x.kapscript") is None  # not saved yet
    assert "save the script first" in editor.general_problem.text()
    saved = editor.controller.save()
    shared = editor.controller.export_to(tmp_path / "orienting-mine.kapscript")
    assert shared is not None and shared.is_file()
    assert "1 recording" in editor.status.text()

    # Someone else takes it in, into a scripts folder of their own.
    other = tmp_path / "other-scripts"
    taker = EditorScreen(window.theme, window.clock, ExerciseLibrary(other))
    path = taker.controller.import_from(shared)
    assert path == other / "orienting-mine" / "orienting-mine.toml"
    assert taker.controller.path == path and taker.controller.draft == draft_from_file(saved)
    assert (path.parent / editor.controller.draft.steps[0].voice).is_file()
    # Taking the same one in again asks first whether it may replace the copy; Not now (Esc)
    # adds nothing, and the status no longer says it was taken in.
    assert "Took in" in taker.status.text()
    assert taker.controller.import_from(shared) is None
    (question,) = [b for b in taker.findChildren(QMessageBox) if b.isVisible()]
    assert question.text() == "Replace your copy of “Orienting to the room (my copy)”?"
    question.reject()
    assert "Took in" not in taker.status.text()
    assert sorted(p.name for p in other.iterdir()) == ["orienting-mine"]
    junk = tmp_path / "junk.kapscript"
    junk.write_text("not a zip")
    assert taker.controller.import_from(junk) is None
    assert "not a shared script this app can open" in taker.general_problem.text()


def test_a_failed_save_says_why_and_keeps_everything(window, editor, monkeypatch):
    editor.controller.draft.id = "kept"
    editor.controller.draft.title = "Kept"
    editor.controller.draft.description = "Kept."
    editor.controller.draft.steps[0].text = "Still here."

    def full(path, draft, mode=0o600):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(script_files, "write_script", full)
    assert editor.controller.save() is None
    assert "No space left on device" in editor.general_problem.text()
    assert editor.controller.draft.steps[0].text == "Still here." and editor.controller.path is None


def test_leaving_with_changes_asks_and_esc_never_throws_the_work_away(window, editor, qtbot):
    """Issue 15, item 11: Esc twice used to leave without the changes, with only a line of
    status said. Now Esc asks, Esc again keeps editing, and only "Leave without saving" (or
    "Save and leave") leaves."""
    editor.step_form.text_edit.setPlainText("Something typed.")
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    assert window.current_screen is editor
    assert editor.status.text().startswith(ec.LEAVE_ASK)
    assert editor.leave_button.isVisible() and editor.save_leave_button.isVisible()
    assert editor.save_leave_button.hasFocus()  # Enter keeps the work
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    assert window.current_screen is editor  # still here, with the words
    assert not editor.leave_button.isVisible()
    assert editor.step_form.text_edit.toPlainText() == "Something typed."
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    qtbot.mouseClick(editor.leave_button, Qt.MouseButton.LeftButton)
    assert window.current_screen is window.home


def test_save_and_leave_keeps_the_script_and_leaves(window, editor, qtbot, tmp_path):
    draft = editor.controller.draft
    draft.id, draft.title, draft.description = "kept-and-left", "Kept", "Kept."
    editor.step_form.text_edit.setPlainText("A step kept.")
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    qtbot.keyClick(editor.save_leave_button, Qt.Key.Key_Return)
    assert window.current_screen is window.home
    assert any(e.id == "kept-and-left" for e in window.library.exercises)


def test_the_minutes_follow_the_steps_until_the_person_sets_their_own(window, editor, qtbot):
    """Issue 15, item 11: the length shown in the list did not follow the steps."""
    c = editor.controller
    spin = editor.fields.minutes_spin
    editor.add_step()
    editor.add_step()
    steps = c.draft.steps
    total = sum(s.seconds or 0 for s in steps)
    assert spin.value() == c.draft.minutes == max(1.0, round(total / 30) / 2)
    spin.setValue(12.0)  # the person's own length
    editor.add_step()
    assert spin.value() == c.draft.minutes == 12.0
    assert not c.follows_steps


def test_leaving_without_changes_is_one_esc(window, editor, qtbot):
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    assert window.current_screen is window.home


def test_preview_runs_the_draft_in_the_exercise_screen_without_logging(window, editor):
    entry = next(e for e in editor.controller.entries if e.exercise.id == "weight-and-contact")
    editor.controller.open_entry(entry)
    editor.controller.draft.steps[0].text = "A changed first step."
    editor.controller.check()
    started: list = []
    window.practice.started.connect(started.append)
    assert editor.controller.preview()
    screen = window.current_screen
    assert isinstance(screen, ExerciseScreen)
    assert screen.step_text.text() == "A changed first step."
    screen.confirm_stop()
    assert window.current_screen is editor and started == []


def test_every_shipped_script_opens_in_the_form_without_problems(window, editor):
    for exercise in load_builtin()[0]:
        entry = next(e for e in editor.controller.entries if e.exercise.id == exercise.id)
        assert editor.controller.open_entry(entry)
        assert editor.controller.problems == [], exercise.id


def test_a_copy_of_a_script_with_a_recording_keeps_the_recording(window, editor):
    entry = next(e for e in editor.controller.entries if e.exercise.id == "orienting")
    editor.controller.open_entry(entry)
    editor.select_step(0)
    editor.voice_panel.record()
    editor.voice_panel.stop()
    first = editor.controller.save()
    editor.controller.duplicate()
    assert editor.controller.path is None and editor.controller.draft.id == "orienting-mine-mine"
    voice = editor.controller.draft.steps[0].voice
    second = editor.controller.save()
    assert second.parent != first.parent
    assert (second.parent / voice).read_bytes() == (first.parent / voice).read_bytes()
    assert check_scripts([first, second]) == []


def test_the_editor_lists_the_windows_shared_library_and_follows_its_changes(window, editor):
    assert editor.controller.library is window.library
    ids = [e.exercise.id for e in editor.controller.entries]
    assert sorted(ids) == sorted(e.id for e in window.library.exercises)
    assert all(e.shipped for e in editor.controller.entries)  # nobody has written one yet
    # A script put into the scripts folder shows once the library is read again.
    folder = window.library.folder
    folder.mkdir(parents=True, exist_ok=True)
    draft = draft_from_file(BUILT_IN / "orienting.toml")
    draft.id, draft.title = "from-elsewhere", "From elsewhere"
    script_files.write_script(folder / "from-elsewhere.toml", draft)
    window.library.reload()
    first = editor.controller.entries[0]
    assert first.exercise.id == "from-elsewhere" and not first.shipped
    assert editor.open_combo.itemData(1) == first
    assert editor.open_combo.itemText(1) == "From elsewhere (from-elsewhere.toml)"
    # Its id is taken now: a draft that uses it is told so.
    editor.fields.id_edit.setText("from-elsewhere")
    editor.fields.id_edit.textEdited.emit("from-elsewhere")
    editor.controller.check()
    assert "already the id of" in editor.fields.problems["id"].text()
