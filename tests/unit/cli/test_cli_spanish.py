"""The command line in Spanish: its help lines, its mistakes and its lists, in a process of its
own with ``LANGUAGE=es`` (the compiled catalog, ``python packaging/translations.py``).

The child speaks the system's language as the command line does at its start, then runs the
command as typed; argparse's own words ("usage:", "options:") come from Python's catalog."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from kapcompanion import i18n
from tests.helpers.cli import ROOT

SPEAK_THE_SYSTEMS_LANGUAGE = (
    "import sys\n"
    "from kapcompanion import i18n\n"
    "i18n.use_language(i18n.system_language())\n"
    "from kapcompanion.__main__ import main\n"
    "sys.exit(main(sys.argv[1:]))\n"
)


@pytest.fixture(autouse=True)
def compiled() -> None:
    if i18n.catalog("es").gettext("start straight into a breathing practice") == (
        "start straight into a breathing practice"
    ):
        pytest.fail(
            "the Spanish catalog is not compiled with the command line's words: "
            "run `python packaging/translations.py`"
        )


def in_spanish(*args: str, language: str = "es") -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, LANGUAGE=language, QT_QPA_PLATFORM="offscreen")
    return subprocess.run(
        [sys.executable, "-c", SPEAK_THE_SYSTEMS_LANGUAGE, *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_breathe_help_is_in_spanish() -> None:
    done = in_spanish("breathe", "--help")
    assert done.returncode == 0, done.stderr
    out = " ".join(done.stdout.split())  # argparse wraps the lines
    assert "Empezar directamente una práctica de respiración." in out
    assert "empezar un poco más rápido e ir bajando con suavidad hasta el ritmo" in out
    assert "permitir ritmos con retenciones (son opcionales y pueden resultar activadoras)" in out
    assert "Teclas: Espacio pone en pausa, Esc termina una práctica" in out
    assert "start straight into" not in out and "Keys:" not in out


def test_a_mistake_is_named_in_spanish_on_one_line() -> None:
    done = in_spanish("breathe", "--pattern", "nope")
    assert done.returncode == 2
    last = done.stderr.strip().splitlines()[-1]
    assert "argumento --pattern: 'nope' no es un ritmo conocido; elige uno de estos:" in last
    done = in_spanish("breathe", "--pattern", "BOX")
    assert "'box' incluye retenciones, que están desactivadas; añade --allow-holds" in (done.stderr)


def test_the_list_speaks_spanish_around_the_exercises() -> None:
    done = in_spanish("list")
    assert done.returncode == 0, done.stderr
    assert "Ejercicios (kapcompanion run EXERCISE_ID empieza uno):" in done.stdout
    assert "Ritmos de respiración (kapcompanion breathe --pattern KEY):" in done.stdout
    assert "Tus propios guiones van en:" in done.stdout
    assert "Pantallas (kapcompanion present EXERCISE_ID --screen N):" in done.stdout


def test_the_same_child_speaks_english_when_the_system_does() -> None:
    done = in_spanish("breathe", "--help", language="en")
    assert "start straight into a breathing practice" in " ".join(done.stdout.split()).lower()
