"""The shared exercise library follows the language: when the person picks another, the shipped
scripts are read again in it and every screen listening is told; their own scripts stay as
they wrote them."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from kapcompanion import i18n
from kapcompanion.domain.scripts import Exercise, ScriptError
from kapcompanion.services.library import ExerciseLibrary

MINE = (
    'id = "mine"\ntitle = "My own"\ndescription = "Mine."\nfor = "any-time"\nminutes = 1\n'
    '[[step]]\ntext = "Feet on the floor."\nseconds = 10\n'
)


def test_a_change_of_language_reads_the_shipped_scripts_again(qtbot: QtBot, tmp_path: Path) -> None:
    (tmp_path / "mine.toml").write_text(MINE, encoding="utf-8")
    library = ExerciseLibrary(tmp_path)
    stop = i18n.on_change(library.language_changed)
    try:
        assert library.titles()["body-scan-3"] == "Body scan, 3 minutes"
        assert library.language == "en"
        with qtbot.waitSignal(library.changed, timeout=1000):
            i18n.use_language("es")
        assert library.language == "es"
        titles = library.titles()
        assert titles["body-scan-3"] == "Recorrido por el cuerpo, 3 minutos"
        assert titles["mine"] == "My own"
        step = library.find("orienting")
        assert step is not None and step.steps[0].text.startswith("Una práctica")
        assert library.problems == ()
        with qtbot.waitSignal(library.changed, timeout=1000):
            i18n.use_language("en")
        assert library.titles()["body-scan-3"] == "Body scan, 3 minutes"
    finally:
        stop()
        i18n.use_language("en")


def test_the_same_language_again_or_a_library_not_yet_read_costs_nothing(
    qtbot: QtBot, tmp_path: Path
) -> None:
    reads: list[Path | None] = []

    def loader(folder: Path | None) -> tuple[list[Exercise], list[ScriptError]]:
        reads.append(folder)
        return [], []

    library = ExerciseLibrary(tmp_path, loader=loader)
    emitted: list[None] = []
    library.changed.connect(lambda: emitted.append(None))
    library.language_changed("es")  # not read yet: it will be, in the language then in use
    assert reads == [] and emitted == []
    assert library.exercises == ()
    assert len(reads) == 1
    library.language_changed("en")  # read in English already
    assert len(reads) == 1 and emitted == []
    try:
        i18n.use_language("es")
        library.language_changed("es")
        assert len(reads) == 2 and len(emitted) == 1
        assert library.language == "es"
    finally:
        i18n.use_language("en")
