"""The wording checks read a script written in Spanish as they read one in English."""

from __future__ import annotations

import json

import pytest

from kapcompanion.domain.feelings import is_inward
from kapcompanion.domain.script_check import parse_script
from kapcompanion.domain.scripts import Exercise
from kapcompanion.domain.wording import (
    Rule,
    check_wording,
    has_big_feelings_route,
    hedges,
    names_anchor,
    offers_anchor,
    sensitive_regions,
)


def script(*texts: str, seconds: float = 20, title: str = "Una práctica") -> Exercise:
    head = (
        f'id = "es"\ntitle = {json.dumps(title)}\ndescription = "Unos pasos."\n'
        'for = ["any-time"]\nminutes = 1\n'
    )
    steps = "".join(f"[[step]]\ntext = {json.dumps(t)}\nseconds = {seconds:g}\n" for t in texts)
    return parse_script(head + steps)


def rules(exercise: Exercise) -> set[Rule]:
    return {w.rule for w in check_wording(exercise)}


@pytest.mark.parametrize(
    ("text", "regions"),
    [
        ("Nota tu pecho y tu vientre.", ["belly", "chest"]),
        ("La mandíbula, la garganta y los ojos.", ["throat", "jaw", "eyes"]),
        ("Tus caderas descansan.", ["pelvis"]),
        ("Frente a la ventana, tus manos.", []),  # "frente" here is "in front of"
    ],
)
def test_sensitive_parts_of_the_body_are_found_in_spanish(text, regions):
    assert sensitive_regions(text) == regions


def test_an_outside_anchor_offered_in_spanish_is_seen():
    assert names_anchor("Siente tus pies en el suelo.")
    assert offers_anchor("Nota tu pecho, o tus manos si lo prefieres.")
    assert offers_anchor("Puedes volver a la habitación en cualquier momento.")
    assert offers_anchor("Puedes abrir los ojos cuando quieras.")
    assert not offers_anchor("Nota tu pecho y tu vientre.")


def test_a_spanish_practice_with_a_way_out_of_big_feelings_needs_no_warning():
    calm = script(
        "Siente tus pies en el suelo.",
        "Si algo se vuelve demasiado, puedes abrir los ojos y mirar a tu alrededor.",
        "Nota tus manos, y dónde descansan.",
        seconds=120,
    )
    assert has_big_feelings_route(calm)
    assert check_wording(calm) == []


def test_the_same_problems_are_found_in_a_spanish_script():
    found = rules(
        script(
            "Nota tu pecho y deja que se hunda en la pesadez.",
            "Quizá, si quieres, descansa aquí.",
            "Haz una respiración profunda.",
            "Este es un lugar seguro, y trata tus síntomas.",
            seconds=60,
        )
    )
    assert found >= {
        Rule.SENSITIVE_REGION,
        Rule.SINKING,
        Rule.HEDGES,
        Rule.BIG_BREATHS,
        Rule.SAFETY_PROMISE,
        Rule.CLAIMS,
        Rule.BIG_FEELINGS,
    }
    assert hedges("Quizá, si quieres, descansa aquí.") == ["quizá", "si quieres"]


def test_a_spanish_step_about_the_breath_turns_inward():
    exercise = script("Nota tu respiración, tal como es.", "Mira la habitación.")
    assert is_inward(exercise.steps[0])
    assert not is_inward(exercise.steps[1])
