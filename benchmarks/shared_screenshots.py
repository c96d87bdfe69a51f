"""Screenshots of a person's shared and own scripts as files: home's "Open a shared practice…",
the script editor with "Delete…", the question before an updated copy replaces the older one,
and the question before a script goes to the trash. English and Spanish, at 100% text and then
at 200% set live in the running app, with a window manager (openbox) as on a desktop.

    python -m benchmarks.shared_screenshots [--out DIR]   (by default benchmarks/out/shared)

Prints one JSON object as its last line: the files written.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks import _shots  # noqa: E402  (after the line above, for `python benchmarks/...`)

DEFAULT_OUT = ROOT / "benchmarks" / "out" / "shared"


def child(out: Path) -> list[dict[str, str]]:
    import tempfile

    from PySide6.QtWidgets import QApplication, QMessageBox, QScrollArea

    from kapcompanion import i18n
    from kapcompanion.app import create_application
    from kapcompanion.domain.clock import FakeClock
    from kapcompanion.services.settings import FIRST_START_DONE, TEXT_SIZE, SettingsStore
    from kapcompanion.ui.editor.screen import EditorScreen
    from kapcompanion.ui.shell.appearance import apply_appearance
    from kapcompanion.ui.shell.language import LANGUAGE, speak
    from kapcompanion.ui.shell.main_window import MainWindow
    from tests.helpers.shared_scripts import FIRST, UPDATED, shared_copy

    create_application()
    out.mkdir(parents=True, exist_ok=True)
    files: list[dict[str, str]] = []
    therapist = Path(tempfile.mkdtemp())

    first = shared_copy(therapist, "first.kapscript", FIRST)
    updated = shared_copy(therapist, "updated.kapscript", UPDATED)

    def grab(window: MainWindow, name: str, what: str, *, whole_screen: bool = False) -> None:
        _shots.settle(400)
        path = out / f"{name}.png"
        if whole_screen:  # a question is a window of its own, over the app's
            screen = QApplication.primaryScreen()
            screen.grabWindow(0).save(str(path), "PNG")
        else:
            _shots.save(window, path)
        files.append({"file": _shots.shown(path), "shows": what})

    def close_questions(window: MainWindow) -> None:
        for box in window.findChildren(QMessageBox):
            if box.isVisible():
                box.reject()
        _shots.settle(200)

    for language in ("en", "es"):
        store = SettingsStore()
        store.set(LANGUAGE, language)
        store.set(FIRST_START_DONE, True)
        store.set(TEXT_SIZE, 100)
        speak(store)
        window = MainWindow(FakeClock(100.0), apply_appearance(store), settings=store)
        window.ask_before_closing = False
        window.show()
        _shots.settle(600)
        for percent in (100, 200):
            if percent == 200:
                store.set(TEXT_SIZE, 200)  # live, as Settings does
            tag = f"{language}-{percent}"
            window.show_home()
            page = window.home.findChild(QScrollArea)
            if page is not None:
                page.verticalScrollBar().setValue(page.verticalScrollBar().maximum())
            grab(window, f"home-tools-{tag}", "home, scrolled down: Open a shared practice…")
            editor = window.open_editor()
            assert isinstance(editor, EditorScreen)
            if editor.controller.import_from(first) is None:
                close_questions(window)
                editor.controller.import_from(first, replace=True)
            grab(window, f"editor-{tag}", "the editor with a taken-in script: Delete… at left")
            editor.controller.import_from(updated)
            grab(window, f"replace-{tag}", "an updated copy: replace it?", whole_screen=True)
            close_questions(window)
            editor.delete_button.click()
            grab(window, f"delete-{tag}", "Delete…: move it to the trash?", whole_screen=True)
            close_questions(window)
            editor.controller.dirty = False
            window.show_home()
        window.close()
        i18n.use_language(i18n.SOURCE)
    return files


def main() -> int:
    return _shots.main(
        __doc__ or "",
        "benchmarks.shared_screenshots",
        child,
        window_manager=True,
        unset=_shots.SYSTEM_LANGUAGE,
        out=DEFAULT_OUT,
    )


if __name__ == "__main__":
    sys.exit(main())
