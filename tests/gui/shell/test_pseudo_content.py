"""In the pseudo-language, the shipped content reads as translated: the exercise list shows every
shipped title and description inside the marks, and the crisis lines their words, while the
person's own script is shown as they wrote it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from kapcompanion import i18n
from kapcompanion.domain.crisis import load_shipped
from kapcompanion.services.library import ExerciseLibrary
from kapcompanion.storage.library import load_builtin
from kapcompanion.ui.shell.exercise_list import ExerciseList, ExerciseRow
from kapcompanion.ui.shell.theme import DARK
from tests.helpers.pseudo import CLOSE, OPEN, outside_marks, speak_pseudo, visible_texts
from tests.helpers.pseudo_content import pseudo_content

MINE = (
    'id = "mine"\ntitle = "My own practice"\ndescription = "Mine."\nfor = "any-time"\n'
    'minutes = 1\n[[step]]\ntext = "Feet on the floor."\nseconds = 10\n'
)


def test_shipped_content_reads_as_translated_in_the_pseudo_language(
    qtbot: QtBot, tmp_path: Path
) -> None:
    english = load_builtin("en")[0]
    own = tmp_path / "own"
    own.mkdir()
    (own / "mine.toml").write_text(MINE, encoding="utf-8")
    library = ExerciseLibrary(own)
    listing = ExerciseList(DARK)
    qtbot.addWidget(listing)
    listing.follow(library)
    listing.resize(900, 3000)
    listing.show()
    qtbot.waitExposed(listing)
    try:
        with pseudo_content(tmp_path / "pseudo"):
            # The language changes while the list is shown, as it does from Settings.
            speak_pseudo()
            library.language_changed(i18n.language())
            assert library.problems == ()
            labels = [label.text() for label in listing.findChildren(QLabel)]
            rows = [r for r in listing.findChildren(ExerciseRow) if r.isVisibleTo(listing)]
            assert len(rows) >= 12  # the group between sessions: all but two
            by_id = {e.id: e for e in english}
            for row in rows:
                exercise = by_id[row.exercise.id]
                assert f"{OPEN}{exercise.title}{CLOSE}" in labels, exercise.id
                assert f"{OPEN}{exercise.description}{CLOSE}" in labels, exercise.id
            assert library.titles()["mine"] == "My own practice"
            # No listed title or description is visible outside the marks.
            shown = [outside_marks(text) for _where, text in visible_texts(listing)]
            for row in rows:
                exercise = by_id[row.exercise.id]
                assert not any(exercise.title in text for text in shown), exercise.id
                assert not any(exercise.description in text for text in shown), exercise.id
            # The steps too, and the crisis lines, with their numbers from the English file.
            step = library.find("orienting")
            assert step is not None and step.steps[-1].input is None
            assert all(s.text.startswith(OPEN) for s in step.steps)
            regions, problems = load_shipped()
            assert problems == []
            us = next(r for r in regions if r.key == "us")
            assert us.name == f"{OPEN}United States{CLOSE}"
            assert (
                us.lines[0].contact == f"{OPEN}Call or text 988, or chat at 988lifeline.org{CLOSE}"
            )
        # Outside, the pseudo-language has no shipped content of its own: English again.
        library.reload()
        assert library.titles()["orienting"] == "Orienting to the room"
    finally:
        i18n.use_language("en")
