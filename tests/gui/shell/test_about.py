"""The About screen: version, where the files are, and the libraries' licences from metadata."""

from __future__ import annotations

from importlib import metadata

from PySide6.QtCore import Qt

from kapcompanion import __version__
from kapcompanion.services.settings import settings_path
from kapcompanion.storage.paths import data_dir
from kapcompanion.ui.shell.about import LIBRARIES, AboutScreen, library_info, licences


def test_version_files_and_licences_are_shown(qtbot):
    screen = AboutScreen()
    qtbot.addWidget(screen)
    assert __version__ in screen.version_label.text()
    assert str(data_dir(create=False)) in screen.data_label.text()
    assert str(settings_path()) in screen.settings_label.text()
    text = screen.licences_label.text()
    for name, licence in (
        ("PySide6", "LGPL-3.0"),
        ("pyqtgraph", "MIT"),
        ("sounddevice", "MIT"),
        ("NumPy", "BSD-3-Clause"),
        ("platformdirs", "MIT"),
        ("PortAudio", "MIT"),
    ):
        line = next(row for row in text.splitlines() if name in row)
        assert licence in line, line


def test_versions_come_from_the_installed_packages():
    infos = {info.name: info for info in licences()}
    for library in LIBRARIES:
        if library.distribution:
            assert infos[library.name].version == metadata.version(library.distribution)
    missing = library_info(type(LIBRARIES[0])("Nothing", "no-such-distribution-here", "MIT"))
    assert missing.version == "" and missing.licence == "MIT"


def test_a_missing_data_folder_is_explained_not_opened(qtbot):
    screen = AboutScreen()
    qtbot.addWidget(screen)
    assert not screen.data_folder.exists()
    qtbot.mouseClick(screen.open_button, Qt.MouseButton.LeftButton)
    assert screen.open_message.isVisibleTo(screen)
    assert "first saved practice" in screen.open_message.text()
    assert not screen.data_folder.exists()  # looking never creates it
