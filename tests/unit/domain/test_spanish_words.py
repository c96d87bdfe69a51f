"""The domain's sentences in Spanish, from the compiled catalog, and what is kept unchanged.

The ids and values that are stored (a sensation, how a practice ended, a body-map answer) stay
the same whatever the language; only what is shown changes.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta

import pytest

from kapcompanion import i18n
from kapcompanion.domain import body_map, history_text, integration, pacing, situations, words
from kapcompanion.domain.practice import Status
from kapcompanion.domain.script_check import check_text
from kapcompanion.domain.scripts import Moment

DAY = date(2026, 3, 18)  # a Wednesday
NOW = datetime(2026, 3, 18, 9, 30, tzinfo=UTC)


@pytest.fixture(autouse=True)
def spanish() -> Iterator[None]:
    assert i18n.use_language("es") == "es"
    yield
    i18n.use_language("en")


def test_dates_and_counts_read_as_in_spanish():
    assert words.long_date(DAY) == "18 de marzo de 2026"
    assert words.short_date(DAY) == "18 mar"
    assert history_text.list_day(DAY, DAY) == "mié 18 mar"
    assert words.relative_day(DAY - timedelta(days=3), DAY) == "hace 3 días"
    assert words.relative_day(DAY + timedelta(days=1), DAY) == "mañana"
    assert words.joined(["lunes", "martes", "viernes"]) == "lunes, martes y viernes"
    assert history_text.week_line([DAY]) == (
        "Esta semana, por ahora, practicaste estos días: miércoles."
    )
    assert history_text.imported_text(1, 2, 1) == (
        "Se añadió 1 práctica (2 ya estaban en tu registro) y 1 fecha de sesión."
    )


def test_patterns_say_their_timing_with_a_decimal_comma_and_two_kinds_of_pause():
    assert pacing.PRESETS["resonance"].name == "Resonancia"
    assert pacing.PRESETS["resonance"].summary() == (
        "inhala 5,5 · exhala 5,5 · 5,5 respiraciones por minuto"
    )
    box = pacing.PRESETS["box"]
    assert [p.label for p in box.phases] == [
        "inhalando",
        "pausa con aire",
        "exhalando",
        "pausa sin aire",
    ]
    assert box.key == "box"  # the id a practice is kept under is the same


def test_home_and_the_days_after_a_session_invite_in_spanish():
    assert [s.title for s in situations.SITUATIONS] == [
        "Antes de mi sesión",
        "Cierre de una sesión",
        "Entre sesiones",
        "Solo respirar",
    ]
    assert Moment.SESSION_CLOSE.label == "Cierre de una sesión"
    window = integration.integration_window([DAY - timedelta(days=1)], DAY)
    assert integration.suggestion_text(window, False) == (
        "Tu última sesión con medicina fue ayer. Si quieres, puedes tomarte hoy cinco minutos "
        "sin prisa para ti."
    )


def test_a_script_problem_says_where_what_and_what_to_do_in_spanish():
    _exercise, problems = check_text(
        'id = "x"\ntitle = "Mío"\ndescription = "Mío."\nfor = "any-time"\nminutes = 0\n'
        '[[step]]\ntext = "Uno."\nseconds = 20\n',
        "mio.toml",
    )
    assert [str(p) for p in problems] == [
        "mio.toml, línea 5, minutes: se esperaba un número de minutos de 1 a 120; se encontró: 0"
    ]


def test_the_body_map_speaks_spanish_and_keeps_its_answers_the_same():
    sitting = body_map.Sitting()
    sitting.set_intensity("hand-left", 4)
    mark = sitting.choose("hand-left", at=NOW, sensation="warmth")
    assert sitting.describe("hand-left") == "Mano izquierda, calor, 4 de 10"
    assert mark.sensation is body_map.Sensation.WARMTH and mark.label == "warmth"
    answer = body_map.answer_text([mark])
    assert answer == "Left hand, warmth, 4 of 10"
    again = body_map.marks_from_answer([answer], at=NOW, practice_uuid="p", key="map")
    assert [(m.region, m.label, m.intensity) for m in again] == [("hand-left", "warmth", 4)]


def test_how_a_practice_ended_is_shown_in_spanish_and_kept_as_its_id():
    assert words.outcome_text(Status.STOPPED) == "paró cuando lo elegiste"
    assert words.OUTCOMES[Status.STOPPED] == "stopped when you chose"
    assert Status.STOPPED.value == "stopped"
