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
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from kapcompanion import __version__
from kapcompanion.storage.paths import data_dir
from kapcompanion.ui.settings_store import settings_path
from kapcompanion.ui.theme import DARK, Theme, width

CONTENT_WIDTH = 820
ABOUT_TEXT = (
    "A quiet companion for paced breathing, body scans and grounding practice between, before "
    "and after medicine sessions. It is a practice aid, not treatment or medical advice. "
    "Everything you record stays on this computer; the app opens no network connection."
)


@dataclass(frozen=True)
class Library:
    name: str  # as shown
    distribution: str  # the installed package's name ("" for a C library)
    licence: str  # what the project publishes, used when the metadata does not say


LIBRARIES: tuple[Library, ...] = (
    Library("Qt for Python (PySide6)", "PySide6-Essentials", "LGPL-3.0"),
    Library("pyqtgraph", "pyqtgraph", "MIT"),
    Library("python-sounddevice", "sounddevice", "MIT"),
    Library("NumPy", "numpy", "BSD-3-Clause"),
    Library("platformdirs", "platformdirs", "MIT"),
    Library("PortAudio", "", "MIT-style (PortAudio licence)"),
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
        return LibraryInfo(library.name, "", library.licence)
    try:
        meta = metadata.metadata(library.distribution)
    except metadata.PackageNotFoundError:
        return LibraryInfo(library.name, "", library.licence)
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
        self.setObjectName("screen")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.title = "About"
        title = QLabel("About kapcompanion")
        title.setObjectName("title")
        self.version_label = QLabel(f"Version {__version__}")
        self.version_label.setObjectName("muted")
        about = QLabel(ABOUT_TEXT)
        about.setWordWrap(True)

        self.data_folder = data_dir(create=False)
        self.settings_file = settings_path()
        files = QFrame()
        files.setObjectName("card")
        files_heading = QLabel("Your files")
        files_heading.setObjectName("heading")
        self.data_label = QLabel(f"Practice log and your scripts: {self.data_folder}")
        self.settings_label = QLabel(f"Settings: {self.settings_file}")
        for label in (self.data_label, self.settings_label):
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.open_button = QPushButton("Open the data folder")
        self.open_button.setAccessibleName("Open the data folder in the file manager")
        self.open_button.setAutoDefault(True)
        self.open_button.clicked.connect(self.open_data_folder)
        self.open_message = QLabel("")
        self.open_message.setObjectName("notice")
        self.open_message.setWordWrap(True)
        self.open_message.hide()
        files_layout = QVBoxLayout(files)
        files_layout.setContentsMargins(28, 20, 28, 20)
        files_layout.setSpacing(10)
        files_layout.addWidget(files_heading)
        files_layout.addWidget(self.data_label)
        files_layout.addWidget(self.settings_label)
        files_layout.addWidget(self.open_button, 0, Qt.AlignmentFlag.AlignLeft)
        files_layout.addWidget(self.open_message)

        libs = QFrame()
        libs.setObjectName("card")
        libs_heading = QLabel("Built with")
        libs_heading.setObjectName("heading")
        self.libraries = licences()
        rows = [
            f"{info.name} {info.version}".strip() + f" — {info.licence}" for info in self.libraries
        ]
        self.licences_label = QLabel("\n".join(rows))
        self.licences_label.setWordWrap(True)
        self.licences_label.setAccessibleName("Libraries and their licences")
        self.licences_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        libs_note = QLabel(
            "Qt for Python is used under the GNU Lesser General Public License, version 3; its "
            "libraries are loaded as installed and can be replaced with other builds."
        )
        libs_note.setObjectName("hint")
        libs_note.setWordWrap(True)
        libs_layout = QVBoxLayout(libs)
        libs_layout.setContentsMargins(28, 20, 28, 20)
        libs_layout.setSpacing(10)
        libs_layout.addWidget(libs_heading)
        libs_layout.addWidget(self.licences_label)
        libs_layout.addWidget(libs_note)

        self.welcome_button = QPushButton("What this app is, and crisis resources")
        self.welcome_button.setAccessibleName(
            "Show the first-start notice again, with crisis resources"
        )
        self.welcome_button.setAutoDefault(True)
        self.welcome_button.clicked.connect(self.welcome_requested.emit)
        self.back_button = QPushButton("Back")
        self.back_button.setAccessibleName("Back to the previous screen")
        self.back_button.setAutoDefault(True)
        self.back_button.clicked.connect(self.closed.emit)
        hint = QLabel("Esc goes back.")
        hint.setObjectName("hint")
        row = QHBoxLayout()
        row.addWidget(hint)
        row.addStretch(1)
        row.addWidget(self.welcome_button)
        row.addWidget(self.back_button)

        column = QWidget()
        column.setMaximumWidth(width(CONTENT_WIDTH))
        layout = QVBoxLayout(column)
        layout.setContentsMargins(0, 28, 0, 28)
        layout.setSpacing(14)
        layout.addWidget(title)
        layout.addWidget(self.version_label)
        layout.addWidget(about)
        layout.addWidget(files)
        layout.addWidget(libs)
        layout.addLayout(row)
        layout.addStretch(1)
        page = QWidget()
        page_layout = QHBoxLayout(page)
        page_layout.setContentsMargins(32, 0, 32, 0)
        page_layout.addStretch(1)
        page_layout.addWidget(column, 100)
        page_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the controls take the focus, not the page
        scroll.setWidget(page)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        self.setTabOrder(self.open_button, self.welcome_button)
        self.setTabOrder(self.welcome_button, self.back_button)
        self.setFocusProxy(self.back_button)

    def open_data_folder(self) -> bool:
        """Open the data folder in the file manager (it may not exist before the first
        practice is saved; then say so)."""
        if not self.data_folder.is_dir():
            self._say(
                "The data folder has not been made yet: it appears with your first saved practice."
            )
            return False
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.data_folder))):
            self._say(
                f"No file manager could be opened here. The folder is {self.data_folder}; you "
                "can copy that path from above."
            )
            return False
        return True

    def _say(self, text: str) -> None:
        self.open_message.setText(text)
        self.open_message.show()
