"""A pseudo-language for tests: every translated sentence comes back inside ⟦ ⟧.

Installed with :func:`speak_pseudo`, it makes any sentence that did not go through
:mod:`kapcompanion.i18n` stand out: :func:`untranslated` returns the words of a text that lie
outside the marks, and :func:`visible_texts` gathers the text a person can see in a window.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from kapcompanion import i18n

OPEN, CLOSE = "⟦", "⟧"
CODE = "qps"  # the usual code of a pseudo-locale; never offered to a person
_WORD = re.compile(r"[^\W\d_]{2,}")
_TAG = re.compile(r"<[^<>]*>")
_ENTITY = re.compile(r"&#?\w+;")


class PseudoTranslations:
    def gettext(self, message: str, /) -> str:
        return f"{OPEN}{message}{CLOSE}"

    def ngettext(self, singular: str, plural: str, n: int, /) -> str:
        return f"{OPEN}{singular if n == 1 else plural}{CLOSE}"

    def pgettext(self, context: str, message: str, /) -> str:
        return f"{OPEN}{message}{CLOSE}"


def speak_pseudo() -> None:
    i18n.use_translations(PseudoTranslations(), CODE)


def outside_marks(text: str) -> str:
    """``text`` without what lies inside the marks (marks may nest)."""
    depth = 0
    kept: list[str] = []
    for char in text:
        if char == OPEN:
            depth += 1
        elif char == CLOSE:
            depth = max(0, depth - 1)
        elif depth == 0:
            kept.append(char)
    return "".join(kept)


def untranslated(text: str, allowed: Iterable[str] = ()) -> list[str]:
    """Words of ``text`` that no translation went through (``allowed`` words aside: the
    person's own, names)."""
    allow = {word.lower() for word in allowed}
    plain = _ENTITY.sub(" ", _TAG.sub(" ", text))  # rich text: its tags are not words
    return [w for w in _WORD.findall(outside_marks(plain)) if w.lower() not in allow]


def visible_texts(root: object) -> Iterator[tuple[str, str]]:
    """(where, text) for the words a person can see in ``root`` and its visible children:
    labels, buttons, fields' placeholders, list and combo items, headers, tool tips, titles."""
    from PySide6.QtWidgets import (
        QAbstractButton,
        QComboBox,
        QGroupBox,
        QLabel,
        QLineEdit,
        QListWidget,
        QPlainTextEdit,
        QTableWidget,
        QTabWidget,
        QTextEdit,
        QTreeWidget,
        QWidget,
    )

    assert isinstance(root, QWidget)
    widgets = [root, *root.findChildren(QWidget)]
    for w in widgets:
        if not w.isVisibleTo(root) and w is not root:
            continue
        if w.property("proper_names"):  # names (of software, of licences): never translated
            continue
        name = f"{type(w).__name__}({w.objectName() or ''})"
        if w.isWindow() and w.windowTitle():
            yield name + ".windowTitle", w.windowTitle()
        if w.toolTip():
            yield name + ".toolTip", w.toolTip()
        if w.accessibleName():
            yield name + ".accessibleName", w.accessibleName()
        if isinstance(w, (QLabel, QAbstractButton)):
            yield name, w.text()
        elif isinstance(w, (QLineEdit, QTextEdit, QPlainTextEdit)):
            yield name + ".placeholder", w.placeholderText()
        elif isinstance(w, QComboBox):
            for i in range(w.count()):
                yield f"{name}[{i}]", w.itemText(i)
        elif isinstance(w, QGroupBox):
            yield name, w.title()
        elif isinstance(w, QTabWidget):
            for i in range(w.count()):
                yield f"{name}.tab[{i}]", w.tabText(i)
        elif isinstance(w, QListWidget):
            for i in range(w.count()):
                item = w.item(i)
                if item is not None and not item.isHidden():
                    yield f"{name}[{i}]", item.text()
        elif isinstance(w, QTableWidget):
            for c in range(w.columnCount()):
                header = w.horizontalHeaderItem(c)
                if header is not None:
                    yield f"{name}.header[{c}]", header.text()
        elif isinstance(w, QTreeWidget):
            tree_header = w.headerItem()
            for c in range(w.columnCount()):
                yield f"{name}.header[{c}]", tree_header.text(c)


def untranslated_in(root: object, allowed: Iterable[str] = ()) -> list[str]:
    """Each visible text of ``root`` with words outside the marks, as "where: text"."""
    allowed = list(allowed)
    return [
        f"{where}: {text!r}" for where, text in visible_texts(root) if untranslated(text, allowed)
    ]
