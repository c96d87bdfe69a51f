"""Settings' choice of language: the system's, or one of the app's languages, each named in its
own words ("English", "Español"), so a person can find theirs whatever the screen speaks now.

The choice is saved at once; :class:`~kapcompanion.ui.shell.language.LiveLanguage` then builds
the screens anew in it.
"""

from __future__ import annotations

from PySide6.QtWidgets import QBoxLayout, QComboBox, QHBoxLayout, QLabel

from kapcompanion import i18n
from kapcompanion.i18n import _
from kapcompanion.services.settings import SettingsStore
from kapcompanion.ui.shell import scaffold
from kapcompanion.ui.shell.language import LANGUAGE
from kapcompanion.ui.shell.theme import width


class LanguageChoice(QComboBox):
    def __init__(self, store: SettingsStore) -> None:
        super().__init__()
        self.store = store
        self.setAccessibleName(_("Language"))
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        system = i18n.LANGUAGES[i18n.system_language()]
        self.addItem(_("Follow the system ({language})").format(language=system), i18n.SYSTEM)
        for code, name in i18n.LANGUAGES.items():
            self.addItem(name, code)
        self.setCurrentIndex(max(0, self.findData(store.get(LANGUAGE))))
        self.activated.connect(self._chosen)

    def _chosen(self, index: int) -> None:
        self.store.set(LANGUAGE, str(self.itemData(index)))


def language_row(store: SettingsStore, layout: QBoxLayout, at: int = 1) -> LanguageChoice:
    """A labelled :class:`LanguageChoice` put in ``layout`` at ``at`` (after a card's heading),
    its label as wide as the other rows' labels."""
    combo = LanguageChoice(store)
    caption = QLabel(_("Lan&guage"))
    caption.setBuddy(combo)
    scaffold.follow_text_size(caption, lambda: caption.setMinimumWidth(width(210)))
    row = QHBoxLayout()
    row.setSpacing(16)
    row.addWidget(caption)
    row.addWidget(combo)
    row.addStretch(1)
    layout.insertLayout(at, row)
    owner = layout.parentWidget()
    if owner is not None:  # the caption above the list when both do not fit side by side
        scaffold.line_or_column(owner, row)
    return combo
