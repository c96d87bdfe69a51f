"""The words in the person's language: choosing it, and nothing translated too early."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from kapcompanion import i18n
from tests.helpers.pseudo import outside_marks, speak_pseudo, untranslated


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({"LANG": "es_ES.UTF-8"}, "es"),
        ({"LANG": "es_MX"}, "es"),
        ({"LANG": "de_DE.UTF-8"}, "en"),
        ({"LANGUAGE": "fr:es", "LANG": "C.UTF-8"}, "es"),
        ({"LC_ALL": "C", "LANG": "es_ES.UTF-8"}, "en"),
        ({"LC_MESSAGES": "es_AR.UTF-8", "LANG": "en_GB.UTF-8"}, "es"),
        ({}, "en"),
    ],
)
def test_the_language_follows_the_system_as_gettext_reads_it(environ, expected):
    assert i18n.system_language(environ) == expected


def test_a_chosen_language_wins_over_the_system_and_an_unknown_one_follows_it():
    assert i18n.resolve("en", {"LANG": "es_ES.UTF-8"}) == "en"
    assert i18n.resolve("system", {"LANG": "es_ES.UTF-8"}) == "es"
    assert i18n.resolve("klingon", {"LANG": "es_ES.UTF-8"}) == "es"


def test_spanish_is_spoken_from_its_compiled_catalog_and_english_again_after():
    assert i18n.use_language("es") == "es"
    try:
        assert i18n.language() == "es"
        assert i18n._("Back home") == "Volver al inicio"
    finally:
        i18n.use_language("en")
    assert i18n._("Back home") == "Back home"


def test_listeners_hear_each_change_of_language_until_they_stop():
    heard: list[str] = []
    stop = i18n.on_change(heard.append)
    i18n.use_language("es")
    stop()
    i18n.use_language("en")
    assert heard == ["es"]


def test_the_pseudo_language_marks_every_sentence_and_finds_the_rest():
    speak_pseudo()
    try:
        text = i18n._("Ends at {time}").format(time=i18n._("noon"))
        assert outside_marks(text) == ""
        assert untranslated(f"{text} and more") == ["and", "more"]
        assert untranslated("<b>⟦Hello⟧</b>&nbsp;3") == []
    finally:
        i18n.use_language("en")


def test_nothing_is_translated_while_a_module_is_imported():
    """A sentence translated at import keeps the language of that moment: a later change (or
    the pseudo-language of the tests) would never reach it. Every module is imported in a child
    process with ``_`` and its kin recording each call."""
    code = r"""
import json, pkgutil, importlib, sys
import kapcompanion, kapcompanion.i18n as i18n
calls = []
def record(name, real):
    def f(*args):
        calls.append([name, sys._getframe(1).f_code.co_filename, sys._getframe(1).f_lineno])
        return real(*args)
    return f
for name in ("_", "ngettext", "pgettext"):
    setattr(i18n, name, record(name, getattr(i18n, name)))
for module in pkgutil.walk_packages(kapcompanion.__path__, "kapcompanion."):
    if module.name.endswith("__main__"):
        continue
    importlib.import_module(module.name)
print(json.dumps(calls))
"""
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True
    )
    calls = json.loads(done.stdout.strip().splitlines()[-1])
    assert calls == []
