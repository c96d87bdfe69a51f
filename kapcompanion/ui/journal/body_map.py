"""The body map: mark where something is felt, what it is like and how strong; or see, over a
span of days, where things were felt.

:class:`BodyMapWidget` puts the outline (:class:`~.body_canvas.BodyCanvas`) beside a line saying
what the region with the attention holds and, on Enter or a click, a short list of sensations
with a field for a word of one's own. Everything works from the keyboard:

- Tab reaches the outline (one stop); the arrow keys move between regions, F turns it around;
- Enter opens the list of sensations (Enter chooses one; Tab reaches the field for one's own
  word; Esc closes the list and goes back to the outline);
- 0-9 set how strong (0 to 9), + and - raise and lower it (up to 10);
- Delete or Backspace takes back the region's latest mark.

Every change of a mark is emitted (``marked`` with the mark as it now is, ``unmarked`` when one
is taken back); the rules live in :class:`kapcompanion.domain.body_map.Sitting`. In a summary
(``editable=False``) the outline shows how often each region was marked and the keys only move.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kapcompanion.domain.body_map import (
    MAX_OWN_WORD,
    REGIONS,
    RegionSummary,
    Sensation,
    Side,
    Sitting,
    region,
)
from kapcompanion.i18n import N_, _
from kapcompanion.ui.journal.body_canvas import BodyCanvas
from kapcompanion.ui.shell import scaffold
from kapcompanion.ui.shell.theme import Theme

KEYS = N_(
    "Arrow keys move · F turns the outline · Enter: what it is like · 0–9, + and −: how strong "
    "· Delete takes back"
)
SUMMARY_KEYS = N_("Arrow keys move · F turns the outline")
TENDER = N_(
    "Some people find this a tender place. You can pass it by, or come back to your hands or "
    "feet whenever you like."
)
CHOOSE = N_("What is it like in the {name}?")
OWN_WORD_HINT = N_("or a word of your own, then Enter")
NOTHING = N_("nothing marked")
#: The sensations as the list offers them (the values stay the stored ids).
SENSATION_NAMES = {
    Sensation.WARMTH: N_("warmth"),
    Sensation.TINGLING: N_("tingling"),
    Sensation.TIGHTNESS: N_("tightness"),
    Sensation.HEAVINESS: N_("heaviness"),
    Sensation.LIGHTNESS: N_("lightness"),
    Sensation.TREMBLING: N_("trembling"),
    Sensation.NUMBNESS: N_("numbness"),
    Sensation.ACHE: N_("ache"),
    Sensation.OPENNESS: N_("openness"),
}
_ESCAPE_KEYS = (Qt.Key.Key_Escape,)
_ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class SensationChooser(QWidget):
    """The sensations and a field for a word of one's own. Emits ``chosen(sensation value or
    None, own word or None)`` or ``cancelled``."""

    chosen = Signal(object, object)
    cancelled = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = scaffold.label("", "heading", wrap=True)
        self.list = QListWidget()
        self.list.setAccessibleName(_("Sensations"))
        for sensation in Sensation:
            name = _(SENSATION_NAMES.get(sensation, sensation.value))
            item = QListWidgetItem(name[:1].upper() + name[1:])
            item.setData(Qt.ItemDataRole.UserRole, sensation.value)
            self.list.addItem(item)
        self.list.setMinimumHeight(160)
        self.own = QLineEdit()
        self.own.setMaxLength(MAX_OWN_WORD)
        self.own.setPlaceholderText(_(OWN_WORD_HINT))
        self.own.setAccessibleName(_("A word of your own"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        layout.addWidget(self.heading)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.own)
        for widget in (self.list, self.own):
            widget.installEventFilter(self)

    def open_for(self, region_name: str) -> None:
        self.heading.setText(_(CHOOSE).format(name=_(region_name).lower()))
        self.own.clear()
        self.list.setCurrentRow(0)
        self.show()
        self.list.setFocus(Qt.FocusReason.OtherFocusReason)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if not isinstance(event, QKeyEvent):
            return super().eventFilter(watched, event)
        key = event.key()
        if kind == QEvent.Type.ShortcutOverride and key in (*_ESCAPE_KEYS, *_ENTER_KEYS):
            event.accept()  # Esc closes this list, not the screen
            return True
        if kind == QEvent.Type.KeyPress and key in _ESCAPE_KEYS:
            self.cancelled.emit()
            return True
        if kind == QEvent.Type.KeyPress and key in _ENTER_KEYS:
            self._choose(from_field=watched is self.own)
            return True
        return super().eventFilter(watched, event)

    def _choose(self, *, from_field: bool) -> None:
        if from_field:
            word = self.own.text().strip()
            if word:
                self.chosen.emit(None, word)
            return
        item = self.list.currentItem()
        if item is not None:
            self.chosen.emit(item.data(Qt.ItemDataRole.UserRole), None)


class BodyMapWidget(QWidget):
    """The outline with what it holds; see the module's description. ``now`` gives the local
    time, with its zone, that marks are made at."""

    marked = Signal(object)
    unmarked = Signal(object)

    def __init__(
        self,
        theme: Theme,
        *,
        now: Callable[[], datetime],
        editable: bool = True,
        sitting: Sitting | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._now = now
        self.editable = editable
        self.sitting = sitting or Sitting()
        self._summary: Mapping[str, RegionSummary] = {}
        self.canvas = BodyCanvas(theme)
        self.canvas.setAccessibleDescription(_(KEYS if editable else SUMMARY_KEYS))
        self.words = scaffold.label("", wrap=True)
        self.tender = scaffold.label(_(TENDER), "muted", wrap=True)
        self.chooser = SensationChooser()
        self.keys = scaffold.label(_(KEYS if editable else SUMMARY_KEYS), "hint", wrap=True)
        side = QVBoxLayout()
        side.setSpacing(10)
        side.addWidget(self.words)
        side.addWidget(self.tender)
        side.addWidget(self.chooser, 1)
        side.addStretch(0 if editable else 1)
        side.addWidget(self.keys)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(18)
        layout.addWidget(self.canvas, 2)
        layout.addLayout(side, 3)
        self.chooser.hide()
        self.tender.hide()
        self.setFocusProxy(self.canvas)
        self.canvas.moved.connect(self._refresh)
        self.canvas.key_for_region.connect(self._key)
        self.canvas.clicked.connect(self._clicked)
        self.chooser.chosen.connect(self._chosen)
        self.chooser.cancelled.connect(self._close_chooser)
        self._refresh()

    # -- what is shown -----------------------------------------------------------------------

    @property
    def region_id(self) -> str:
        return self.canvas.region_id

    @property
    def side(self) -> Side:
        return self.canvas.side

    def region_words(self, region_id: str | None = None) -> str:
        """What a region holds, as a screen reader says it ("Left hand, warmth, 4 of 10")."""
        rid = region_id or self.region_id
        if self.editable:
            return self.sitting.describe(rid)
        found = self._summary.get(rid)
        if found:
            return found.words()
        return _("{region}: {nothing}").format(region=_(region(rid).name), nothing=_(NOTHING))

    def set_sitting(self, sitting: Sitting) -> None:
        """Mark into ``sitting`` from now on (another entry opened)."""
        self.sitting = sitting
        self.chooser.hide()
        self._refresh()

    def set_summary(self, summary: Mapping[str, RegionSummary]) -> None:
        """Show how often each region was marked (the most marked fullest)."""
        self._summary = dict(summary)
        most = max((s.count for s in self._summary.values()), default=0)
        self.canvas.set_fills({k: s.count / most for k, s in self._summary.items()} if most else {})
        self._refresh()

    def _fills(self) -> dict[str, float]:
        """How full each region looks while marking: by its greatest strength, or half full
        for a mark without one."""
        fills = {}
        marked = {m.region for m in self.sitting.marks()}
        for r in REGIONS:
            strongest = self.sitting.strongest(r.id)
            if strongest is not None:
                fills[r.id] = 0.1 + 0.09 * strongest
            elif r.id in marked:
                fills[r.id] = 0.5
        return fills

    def _refresh(self, _region: str = "") -> None:
        words = self.region_words()
        self.words.setText(words)
        self.canvas.set_words(words)
        self.tender.setVisible(self.editable and region(self.region_id).sensitive)
        if self.editable:
            self.canvas.set_fills(self._fills())

    # -- marking -----------------------------------------------------------------------------

    def _key(self, region_id: str, key: int) -> None:
        if not self.editable:
            return
        if key in (Qt.Key.Key_Return.value, Qt.Key.Key_Enter.value):
            self.open_chooser()
            return
        if Qt.Key.Key_0.value <= key <= Qt.Key.Key_9.value:
            self._changed(self.sitting.set_intensity(region_id, key - Qt.Key.Key_0.value))
        elif key in (Qt.Key.Key_Plus.value, Qt.Key.Key_Equal.value):
            self._changed(self.sitting.step_intensity(region_id, +1))
        elif key == Qt.Key.Key_Minus.value:
            self._changed(self.sitting.step_intensity(region_id, -1))
        elif key in (Qt.Key.Key_Delete.value, Qt.Key.Key_Backspace.value):
            removed = self.sitting.remove_latest(region_id)
            if removed is not None:
                self.unmarked.emit(removed)
        self._refresh()

    def _changed(self, mark: object) -> None:
        if mark is not None:
            self.marked.emit(mark)

    def _clicked(self, _region_id: str) -> None:
        if self.editable:
            self.open_chooser()

    def open_chooser(self) -> None:
        self.chooser.open_for(region(self.region_id).name)

    def _chosen(self, sensation: str | None, own_word: str | None) -> None:
        mark = self.sitting.choose(
            self.region_id, at=self._now(), sensation=sensation, own_word=own_word
        )
        self.marked.emit(mark)
        self._close_chooser()

    def _close_chooser(self) -> None:
        self.chooser.hide()
        self.canvas.setFocus(Qt.FocusReason.OtherFocusReason)
        self._refresh()
