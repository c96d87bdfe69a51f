"""The practice log's screens speak the person's language: History (its list, one practice, its
dates, an empty log and its dialogs), the session dates, the pages after a practice, home's
strip and the "stop here?" of every practice. In the pseudo-language every visible word must
have gone through a translation; in Spanish a few real sentences are checked on screen."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import datetime, timedelta

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QWidget

from kapcompanion import i18n
from kapcompanion.domain.clock import MonotonicClock
from kapcompanion.domain.journal_share import BodyPicture, Shared
from kapcompanion.domain.summary import (
    Summary,
)
from kapcompanion.services.library import ExerciseLibrary
from kapcompanion.storage import GuestLog, open_log
from kapcompanion.ui.log.history import HistoryScreen
from kapcompanion.ui.log.history_dialogs import DeleteAllDialog, ExportDialog
from kapcompanion.ui.log.history_table import COLUMNS
from kapcompanion.ui.log.panel import HomeLogPanel
from kapcompanion.ui.log.ratings import AFTER, BEFORE, RatingPrompt
from kapcompanion.ui.log.report import export_pdf
from kapcompanion.ui.log.sessions import SessionsScreen
from kapcompanion.ui.practice.stop_ask import StopAsk
from tests.gui.log.test_report import TITLES, pdf_text
from tests.helpers.layout import clipped, squeezed
from tests.helpers.practices import RECORDS, SESSIONS, TODAY
from tests.helpers.pseudo import outside_marks, untranslated, untranslated_in


@pytest.fixture
def spanish() -> Iterator[None]:
    if i18n.use_language("es") != "es" or i18n._("Your practice") == "Your practice":
        i18n.use_language("en")
        pytest.skip("the Spanish catalog is not compiled (python packaging/translations.py)")
    yield
    i18n.use_language("en")


@pytest.fixture
def store():
    log = open_log(clock=MonotonicClock())
    log.merge_records(RECORDS, SESSIONS)
    yield log
    log.close()


def shown(qtbot, widget: QWidget, size: tuple[int, int] = (1280, 800)) -> QWidget:
    qtbot.addWidget(widget)
    widget.resize(*size)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def words_of(*texts: str) -> list[str]:
    """The words of ``texts`` that no translation went through (to allow them, below)."""
    return [word for text in texts for word in untranslated(text)]


def summary_allowed() -> list[str]:
    """The chart's months and the exercises' titles, which the summary is given as the scripts
    wrote them (their own words, see :func:`script_titles`)."""
    return [*chart_months(), *words_of(*TITLES.values())]


def script_titles(screen: HistoryScreen) -> list[str]:
    """The built-in exercises' titles: the scripts' own words, read from the script files of the
    language in use; the pseudo-language has none of its own, so the English titles show."""
    return words_of(*screen.controller.titles.values())


def test_history_list_detail_and_dates_are_all_translated(qtbot, pseudo, store):
    history = HistoryScreen(
        store, ExerciseLibrary(), today=lambda: TODAY, ask_ratings=True, defer_charts=False
    )
    screen = shown(qtbot, history)
    assert screen.ask_check.isVisibleTo(screen) and screen.charts.built
    assert screen.model.rowCount() > 0
    assert untranslated_in(screen, allowed=script_titles(screen)) == []
    model = screen.model
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(len(COLUMNS))]
    assert all(outside_marks(h) == "" for h in headers), headers
    bar = screen.filter_bar
    assert bar.first_edit.accessibleName() == "⟦From date⟧"
    assert bar.last_edit.accessibleName() == "⟦To date⟧"
    assert bar.range_combo.currentText() == "⟦Last 3 months⟧"  # the default, found by its days
    screen.show_per_week(True)
    assert screen.charts.minutes_title.text() == "⟦Minutes practised each week⟧"
    screen.charts.week_button.setFocus()  # the day/week toggles' tool tips and names too
    assert untranslated_in(screen, allowed=script_titles(screen)) == []

    screen.select_row(0)
    assert screen.open_selected()
    assert screen.pages.currentIndex() == 1
    assert untranslated_in(screen, allowed=script_titles(screen)) == []
    assert screen.note_count.text().replace(" ", "").replace("/", "").isdigit()


def test_an_empty_history_and_a_guest_s_are_translated(qtbot, pseudo):
    screen = shown(
        qtbot, HistoryScreen(GuestLog(), ExerciseLibrary(), guest=True, today=lambda: TODAY)
    )
    assert screen.empty_label.isVisibleTo(screen) and screen.guest_label.isVisibleTo(screen)
    assert untranslated_in(screen, allowed=script_titles(screen)) == []


def test_history_s_dialogs_are_translated(qtbot, pseudo):
    export = ExportDialog((TODAY - timedelta(days=27), TODAY))
    qtbot.addWidget(export)
    export.show()
    assert untranslated_in(export) == []
    delete_all = DeleteAllDialog()
    qtbot.addWidget(delete_all)
    delete_all.show()
    assert untranslated_in(delete_all) == []
    # The word to type is the translated one; the English one no longer confirms.
    qtbot.keyClicks(delete_all.word, "delete")
    assert not delete_all.confirmed and not delete_all.delete_button.isEnabled()
    delete_all.word.setText("⟦delete⟧")
    assert delete_all.confirmed and delete_all.delete_button.isEnabled()


def test_session_dates_with_and_without_dates_are_translated(qtbot, pseudo, store):
    screen = shown(qtbot, SessionsScreen(store, today=lambda: TODAY))
    assert screen.list.count() == len(SESSIONS)
    days = [screen.list.item(i).text() for i in range(screen.list.count())]
    assert all(day.startswith("⟦") for day in days), days
    assert untranslated_in(screen) == []
    assert screen.add(SESSIONS[0]) is False  # already there: said in a translated sentence
    assert screen.status.text().startswith("⟦") and screen.status.text().endswith("⟧")

    empty = shown(qtbot, SessionsScreen(GuestLog(), guest=True, today=lambda: TODAY))
    assert empty.list.item(0).text() == "⟦No dates yet.⟧"
    assert untranslated_in(empty) == []


def after_pages() -> Iterable[RatingPrompt]:
    yield RatingPrompt(BEFORE)
    yield RatingPrompt(AFTER)
    yield RatingPrompt(AFTER, has_words=True, intention="to rest my shoulders")
    yield RatingPrompt(AFTER, ask_rating=False, has_words=True)


def test_the_pages_around_a_practice_are_translated(qtbot, pseudo):
    for prompt in after_pages():
        shown(qtbot, prompt)
        # The person's own words are theirs, in their language.
        own = ["to", "rest", "my", "shoulders"]
        assert untranslated_in(prompt, allowed=own) == [], (
            prompt.moment,
            prompt.ask_rating,
        )
        if prompt.ask_rating:
            prompt.choose(7)
        assert untranslated(prompt.go_button.accessibleName()) == []
    before = RatingPrompt(BEFORE)
    shown(qtbot, before)
    before.choose(4)
    assert before.go_button.accessibleName() == "⟦Begin, with 4 out of 10⟧"


def test_home_s_strip_and_stop_here_are_translated(qtbot, pseudo):
    panel = shown(qtbot, HomeLogPanel(), (900, 200))
    panel.show_session_line("", offer=True, integrate=True)
    panel.add_notice(i18n._("Note saved."))
    assert untranslated_in(panel) == []
    panel.show_guest(True, can_save=False)
    assert untranslated_in(panel) == []
    ask = shown(qtbot, StopAsk(i18n._("Note saved."), stop_name=i18n._("Stop here")), (900, 500))
    assert untranslated_in(ask) == []


def test_history_in_spanish_says_its_words_and_nothing_is_cut_off(qtbot, spanish, store):
    screen = shown(qtbot, HistoryScreen(store, ExerciseLibrary(), today=lambda: TODAY))
    assert screen.title == "Historial"
    assert screen.import_button.text() == "Importar una copia de seguridad…"
    assert screen.range_combo.currentText() == "Últimos 3 meses"
    assert screen.model.headerData(4, Qt.Orientation.Horizontal) == "Valoraciones"
    header = screen.table.horizontalHeader()
    for column in range(header.count()):  # every heading whole, however long its words
        assert header.sectionSize(column) >= header.sectionSizeHint(column), column
    assert clipped(screen) == [] and squeezed(screen) == []
    delete_all = DeleteAllDialog()
    qtbot.addWidget(delete_all)
    delete_all.show()
    qtbot.keyClicks(delete_all.word, "Eliminar ")
    assert delete_all.confirmed  # the Spanish word, in any case, spaces around it


def test_the_sessions_date_field_reads_as_spanish_writes_dates(qtbot, spanish):

    before = QLocale()
    QLocale.setDefault(QLocale("es"))
    try:
        screen = shown(qtbot, SessionsScreen(GuestLog(), today=lambda: TODAY))
        assert screen.date_edit.text() == "18 de marzo de 2026"
        assert screen.done_button.text() == "Hecho"
        after = shown(qtbot, RatingPrompt(AFTER, has_words=True, intention="descansar"))
        assert (
            after.intention_label.text() == "Tu intención también se guarda con ella: «descansar»"
        )
        assert clipped(after) == [] and squeezed(after) == []
    finally:
        QLocale.setDefault(before)


def summary_and_text(store, tmp_path) -> tuple[Summary, str]:
    target = tmp_path / "summary.pdf"
    summary = export_pdf(store, target, TODAY - timedelta(days=90), TODAY, titles=TITLES)
    return summary, pdf_text(target)


def chart_months() -> list[str]:
    """The months along the chart, which Qt names from its own calendar for the language in use
    (C's English in the pseudo-language, which Qt does not know)."""
    texts = [
        QLocale.c().standaloneMonthName(m, QLocale.FormatType.ShortFormat) for m in range(1, 13)
    ]
    return [word for text in texts for word in untranslated(text)]


def test_the_summary_pdf_says_only_translated_words(qapp, pseudo, store, tmp_path):
    _summary, text = summary_and_text(store, tmp_path)
    assert "⟦Practice summary⟧" in text and "⟦Medicine sessions⟧" in text
    left = untranslated(text, allowed=summary_allowed())
    assert left == [], left


def test_the_summary_pdf_follows_spanish(qapp, spanish, store, tmp_path):
    _summary, text = summary_and_text(store, tmp_path)
    assert "Resumen de práctica" in text
    assert "Minutos de práctica cada semana" in text
    assert "Un registro de práctica, no una evaluación." in text
    assert "Sesiones con medicina" in text
    assert "Practice summary" not in text and "What was practised" not in text
    months = {
        QLocale("es").standaloneMonthName(m, QLocale.FormatType.ShortFormat) for m in (1, 2, 3)
    }
    assert months & set(text.split())  # the months along the chart are Spanish
    assert not {"Jan", "Feb", "Mar"} & set(text.split())


def test_the_charts_name_months_and_days_in_spanish(qtbot, spanish, store):
    screen = shown(qtbot, HistoryScreen(store, ExerciseLibrary(), today=lambda: TODAY))
    screen.ensure_charts()
    assert screen.charts.minutes_plot is not None
    axis = screen.charts.minutes_plot.getPlotItem().getAxis("bottom")
    monday = datetime(2026, 3, 2, 12).timestamp()
    said = set()
    for level in axis.zoomLevels.values():
        axis.zoomLevel = level
        for spec in level.tickSpecs:
            said.update(axis.tickStrings([monday], 1.0, spec.spacing))
    assert {"mar", "lun 02"} <= said
    assert not {"Mar", "Mon 02"} & said


def test_home_s_strip_and_stop_here_fit_their_spanish_words(qtbot, spanish):
    panel = shown(qtbot, HomeLogPanel(), (1200, 200))
    panel.show_session_line("Hace 2 días de tu sesión.", offer=True, integrate=True)
    assert panel.guest_check.text() == "Practicar sin guardar nada"
    assert panel.short_button.accessibleName() == "Empezar 5 minutos de respiración suave"
    assert squeezed(panel) == [] and clipped(panel) == []
    ask = shown(qtbot, StopAsk("", stop_name="Parar aquí"), (900, 500))
    assert ask.title.text() == "¿Paramos aquí?"
    assert squeezed(ask) == [] and clipped(ask) == []


def test_what_is_shared_after_the_summary_is_translated_too(qapp, pseudo, store, tmp_path):
    body = BodyPicture(TODAY - timedelta(days=13), TODAY)
    shared = Shared(intention="rest", body=body)
    target = tmp_path / "shared.pdf"
    export_pdf(store, target, TODAY - timedelta(days=90), TODAY, titles=TITLES, shared=shared)
    text = pdf_text(target)
    for words in ("The fuller a region, the more often it was marked.", "front", "back"):
        assert f"⟦{words}⟧" in text
    # The intention is the person's own word.
    assert untranslated(text, allowed=[*summary_allowed(), "rest"]) == []
