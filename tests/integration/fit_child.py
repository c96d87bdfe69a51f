"""The app's part of tests/integration/test_wm_sideways.py, run in a process of its own on a
display with openbox (see tests/helpers/window_manager.py).

``python -m tests.integration.fit_child sideways --size 1280x800 --language es`` starts the app
at 100 % text in ``--language`` (chosen as Settings chooses it), gives the window ``--size``,
sets 200 % as Settings does while home shows, then opens every screen that scrolls (Settings,
History, the journal, the editor, the plan dialog and Help). For each it prints, as one JSON
line, every visible scrolling area whose page is wider than the area (it scrolls sideways) and
every wrapped line cut short.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtWidgets import QAbstractScrollArea, QWidget

from kapcompanion.services.settings import TEXT_SIZE
from tests.helpers.layout import clipped
from tests.integration import wm_child
from tests.integration.wm_child import framed, settle, wait_for


def sideways(root: QWidget) -> list[str]:
    """Visible scrolling areas under ``root`` that scroll sideways, with how far."""
    out = []
    for area in root.findChildren(QAbstractScrollArea):
        bar = area.horizontalScrollBar()
        if area.isVisible() and bar.maximum() > 0:
            inner = getattr(area, "widget", lambda: None)()
            name = type(inner).__name__ if inner is not None else type(area).__name__
            screen = area.parentWidget()
            while screen is not None and screen.objectName() != "screen" and screen.parentWidget():
                screen = screen.parentWidget()
            out.append(
                f"{type(area).__name__} of {name} in {type(screen).__name__}:"
                f" {bar.maximum()} px sideways (area {area.width()},"
                f" page min {inner.minimumSizeHint().width() if inner else 0},"
                f" window {root.window().width()})"
            )
    return out


def look(root: QWidget) -> dict[str, list[str]]:
    settle(300)
    return {"sideways": sideways(root), "clipped": clipped(root)}


def build(language: str) -> tuple[Any, Any]:
    """The app as a person starts it in ``language``, past the first-start notice, at 100 %,
    with a few practices in History, as a person who has used the app a while has."""
    from datetime import timedelta

    from benchmarks.history_data import realistic_year
    from kapcompanion.domain.clock import MonotonicClock
    from kapcompanion.storage import open_log

    records, sessions = realistic_year(date.today() - timedelta(days=1), recent_session=3)
    with open_log(clock=MonotonicClock()) as log:
        log.merge_records(records[-9:], sessions[-2:])
    return wm_child.build(100, language)


def visit_sideways(size: str, language: str) -> dict[str, Any]:
    from kapcompanion.ui.presentation.plan import PlanDialog

    window, logs = build(language)
    if size != "screen":  # else as large as the app makes it on the screen
        wide, high = (int(n) for n in size.split("x"))
        window.resize(wide, high)
        wait_for(lambda: window.width() == wide)
        settle(200)
    window.settings.set(TEXT_SIZE, 200)  # live, as Settings sets it
    settle(400)
    seen: dict[str, Any] = {}

    def visit(name: str, open_it: Callable[[], object]) -> None:
        open_it()
        seen[name] = look(window)
        window.pop()
        settle(50)

    def settings_at(part: float) -> Callable[[], None]:
        def open_it() -> None:
            screen = window.open_settings()
            settle(200)
            for area in screen.findChildren(QAbstractScrollArea):
                bar = area.verticalScrollBar()
                bar.setValue(round(bar.maximum() * part))

        return open_it

    visit("settings", window.open_settings)
    visit("settings half way", settings_at(0.5))
    visit("settings scrolled", settings_at(1.0))
    visit("history", window.open_history)
    visit("journal", window.log.open_journal)
    visit("editor", window.open_editor)
    dialog = PlanDialog(
        window.library.exercises, theme=window.theme, today=date.today(), parent=window
    )
    dialog.show()
    wait_for(lambda: framed(dialog))
    seen["plan"] = look(dialog)
    dialog.close()
    help_window = window.open_help()
    wait_for(lambda: framed(help_window))
    seen["help"] = look(help_window)
    help_window.close()
    window.ask_before_closing = False
    window.close()
    logs.close()
    return seen


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("what", choices=("sideways",))
    parser.add_argument("--size", default="screen", help="WxH, or screen: the app's own size")
    parser.add_argument("--language", default="es")
    args = parser.parse_args()
    print(json.dumps(visit_sideways(args.size, args.language)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
