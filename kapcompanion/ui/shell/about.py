"""The About screen: the version, where the person's files are, and the libraries' licences.

Versions and licences are read from the installed packages' metadata (importlib.metadata) where
the package says; a licence the metadata does not name is given from what its project publishes.
PortAudio is a C library under sounddevice, with no Python metadata of its own.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import metadata

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QLabel, QWidget

from kapcompanion import __version__
from kapcompanion.i18n import N_, _
from kapcompanion.services.settings import settings_path
from kapcompanion.storage.paths import data_dir
from kapcompanion.ui.shell import scaffold
from kapcompanion.ui.shell.theme import DARK, Theme

CONTENT_WIDTH = 820
ABOUT_TEXT = N_(
    "A quiet companion for paced breathing, body scans and grounding practice between, before "
    "and after medicine sessions. It is a practice aid, not treatment or medical advice. "
    "Everything you record stays on this computer; the app opens no network connection."
)


@dataclass(frozen=True)
class Library:
    name: str  # as shown
    distribution: str  # the installed package's name ("" for a C library)
    licence: str  # what the project publishes, used when the metadata does not say (N_)


LIBRARIES: tuple[Library, ...] = (
    Library("Qt for Python (PySide6)", "PySide6-Essentials", "LGPL-3.0"),
    Library("pyqtgraph", "pyqtgraph", "MIT"),
    Library("python-sounddevice", "sounddevice", "MIT"),
    Library("NumPy", "numpy", "BSD-3-Clause"),
    Library("platformdirs", "platformdirs", "MIT"),
    Library("PortAudio", "", N_("MIT-style (PortAudio licence)")),
)


@dataclass(frozen=True)
class LibraryInfo:
    name: str
    version: str  # "" when not installed or not known
    licence: str


def library_info(library: Library) -> LibraryInfo:
    """The installed version and the licence named by the package's metadata (its
    License-Expression, else its License field when short, else the published licence)."""
    if not library.distribution:
        return LibraryInfo(library.name, "", _(library.licence))
    try:
        meta = metadata.metadata(library.distribution)
    except metadata.PackageNotFoundError:
        return LibraryInfo(library.name, "", _(library.licence))
    version = _field(meta, "Version")
    licence = _field(meta, "License-Expression")
    if not licence:
        field = _field(meta, "License")
        licence = field if field and len(field) <= 40 and "\n" not in field else ""
    if not licence:
        classifiers = [c for c in meta.get_all("Classifier") or [] if c.startswith("License ::")]
        licence = classifiers[0].rsplit("::", 1)[-1].strip() if classifiers else ""
    return LibraryInfo(library.name, version, licence or library.licence)


def _field(meta: metadata.PackageMetadata, name: str) -> str:
    values = meta.get_all(name) or []
    return str(values[0]).strip() if values else ""


def licences() -> list[LibraryInfo]:
    return [library_info(lib) for lib in LIBRARIES]


class AboutScreen(QWidget):
    """Emits ``closed`` on Back; ``welcome_requested`` to show the first-start notice again."""

    closed = Signal()
    welcome_requested = Signal()

    def __init__(self, theme: Theme = DARK, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        scaffold.as_screen(self)
        self.title = _("About")
        title = scaffold.label(_("About kapcompanion"), "title")
        self.version_label = scaffold.label(
            _("Version {version}").format(version=__version__), "muted"
        )
        about = scaffold.label(_(ABOUT_TEXT), wrap=True)

        self.data_folder = data_dir(create=False)
        self.settings_file = settings_path()
        files, files_layout = scaffold.card(_("Your files"))
        self.data_label = QLabel(
            _("Practice log and your scripts: {folder}").format(folder=self.data_folder)
        )
        self.settings_label = QLabel(_("Settings: {file}").format(file=self.settings_file))
        for text in (self.data_label, self.settings_label):
            text.setWordWrap(True)
            text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.open_button = scaffold.button(
            _("Open the data folder"),
            _("Open the data folder in the file manager"),
            self.open_data_folder,
        )
        self.open_message = scaffold.label("", "notice", wrap=True)
        self.open_message.hide()
        files_layout.addWidget(self.data_label)
        files_layout.addWidget(self.settings_label)
        files_layout.addWidget(self.open_button, 0, Qt.AlignmentFlag.AlignLeft)
        files_layout.addWidget(self.open_message)

        libs, libs_layout = scaffold.card(_("Built with"))
        self.libraries = licences()
        rows = [
            f"{info.name} {info.version}".strip() + f" — {info.licence}" for info in self.libraries
        ]
        self.licences_label = scaffold.label("\n".join(rows), wrap=True)
        # Names of other software and of their licences: the same in every language.
        self.licences_label.setProperty("proper_names", True)
        self.licences_label.setAccessibleName(_("Libraries and their licences"))
        self.licences_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        libs_note = scaffold.label(
            _(
                "Qt for Python is used under the GNU Lesser General Public License, version 3; "
                "its libraries are loaded as installed and can be replaced with other builds."
            ),
            "hint",
            wrap=True,
        )
        libs_layout.addWidget(self.licences_label)
        libs_layout.addWidget(libs_note)

        self.welcome_button = scaffold.button(
            _("What this app is, and crisis resources"),
            _("Show the first-start notice again, with crisis resources"),
            self.welcome_requested.emit,
        )
        self.back_button = scaffold.button(
            _("Back"), _("Back to the previous screen"), self.closed.emit
        )

        column, layout = scaffold.page_column(CONTENT_WIDTH)
        layout.addWidget(title)
        layout.addWidget(self.version_label)
        layout.addWidget(about)
        layout.addWidget(files)
        layout.addWidget(libs)
        layout.addLayout(
            scaffold.hint_row(_("Esc goes back."), self.welcome_button, self.back_button)
        )
        layout.addStretch(1)
        scaffold.scrolling_page(self, column)
        self.setTabOrder(self.open_button, self.welcome_button)
        self.setTabOrder(self.welcome_button, self.back_button)
        self.setFocusProxy(self.back_button)

    def open_data_folder(self) -> bool:
        """Open the data folder in the file manager (it may not exist before the first
        practice is saved; then say so)."""
        if not self.data_folder.is_dir():
            self._say(
                _(
                    "The data folder has not been made yet: it appears with your first saved "
                    "practice."
                )
            )
            return False
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.data_folder))):
            self._say(
                _(
                    "No file manager could be opened here. The folder is {folder}; you "
                    "can copy that path from above."
                ).format(folder=self.data_folder)
            )
            return False
        return True

    def _say(self, text: str) -> None:
        self.open_message.setText(text)
        self.open_message.show()
