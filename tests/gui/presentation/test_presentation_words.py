"""Presenting in the person's language: in the pseudo-language every word of the present page,
the therapist's control window (running, paused, asked to stop, ended, stepped into a grounding
practice), the client's window (a cue, the quiet dim of a pause), breathing together and the
take-home card's dialog comes through a translation; in Spanish the words read as written."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date

import pytest
from PySide6.QtWidgets import QApplication, QWidget

from kapcompanion import i18n
from kapcompanion.domain.clock import FakeClock
from kapcompanion.storage.library import load_builtin
from kapcompanion.ui.exercise.presented import ExercisePresented
from kapcompanion.ui.exercise.screen import ExerciseScreen
from kapcompanion.ui.presentation import present as pr
from kapcompanion.ui.presentation.setup import PresentSetup
from kapcompanion.ui.presentation.take_home import TakeHomeDialog
from kapcompanion.ui.presentation.together import TogetherPresented
from kapcompanion.ui.shell.theme import DARK, PRESENT
from tests.helpers.layout import clipped, squeezed
from tests.helpers.pseudo import untranslated_in

_WORD = re.compile(r"[^\W\d_]{2,}")


def words_of(texts: Iterable[str]) -> set[str]:
    return {w for text in texts for w in _WORD.findall(text)}


def untranslated_beside(
    root: QWidget, theirs: Iterable[QWidget] = (), allowed: Iterable[str] = ()
) -> list[str]:
    """What ``root`` shows untranslated, leaving out the widgets that show another's words
    (a step's text, a script's title): they are hidden for the look, then shown again."""
    hidden = [w for w in theirs if w.isVisibleTo(root)]
    for widget in hidden:
        widget.hide()
    try:
        return untranslated_in(root, allowed=allowed)
    finally:
        for widget in hidden:
            widget.show()


def none_untranslated(
    widget: QWidget, allowed: Iterable[str] = (), theirs: Iterable[QWidget] = ()
) -> None:
    found = untranslated_beside(widget, theirs, allowed)
    assert found == [], "\n".join(found)


def shown(qtbot, widget: QWidget) -> QWidget:
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


EXERCISES = load_builtin()[0]
CLOSE = next(e for e in EXERCISES if e.id == "session-close")
# The titles of the built-in scripts: the scripts' own words, read from the script files of the
# language in use (resources/exercises/es/ in Spanish); the pseudo-language has no script files
# of its own, so it shows the English scripts' titles as written.
TITLES = words_of(e.title for e in EXERCISES)


def test_the_present_page_speaks_only_through_translations(qtbot, pseudo):
    page = shown(qtbot, PresentSetup(EXERCISES, DARK))
    screen_names = {QApplication.screens()[0].name()}
    none_untranslated(page, TITLES | screen_names)


def test_the_screen_numbers_speak_through_translations(qtbot, pseudo):
    from kapcompanion.ui.presentation.identify import ScreenCard
    from kapcompanion.ui.presentation.screens import ScreenInfo

    card = shown(qtbot, ScreenCard(ScreenInfo(1, "", 0, 0, 1280, 800), DARK))
    none_untranslated(card)
    assert "⟦screen⟧" in card.accessibleName()  # a screen without a name of its own


def presented(qtbot, clock: FakeClock) -> tuple[pr.Presentation, ExerciseScreen]:
    content = ExerciseScreen(CLOSE, clock, PRESENT)
    p = pr.Presentation(ExercisePresented(content), clock, separate_controls=True)
    p.show()
    assert p.controls is not None
    qtbot.addWidget(p.controls)
    qtbot.waitExposed(p.controls)
    return p, content


def test_the_therapists_window_speaks_only_through_translations_in_every_state(qtbot, pseudo):
    clock = FakeClock(10.0)
    p, _content = presented(qtbot, clock)
    controls = p.controls
    assert controls is not None
    panel = controls.panel
    # The practice's title and its steps' words are the script's own (see TITLES), left out of
    # the look; asked to stop and at the end, the step's place holds our own words, and is read.
    seen: list[str] = []

    def look(state: str, *, step_words: bool = True) -> None:
        p.refresh()
        panel.refresh()
        theirs = [panel.title]
        if step_words:
            theirs += [panel.now, panel.coming]
        found = untranslated_beside(controls, theirs)
        seen.extend(f"{state}: {line}" for line in found)

    look("running")
    p.toggle_pause()
    look("paused")
    p.toggle_pause()
    p.request_stop()
    look("asked to stop", step_words=False)
    p.keep_going()
    p.step_into_grounding(0)
    assert p.stepped_in
    look("stepped into orienting")
    p.step_back()
    while not p.status().ended:
        p.next()
    look("ended", step_words=False)
    assert controls.panel.card_button.isVisible()
    assert seen == [], "\n".join(seen)
    p.close()


def test_the_clients_window_shows_a_cue_and_rests_in_translated_words(qtbot, pseudo):
    clock = FakeClock(10.0)
    p, content = presented(qtbot, clock)
    p.offer_cue(1)
    clock.advance(3.0)
    p.refresh()
    cue = p.view.cue
    assert cue.isVisibleTo(p.view)
    # The cue's words are the domain's, translated where the cue is made, and its name too.
    none_untranslated(cue)
    p.toggle_pause()  # the client's screen rests, dimmed, with its words
    p.refresh()
    assert p.status().paused and p.view.resting
    assert p.view.windowTitle() == content.exercise.title  # the script's title, as written
    # Beside the practice itself (with the script's own words), every word is translated.
    found = untranslated_beside(p.view, [content], allowed=TITLES)
    assert found == [], "\n".join(found)
    p.close()


def test_breathing_together_speaks_only_through_translations(qtbot, pseudo):
    clock = FakeClock(10.0)
    practice = TogetherPresented(clock)
    p = pr.Presentation(practice, clock, separate_controls=True)
    p.show()
    assert p.controls is not None
    qtbot.addWidget(p.controls)
    for _ in range(3):
        clock.advance(10.0)
        practice.tap()
    practice.begin_quiet(60.0)
    clock.advance(61.0)
    practice.tick()
    p.refresh()
    none_untranslated(p.controls)
    none_untranslated(practice.screen)
    p.close()


def test_the_take_home_dialog_speaks_only_through_translations(qtbot, pseudo, tmp_path):
    dialog = shown(qtbot, TakeHomeDialog(EXERCISES, theme=DARK, today=date(2026, 12, 5)))
    (tmp_path / "a-file").write_text("")
    assert not dialog.save_to(tmp_path / "a-file" / "card.pdf")  # a file is not a folder
    assert dialog.message.isVisible()
    none_untranslated(dialog, TITLES)


def test_the_controls_over_the_practice_on_one_screen_speak_through_translations(qtbot, pseudo):
    clock = FakeClock(10.0)
    content = ExerciseScreen(CLOSE, clock, PRESENT)
    p = pr.Presentation(ExercisePresented(content), clock, separate_controls=False)
    p.show()
    qtbot.addWidget(p.view)
    qtbot.waitExposed(p.view)
    p.view.activity()  # the mouse moved: the controls come up over the practice
    overlay = p.view.overlay
    assert overlay is not None and overlay.isVisible()
    p.toggle_pause()
    overlay.refresh()
    # The title is the script's own (see TITLES).
    none_untranslated(overlay, theirs=[overlay.title])
    p.close()


# -- in Spanish ------------------------------------------------------------------------------


@pytest.fixture
def spanish():
    if i18n.catalog("es").gettext("Take-home card") == "Take-home card":
        pytest.fail(
            "the Spanish catalog is not compiled with this area's words: "
            "run `python packaging/translations.py`"
        )
    i18n.use_language("es")
    yield
    i18n.use_language("en")


def test_the_therapists_window_reads_in_spanish_and_nothing_is_cut_off(qtbot, spanish):
    clock = FakeClock(10.0)
    p, _content = presented(qtbot, clock)
    controls = p.controls
    assert controls is not None
    panel = controls.panel
    assert panel.pause_button.text() == "Pausa"
    assert panel.card_button.text() == "Tarjeta para llevar"
    assert panel.hint.text().startswith("Espacio pone en pausa")
    p.toggle_pause()
    panel.refresh()
    assert panel.pause_button.text() == "Seguir"
    p.request_stop()
    panel.refresh()
    assert panel.now.text() == "¿Paramos aquí? La práctica espera hasta que elijas."
    assert panel.stop_here_button.text() == "Parar aquí"
    assert clipped(controls) == []
    assert squeezed(controls) == []
    p.close()


def test_the_present_page_reads_in_spanish_and_nothing_is_cut_off(qtbot, spanish):
    page = shown(qtbot, PresentSetup(EXERCISES, DARK))
    page.resize(1000, 900)
    assert page.present_button.text() == "Mostrar"
    assert page.keep_check.text() == "&Guardar esta práctica en mi propio registro"
    assert page.screen_combo.itemText(0).endswith("· la única")
    assert clipped(page) == []
    assert squeezed(page) == []


def test_breathing_together_writes_its_paces_with_a_decimal_comma_in_spanish(qtbot, spanish):
    clock = FakeClock(10.0)
    practice = TogetherPresented(clock)
    p = pr.Presentation(practice, clock, separate_controls=True)
    p.show()
    assert p.controls is not None
    qtbot.addWidget(p.controls)
    for gap in (1.0, 5.0, 5.5):  # about 11 breaths a minute
        clock.advance(gap)
        practice.tap()
    practice.tick()
    panel = practice.panel
    assert panel is not None
    panel.pace.setValue(5.5)
    assert panel.pace.text() == "5,5 por minuto"
    assert re.fullmatch(
        r"Su respiración: unas \d+(,\d)? por minuto · ahora \d+(,\d)?", panel.matched.text()
    )
    assert p.status().now in ("inhala", "exhala", "")
    p.close()
