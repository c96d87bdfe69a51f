"""Starting with the computer: an XDG autostart entry that opens kapcompanion quietly in the tray.

The entry is ``$XDG_CONFIG_HOME/autostart/<APP_ID>.desktop`` (the freedesktop Desktop
Application Autostart Specification). It starts this very installation (see
:func:`kapcompanion.cli.desktop.app_command`) with ``run --in-tray``: the window stays closed
and the tray icon waits for the reminders, unless there is no tray or reminders are off, when
the window opens as usual. Written all or nothing, removed when the person no longer wants it.

Nothing here loads Qt.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from kapcompanion.cli.desktop import APP_ID, PUBLIC_FILE, Places, app_command, exec_argument
from kapcompanion.storage.files import replacing

IN_TRAY = "--in-tray"


def autostart_path(places: Places | None = None) -> Path:
    places = places if places is not None else Places.from_environment()
    return places.config_home / "autostart" / f"{APP_ID}.desktop"


def autostart_entry(command: Sequence[str]) -> str:
    words = " ".join(exec_argument(word) for word in [*command, "run", IN_TRAY])
    return "\n".join(
        [
            "[Desktop Entry]",
            "Type=Application",
            "Name=kapcompanion",
            "Comment=Waits quietly in the tray for your reminders",
            "Comment[es]=Espera en silencio en la bandeja para tus recordatorios",
            f"Icon={APP_ID}",
            f"Exec={words}",
            "Terminal=false",
            "NoDisplay=true",
            "X-GNOME-Autostart-enabled=true",
            "",
        ]
    )


class DesktopAutostart:
    """The autostart entry of this installation (an :class:`~kapcompanion.services.autostart.
    Autostart`)."""

    def __init__(self, places: Places | None = None, command: Sequence[str] | None = None) -> None:
        self.path = autostart_path(places)
        self._command = list(command) if command is not None else None

    def is_on(self) -> bool:
        return self.path.is_file()

    def set_on(self, on: bool) -> None:
        if not on:
            self.path.unlink(missing_ok=True)
            return
        command = self._command if self._command is not None else app_command()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with replacing(self.path, mode=PUBLIC_FILE) as f:
            f.write(autostart_entry(command).encode())
