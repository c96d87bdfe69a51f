"""The application object, the calm exception hook and the screenshot hook."""

from __future__ import annotations

import logging
import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from kapcompanion import app as application
from kapcompanion.domain.clock import FakeClock
from kapcompanion.ui.shell.main_window import MainWindow


def raise_and_catch(message: str = "boom"):
    try:
        raise RuntimeError(message)
    except RuntimeError:
        return sys.exc_info()


def test_the_application_is_named(qapp):
    built = application.create_application()
    assert built is qapp
    assert qapp.applicationName() == "kapcompanion"
    assert qapp.organizationName() == "kapcompanion"
    assert not qapp.windowIcon().isNull()
    assert "QPushButton" in qapp.styleSheet()


def test_an_unexpected_error_is_logged_not_swallowed(caplog):
    hook = application.CalmExceptHook(show=False)
    with caplog.at_level(logging.ERROR, logger="kapcompanion"):
        hook(*raise_and_catch("the first"))
    assert hook.count == 1
    assert "Unexpected error" in caplog.text and "the first" in caplog.text


def test_a_repeating_error_does_not_flood_the_log(caplog):
    hook = application.CalmExceptHook(show=False)
    with caplog.at_level(logging.ERROR, logger="kapcompanion"):
        for _ in range(50):
            hook(*raise_and_catch())
    assert hook.count == 50
    assert len(caplog.records) == 3 + 1  # three in full, then a note at the tenth


def test_the_person_sees_one_calm_message(qtbot, caplog):
    shown = []

    def close_the_message():
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            shown.append(box.text())
            box.accept()
        else:
            QTimer.singleShot(20, close_the_message)

    hook = application.CalmExceptHook(quiet_seconds=60.0)
    QTimer.singleShot(20, close_the_message)
    with caplog.at_level(logging.ERROR, logger="kapcompanion"):
        hook(*raise_and_catch())
        hook(*raise_and_catch())  # within the quiet time: logged, not shown again
    assert shown == [application.ERROR_TEXT]
    assert "carry on" in shown[0]
    assert hook.count == 2


def test_save_screenshot_writes_the_window(qtbot, tmp_path):
    window = MainWindow(FakeClock())
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    target = tmp_path / "shots" / "home.png"
    assert application.save_screenshot(window, target)
    from PySide6.QtGui import QImage

    image = QImage(str(target))
    assert (image.width(), image.height()) == (1280, 800)


def test_keyboard_interrupt_goes_to_the_default_hook(monkeypatch):
    seen = []
    monkeypatch.setattr(sys, "__excepthook__", lambda *info: seen.append(info[0]))
    hook = application.CalmExceptHook(show=False)
    try:
        raise KeyboardInterrupt
    except KeyboardInterrupt:
        hook(*sys.exc_info())
    assert seen == [KeyboardInterrupt]
    assert hook.count == 0
