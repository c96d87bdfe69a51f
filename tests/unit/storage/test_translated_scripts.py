"""The shipped scripts in Spanish: one for every English script, with the same id and steps, and
English wherever a translation is missing or no longer fits, one script at a time."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from kapcompanion import i18n
from kapcompanion.domain.script_translation import differences, placeholders
from kapcompanion.domain.scripts import ChecklistInput, Exercise, RatingInput, TextInput
from kapcompanion.domain.wording import (
    is_big_feelings_route,
    offers_anchor,
    sensitive_regions,
    sentences,
)
from kapcompanion.storage.library import (
    add_translations,
    check_files,
    load_builtin,
    load_library,
    translations_folder,
)

ROOT = Path(__file__).resolve().parents[3]
ENGLISH = ROOT / "resources" / "exercises"
SPANISH = ENGLISH / "es"
# Words as a reader counts them, accented letters and ñ included.
_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")


def english_files() -> list[Path]:
    return sorted(ENGLISH.glob("*.toml"))


def texts(exercise: Exercise) -> list[str]:
    found = [exercise.title, exercise.description]
    for step in exercise.steps:
        found.append(step.text)
        if isinstance(step.input, RatingInput):
            found += [step.input.low, step.input.high]
        elif isinstance(step.input, TextInput) and step.input.hint:
            found.append(step.input.hint)
        elif isinstance(step.input, ChecklistInput):
            found += step.input.items
    return found


@pytest.fixture
def spanish() -> Iterator[None]:
    i18n.use_language("es")
    yield
    i18n.use_language("en")


@pytest.fixture
def partial(tmp_path: Path) -> Iterator[Path]:
    """Spanish translations read from a folder of the test's own (empty at first)."""
    folder = tmp_path / "es"
    folder.mkdir()
    undo = add_translations("es", folder)
    yield folder
    undo()


def test_every_built_in_script_has_a_spanish_version_that_fits() -> None:
    assert sorted(p.name for p in SPANISH.glob("*.toml")) == [p.name for p in english_files()]
    assert Path(str(translations_folder("es"))).resolve() == SPANISH
    # The checker passes each one, and no id is used twice among them.
    assert check_files(sorted(SPANISH.glob("*.toml"))) == []
    english, problems = load_builtin("en")
    assert problems == []
    spanish, problems = load_builtin("es")
    assert problems == []
    assert [e.id for e in spanish] == [e.id for e in english]
    assert len(spanish) == len(english_files()) == 14
    for en, es in zip(english, spanish, strict=True):
        assert Path(es.source).parent.resolve() == SPANISH, es.id
        assert differences(en, es) == []
        assert len(es.steps) == len(en.steps)

        def kinds(exercise: Exercise) -> list[tuple[object, ...]]:
            return [(s.until_continue, s.breathing, s.sound, s.input) for s in exercise.steps]

        assert [k[:3] for k in kinds(es)] == [k[:3] for k in kinds(en)]
        assert [type(k[3]) for k in kinds(es)] == [type(k[3]) for k in kinds(en)]
        for a, b in zip(texts(en), texts(es), strict=True):
            assert placeholders(a) == placeholders(b)
            # Translated, not copied (a number-only title such as "5-4-3-2-1" aside).
            assert a != b or not _WORD.search(a), (es.id, a)


def test_the_spanish_words_keep_the_rules_that_do_not_depend_on_the_language() -> None:
    spanish, _ = load_builtin("es")
    for exercise in spanish:
        assert len(exercise.title) <= 80
        for n, step in enumerate(exercise.steps, start=1):
            where = f"{exercise.id} step[{n}]"
            count = len(_WORD.findall(step.text))
            assert count <= 35, where
            for sentence in sentences(step.text):
                assert len(_WORD.findall(sentence)) <= 20, (where, sentence)
            if step.duration is not None and step.breathing is None:
                assert step.duration >= 0.4 * count + 5, where  # time to read
        for text in texts(exercise):
            # "tú", never "usted" or "vosotros"; no breath held.
            lowered = text.lower()
            assert not re.search(r"\busted(es)?\b|\bvosotr|\b\w+(áis|éis|asteis)\b", lowered), text
            assert "aguanta" not in lowered and "retén" not in lowered, text


def test_the_english_scripts_read_only_the_files_beside_them() -> None:
    english, problems = load_builtin("en")
    assert problems == []
    assert {Path(e.source).parent.resolve() for e in english} == {ENGLISH}
    assert english[0].title.isascii()


def test_the_language_in_use_is_the_default(spanish: None) -> None:
    exercises, problems = load_builtin()
    assert problems == []
    titles = {e.id: e.title for e in exercises}
    assert titles["body-scan-3"] == "Recorrido por el cuerpo, 3 minutos"
    assert titles["when-it-gets-big"] == "Cuando es demasiado"


def test_a_language_without_translations_is_english() -> None:
    exercises, problems = load_builtin("xx")
    assert problems == []
    assert [e.title for e in exercises] == [e.title for e in load_builtin("en")[0]]


def test_a_missing_translation_falls_back_to_english_per_script(partial: Path) -> None:
    shutil.copy(SPANISH / "orienting.toml", partial / "orienting.toml")
    exercises, problems = load_builtin("es")
    assert problems == []
    titles = {e.id: e.title for e in exercises}
    assert titles["orienting"] == "Orientarse en la habitación"
    assert titles["body-scan-3"] == "Body scan, 3 minutes"
    assert len(exercises) == 14


