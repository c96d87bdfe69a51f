"""The settings store (a QSettings INI file in the config folder) and the settings screen."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from kapcompanion.domain.clock import FakeClock
from kapcompanion.services.events import PracticeEvents
from kapcompanion.services.settings import (
    SETTINGS_VERSION,
    SettingsStore,
    bool_setting,
    int_setting,
    settings_path,
    text_setting,
)
from kapcompanion.ui.settings.screen import DEFAULT_OUTPUT, SettingsScreen
from kapcompanion.ui.shell.main_window import SETTINGS_NOTICE, MainWindow
from kapcompanion.ui.shell.sound_output import (
    BELLS,
    BREATH_TONE,
    OUTPUT,
    PHASE_TONES,
    SOUND_OFF_TEXT,
    SOUND_ON,
    STEP_CHIMES,
    VOLUME,
    SoundController,
)
from kapcompanion.ui.shell.volume import SWITCH_OFF, SWITCH_ON, VolumeControl
from tests.gui.settings.test_sound import Device, Factory, RecordingEngine

# -- the store ---------------------------------------------------------------------------------


def test_settings_live_in_the_config_folder_the_tests_point_at() -> None:
    config = Path(os.environ["XDG_CONFIG_HOME"])
    assert settings_path() == config / "kapcompanion" / "settings.ini"
    store = SettingsStore()
    store.set(SOUND_ON, True)
    assert settings_path().exists()
    assert oct(settings_path().stat().st_mode & 0o777) == oct(0o600)
    assert oct(settings_path().parent.stat().st_mode & 0o777) == oct(0o700)


def test_values_round_trip_through_the_file(tmp_path: Path) -> None:
    path = tmp_path / "conf" / "settings.ini"
    store = SettingsStore(path)
    assert store.get(SOUND_ON) is False and store.get(VOLUME) == 70  # the defaults
    store.set(SOUND_ON, True)
    store.set(VOLUME, 35)
    store.set(PHASE_TONES, True)
    store.set(BREATH_TONE, False)
    store.set(OUTPUT, "USB Audio: headphones (hw:1,0)")
    del store

    text = path.read_text()
    assert "[sound]" in text and "volume=35" in text
    assert f"version={SETTINGS_VERSION}" in text
    again = SettingsStore(path)
    assert again.get(SOUND_ON) is True
    assert again.get(VOLUME) == 35
    assert again.get(PHASE_TONES) is True
    assert again.get(BREATH_TONE) is False
    assert again.get(OUTPUT) == "USB Audio: headphones (hw:1,0)"
    assert again.get(STEP_CHIMES) is True and again.get(BELLS) is True
    assert again.problems == []
    assert again.version == SETTINGS_VERSION


def test_a_hand_written_file_is_read(tmp_path: Path) -> None:
    path = tmp_path / "settings.ini"
    path.write_text("[General]\nversion=1\n\n[sound]\nenabled = yes\nvolume = 55\noutput=\n")
    store = SettingsStore(path)
    assert store.get(SOUND_ON) is True
    assert store.get(VOLUME) == 55
    assert store.get(OUTPUT) == ""
    assert store.problems == []


def test_a_broken_value_falls_back_with_a_notice_and_is_kept(tmp_path: Path) -> None:
    path = tmp_path / "settings.ini"
    path.write_text("[General]\nversion=1\n[sound]\nvolume=loud\nenabled=maybe\nbells=false\n")
    store = SettingsStore(path)
    assert store.get(VOLUME) == 70
    assert store.get(SOUND_ON) is False
    assert store.get(BELLS) is False  # the good value next to them still counts
    assert store.get(VOLUME) == 70  # asked again: still one notice
    assert len(store.problems) == 2
    volume_note = next(p for p in store.problems if p.startswith("Volume"))
    assert "'loud'" in volume_note and "a whole number from 0 to 100" in volume_note
    assert "'70' is used until you change it" in volume_note
    assert "loud" in path.read_text()  # nothing the person wrote is lost
    store.set(VOLUME, 40)
    assert SettingsStore(path).get(VOLUME) == 40


def test_out_of_range_values_fall_back(tmp_path: Path) -> None:
    path = tmp_path / "settings.ini"
    path.write_text("[sound]\nvolume=250\n")
    store = SettingsStore(path)
    assert store.get(VOLUME) == 70
    assert "250" in store.problems[0]
    with pytest.raises(ValueError, match="a whole number from 0 to 100"):
        store.set(VOLUME, 101)


def test_an_unreadable_file_is_moved_aside_and_defaults_are_used(tmp_path: Path) -> None:
    path = tmp_path / "settings.ini"
    garbage = b"\x00\x01\xff\xfe[sound\x00volume=\x9c\n" * 20
    path.write_bytes(garbage)
    store = SettingsStore(path)
    assert store.get(VOLUME) == 70 and store.get(SOUND_ON) is False
    assert len(store.problems) == 1
    note = store.problems[0]
    assert str(path) in note and "could not be read" in note
    asides = list(tmp_path.glob("settings.ini.unreadable-*"))
    assert len(asides) == 1 and asides[0].name in note
    assert asides[0].read_bytes() == garbage  # kept, byte for byte
    assert store.set(VOLUME, 20)
    assert SettingsStore(path).get(VOLUME) == 20


def test_a_file_from_a_newer_version_is_read_and_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "settings.ini"
    path.write_text("[General]\nversion=7\n[sound]\nvolume=45\nsparkle=on\n")
    store = SettingsStore(path)
    assert store.get(VOLUME) == 45
    assert any("newer version" in p for p in store.problems)
    store.set(VOLUME, 50)
    text = path.read_text()
    assert "version=7" in text and "sparkle=on" in text


def test_typed_settings_parse_what_people_write() -> None:
    flag = bool_setting("a/flag", "A flag", False)
    for raw, expected in [("true", True), ("Yes", True), ("0", False), ("off", False)]:
        assert flag.read(raw) is expected
    assert flag.read("perhaps") is None and flag.read(2) is None
    number = int_setting("a/n", "A number", 3, 1, 5)
    assert number.read(" 4 ") == 4 and number.read("6") is None and number.read(True) is None
    text = text_setting("a/t", "A text", "", limit=5)
    assert text.read("abc") == "abc" and text.read("abcdef") is None and text.read("a\x00") is None


# -- the screen --------------------------------------------------------------------------------


def make_screen(qtbot, tmp_path: Path, *, on: bool = False, engine=None, devices=()):
    store = SettingsStore(tmp_path / "settings.ini")
    if on:
        store.set(SOUND_ON, True)
    factory = Factory(engine)
    controller = SoundController(
        PracticeEvents(),
        store,
        clock=FakeClock(),
        engine_factory=factory,
        devices=lambda: list(devices),
        background=False,
    )
    controller.start()
    screen = SettingsScreen(controller)
    qtbot.addWidget(screen)
    screen.resize(1000, 800)
    with qtbot.waitExposed(screen):
        screen.show()
    return screen, controller, factory


def test_the_screen_shows_and_changes_every_sound_setting(qtbot, tmp_path: Path) -> None:
    screen, controller, factory = make_screen(
        qtbot, tmp_path, devices=[Device("pulse"), Device("USB headphones")]
    )
    assert not screen.sound_check.isChecked()
    assert screen.status_label.text() == SOUND_OFF_TEXT
    assert screen.output_names == [DEFAULT_OUTPUT, "pulse", "USB headphones"]
    assert not screen.test_button.isEnabled()

    check = screen.sound_check
    qtbot.mouseClick(check, Qt.MouseButton.LeftButton, pos=QPoint(12, check.height() // 2))
    assert controller.enabled
    assert factory.engine.calls[0] == ("open", None)
    assert "Sound is on" in screen.status_label.text()
    assert screen.test_button.isEnabled()
    screen.test_button.click()
    assert factory.engine.calls[-1] == ("chime", "step_chime")

    # What plays once sound is on: the breath-like sound, the turns and the bells, not the tone.
    on = {name: check.isChecked() for name, check in screen.cue_checks.items()}
    assert on == {
        "breath_like": True,
        "breath_tone": False,
        "phase_tones": True,
        "step_chimes": True,
        "bells": True,
    }
    screen.cue_checks["phase_tones"].click()
    assert controller.cue_on("phase_tones") is False
    screen.cue_checks["breath_tone"].click()
    assert controller.cue_on("breath_tone") is True
    screen.cue_checks["breath_like"].click()
    assert controller.cue_on("breath_like") is False
    assert factory.engine.calls[-1] == ("set_cues", {"breath_like": False})

    screen.output_combo.setCurrentIndex(2)
    screen.output_combo.activated.emit(2)
    assert controller.output == "USB headphones"
    assert factory.engine.calls[-4:-2] == [("close",), ("open", "USB headphones")]

    # A new store on the same file sees all of it.
    again = SettingsStore(tmp_path / "settings.ini")
    assert again.get(SOUND_ON) is True
    assert again.get(PHASE_TONES) is False and again.get(BREATH_TONE) is True
    assert again.get(OUTPUT) == "USB headphones"


def test_the_screen_says_why_sound_is_unavailable(qtbot, tmp_path: Path) -> None:
    engine = RecordingEngine(opens=False)
    screen, _controller, _factory = make_screen(qtbot, tmp_path, on=True, engine=engine)
    assert screen.status_label.text() == engine.reason_when_closed
    assert screen.retry_button.isVisible()
    # The tick, kept, does not claim that sound plays under "Sound is off".
    assert screen.sound_check.isChecked()
    assert screen.sound_check.text() == "Play sound once an output is found"
    engine.opens = True
    screen.retry_button.click()
    assert "Sound is on" in screen.status_label.text()
    assert not screen.retry_button.isVisible()
    assert screen.sound_check.text() == "Play sound"


def test_a_saved_output_that_is_gone_is_still_shown(qtbot, tmp_path: Path) -> None:
    store = SettingsStore(tmp_path / "settings.ini")
    store.set(OUTPUT, "Old speakers")
    screen, _c, _f = make_screen(qtbot, tmp_path, devices=[Device("pulse")])
    assert screen.output_names == [DEFAULT_OUTPUT, "pulse", "Old speakers (not found now)"]
    assert screen.output_combo.currentIndex() == 2


def test_broken_settings_are_named_on_the_screen(qtbot, tmp_path: Path) -> None:
    (tmp_path / "settings.ini").write_text("[sound]\nvolume=very\n")
    screen, controller, _f = make_screen(qtbot, tmp_path)
    assert screen.problems_label.isVisible()
    assert "'very'" in screen.problems_label.text()
    assert screen.volume.slider.value() == 70
    assert controller.volume == 70


def test_every_control_has_a_name_and_is_reached_by_tab(qtbot, tmp_path: Path) -> None:
    screen, _c, _f = make_screen(qtbot, tmp_path, on=True)
    screen.sound_check.setFocus()
    seen = []
    for _ in range(12):
        widget = screen.focusWidget()
        seen.append(widget)
        assert widget.accessibleName(), widget
        qtbot.keyClick(widget, Qt.Key.Key_Tab)
    names = [w.accessibleName() for w in seen]
    for wanted in ("Play sound", "Volume", "Sound output", "Back to the previous screen"):
        assert wanted in names


# -- in the window -----------------------------------------------------------------------------


def test_home_opens_settings_and_esc_comes_back(qtbot) -> None:
    window = MainWindow(FakeClock())
    qtbot.addWidget(window)
    with qtbot.waitExposed(window), qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    window.home.settings_button.click()
    screen = window.current_screen
    assert isinstance(screen, SettingsScreen)
    assert window.windowTitle().startswith("Settings")
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    assert window.current_screen is window.home


def test_a_broken_settings_file_is_noticed_on_home(qtbot) -> None:
    path = settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"\x00\xff garbage")
    window = MainWindow(FakeClock())
    qtbot.addWidget(window)
    window.show()
    assert window.home.notice.text() == SETTINGS_NOTICE
    assert window.settings.problems


# -- the volume control ------------------------------------------------------------------------


def test_the_volume_control_works_from_the_keyboard(qtbot, tmp_path: Path) -> None:
    store = SettingsStore(tmp_path / "settings.ini")
    controller = SoundController(
        PracticeEvents(), store, engine_factory=Factory(), background=False
    )
    control = VolumeControl(controller)
    twin = VolumeControl(controller)
    qtbot.addWidget(control)
    qtbot.addWidget(twin)
    with qtbot.waitExposed(control), qtbot.waitActive(control):
        control.show()
        control.activateWindow()
    assert control.switch.accessibleName() == "Sound"
    assert control.slider.accessibleName() == "Volume"
    assert control.switch.text() == SWITCH_OFF and not control.switch.isChecked()

    control.switch.setFocus()
    qtbot.keyClick(control.switch, Qt.Key.Key_Return)
    assert controller.enabled and control.switch.text() == SWITCH_ON
    assert twin.switch.isChecked()  # every copy follows

    qtbot.keyClick(control.switch, Qt.Key.Key_Tab)
    assert control.slider.hasFocus()
    qtbot.keyClick(control.slider, Qt.Key.Key_Right)
    assert controller.volume == 75
    qtbot.keyClick(control.slider, Qt.Key.Key_PageDown)
    assert controller.volume == 65
    qtbot.keyClick(control.slider, Qt.Key.Key_End)
    assert controller.volume == 100
    qtbot.keyClick(control.slider, Qt.Key.Key_Home)
    assert controller.volume == 0
    assert control.slider.accessibleDescription() == "0 percent"
    assert twin.slider.value() == 0
    assert SettingsStore(tmp_path / "settings.ini").get(VOLUME) == 0


def test_a_volume_control_finds_the_windows_sound_when_shown(qtbot) -> None:
    window = MainWindow(FakeClock())
    qtbot.addWidget(window)
    control = VolumeControl()  # as a practice screen adds it: one line, no arguments
    assert not control.isEnabled()
    window.push(control)
    with qtbot.waitExposed(window):
        window.show()
    assert control.controller is window.sound
    assert control.isEnabled()
    assert control.slider.value() == window.sound.volume


class PracticeLike(QWidget):
    """A pausable screen with the volume control added the one-line way."""

    closed = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.pauses = 0
        self.volume = VolumeControl()
        QVBoxLayout(self).addWidget(self.volume)

    def toggle_pause(self) -> None:
        self.pauses += 1


def test_space_still_pauses_when_the_volume_control_has_the_focus(qtbot) -> None:
    window = MainWindow(FakeClock())
    qtbot.addWidget(window)
    with qtbot.waitExposed(window), qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    screen = PracticeLike()
    window.push(screen)
    assert screen.volume.controller is window.sound
    for widget in (screen.volume.switch, screen.volume.slider):
        widget.setFocus()
        before = screen.pauses
        qtbot.keyClick(widget, Qt.Key.Key_Space)
        assert screen.pauses == before + 1
    assert window.sound.enabled is False  # Space paused; it did not switch sound
    assert screen.volume.slider.value() == window.sound.volume
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    assert window.current_screen is window.home