def test_a_translation_that_no_longer_fits_is_named_and_english_is_used(partial: Path) -> None:
    # One step fewer than the English script, and a step's timing changed to waiting.
    text = (SPANISH / "orienting.toml").read_text(encoding="utf-8")
    last = text.rindex("[[step]]")
    (partial / "orienting.toml").write_text(text[:last], encoding="utf-8")
    text = (SPANISH / "body-scan-3.toml").read_text(encoding="utf-8")
    (partial / "body-scan-3.toml").write_text(
        text.replace("seconds = 15\n", "until_continue = true\n", 1), encoding="utf-8"
    )
    # A file that is not TOML at all, and one with an id no shipped script has.
    broken = 'id = "five-senses"\ntitle = '
    (partial / "five-senses.toml").write_text(broken, encoding="utf-8")
    (partial / "extra.toml").write_text(
        (SPANISH / "resource.toml").read_text(encoding="utf-8").replace('"resource"', '"extra"'),
        encoding="utf-8",
    )
    exercises, problems = load_builtin("es")
    titles = {e.id: e.title for e in exercises}
    assert titles["orienting"] == "Orienting to the room"
    assert titles["body-scan-3"] == "Body scan, 3 minutes"
    assert titles["five-senses"] == "5-4-3-2-1 senses"
    assert "extra" not in titles and len(exercises) == 14
    said = [str(p) for p in problems]
    assert (
        "orienting.toml, step: expected 10 steps, as in the English orienting.toml, found 9"
    ) in said
    assert (
        "body-scan-3.toml, step[2]: expected a timed step, as in the English body-scan-3.toml, "
        "found a step that waits for the person"
    ) in said
    assert any(p.startswith("five-senses.toml, line 2") for p in said)
    assert 'extra.toml, id: expected the id of a shipped script, found "extra"' in said


def test_a_translated_step_may_stay_a_little_longer_but_not_become_another_practice(
    partial: Path,
) -> None:
    text = (SPANISH / "body-scan-3.toml").read_text(encoding="utf-8")
    (partial / "body-scan-3.toml").write_text(
        text.replace("seconds = 16\n", "seconds = 20\n", 1), encoding="utf-8"
    )
    exercises, problems = load_builtin("es")
    assert problems == []
    assert exercises[[e.id for e in exercises].index("body-scan-3")].title.startswith("Recorrido")
    (partial / "body-scan-3.toml").write_text(
        text.replace("seconds = 16\n", "seconds = 40\n", 1), encoding="utf-8"
    )
    exercises, problems = load_builtin("es")
    assert [str(p) for p in problems] == [
        "body-scan-3.toml, step[7].seconds: expected 15 to 22.5 seconds, "
        "as in the English body-scan-3.toml, found 40"
    ]


def test_the_persons_own_scripts_are_read_as_they_wrote_them(tmp_path: Path) -> None:
    own = tmp_path / "mine"
    own.mkdir()
    (own / "mine.toml").write_text(
        'id = "mine"\ntitle = "My own"\ndescription = "Mine."\nfor = "any-time"\nminutes = 1\n'
        '[[step]]\ntext = "Feet on the floor."\nseconds = 10\n',
        encoding="utf-8",
    )
    # The same file name and id as a shipped script: still the person's, still a clash.
    shutil.copy(ENGLISH / "orienting.toml", own / "orienting.toml")
    exercises, problems = load_library(own, "es")
    mine = {e.id: e for e in exercises}["mine"]
    assert mine.title == "My own" and mine.steps[0].text == "Feet on the floor."
    assert {e.id: e.title for e in exercises}["orienting"] == "Orientarse en la habitación"
    assert [p.key for p in problems] == ["id"]
    assert Path(problems[0].file).parent == own


# Outside anchors in Spanish: hands, feet, floor, chair, seat, the room, sounds, eyes opening.
_ANCHOR_ES = re.compile(
    r"\b(manos|pies|suelo|silla|asiento|habitación|sonidos|abrir los ojos|abrirse|abiertos|parar)\b"
)
# The eyes opening or looking around: a way out on its own.
_EYES_ES = re.compile(r"\babrir(los|se| los ojos)\b|\babiertos\b|\bmirar (la habitación|alrededor)")
_OFFER_ES = re.compile(
    r"\b(o|saltar|volver|ir a|en cualquier momento|cuando quieras|también)\b", re.IGNORECASE
)


def test_where_the_english_offers_a_way_back_the_spanish_does_too() -> None:
    english = {e.id: e for e in load_builtin("en")[0]}
    for es in load_builtin("es")[0]:
        for n, (a, b) in enumerate(zip(english[es.id].steps, es.steps, strict=True), start=1):
            where = f"{es.id} step[{n}]: {b.text}"
            if sensitive_regions(a.text) and offers_anchor(a.text):
                # A tender part of the body, with a choice of something outside in the step.
                offered = _ANCHOR_ES.search(b.text) and _OFFER_ES.search(b.text)
                assert _EYES_ES.search(b.text) or offered, where
            if is_big_feelings_route(a.text):
                assert re.search(r"demasiado|intens|grande|mucho", b.text), where
                assert _ANCHOR_ES.search(b.text), where
