"""Small widgets for the exercise screen: the answer inputs and a quiet progress line.

Every input is fully usable from the keyboard and tells the person which keys it takes. Inputs
only report what the person did (``changed``); the screen hands answers to the runner.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFocusEvent,
    QFont,
    QFontMetrics,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
)
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kapcompanion.domain.scripts import ChecklistInput, RatingInput, TextInput
from kapcompanion.ui.practice.look import BREATH_WORD_PT, PROMPT_PT, STEP_TEXT_PT
from kapcompanion.ui.shell.theme import BASE_PT, SMALL_PT, Theme, pt

TEXT_BOX_WIDTH = 600


def exercise_styles(theme: Theme) -> str:
    """The exercise screen's own look, on top of the application's style sheet, at the text
    size in use (made again when it changes)."""
    t = theme
    return f"""
QLabel#steptext {{ font-size: {pt(STEP_TEXT_PT)}pt; }}
QLabel#breathword {{ font-size: {pt(BREATH_WORD_PT)}pt; color: {t.muted}; }}
QLabel#prompt {{ font-size: {pt(PROMPT_PT)}pt; }}
QLabel#paused, QLabel#carried {{ color: {t.muted}; }}
QLabel#counter, QLabel#ratingend {{ color: {t.muted}; font-size: {pt(SMALL_PT)}pt; }}
QPlainTextEdit {{
    background: {t.surface}; color: {t.text}; border: 2px solid {t.button};
    border-radius: 10px; padding: 6px 8px; font-size: {pt(BASE_PT + 2)}pt;
}}
QPlainTextEdit:focus {{ border-color: {t.focus}; }}
QCheckBox#item {{ font-size: {pt(BASE_PT + 2)}pt; padding: 4px 6px; }}
"""


class ProgressLine(QWidget):
    """A thin, quiet line that fills as the exercise goes on (0..1)."""

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._track = QColor(theme.guide)
        self._fill = QColor(theme.accent)
        self._progress = 0.0
        self._drawn_px = -1
        self.setFixedHeight(4)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAccessibleName("progress through the exercise")

    @property
    def progress(self) -> float:
        return self._progress

    def set_progress(self, progress: float) -> None:
        self._progress = min(1.0, max(0.0, progress))
        px = round(self._progress * self.width())
        if px != self._drawn_px:
            self._drawn_px = px
            self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        p.setPen(Qt.PenStyle.NoPen)
        h = float(self.height())
        p.setBrush(self._track)
        p.drawRoundedRect(QRectF(0, 0, self.width(), h), h / 2, h / 2)
        filled = self._progress * self.width()
        if filled >= 1:
            p.setBrush(self._fill)
            p.drawRoundedRect(QRectF(0, 0, filled, h), h / 2, h / 2)
        p.end()


# -- rating ---------------------------------------------------------------------------------------

_DIGITS = {Qt.Key(Qt.Key.Key_0.value + n): n for n in range(10)}
_CHOOSING_KEYS = {
    Qt.Key.Key_Up,
    Qt.Key.Key_Down,
    Qt.Key.Key_Home,
    Qt.Key.Key_End,
    Qt.Key.Key_Backspace,
    Qt.Key.Key_Delete,
    *_DIGITS,
}
_SIDEWAYS = {Qt.Key.Key_Left, Qt.Key.Key_Right}

#: What the keys do on a rating, as the hints say it.
RATING_KEYS = "0–9 choose (1 then 0 is 10) · Up and Down move it"
#: On a screen where Left and Right mean nothing else, they move the choice too.
RATING_KEYS_ARROWS = "0–9 choose (1 then 0 is 10) · the arrows move it"


class RatingScale(QWidget):
    """Eleven round marks from 0 to 10; nothing is chosen until the person chooses.

    One stop in the Tab order, with a ring where the keys act. Keys while it has focus: a
    digit chooses that number, and 0 straight after 1 makes 10; Up one more and Down one less
    (the first press lands on the middle, 5); Home 0, End 10; Backspace or Delete clears. Left
    and Right move a choice that has been made; before one is made they are left to the
    screen, where they move between steps, so they never pick a number by surprise
    (``arrows_choose``: on a screen where they mean nothing else, they choose from the start
    too). A click chooses the mark under the pointer. Emits ``changed(value or None)``.
    """

    changed = Signal(object)
    COUNT = 11
    MARK = 44.0
    GAP = 10.0

    def __init__(
        self,
        spec: RatingInput,
        theme: Theme,
        parent: QWidget | None = None,
        *,
        arrows_choose: bool = False,
    ) -> None:
        super().__init__(parent)
        self.spec = spec
        self._theme = theme
        self._value: int | None = None
        self._after_one = False
        self.arrows_choose = arrows_choose
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.setAccessibleName(f"Rating from 0, {spec.low}, to 10, {spec.high}")
        self._describe()

    @property
    def value(self) -> int | None:
        return self._value

    def set_value(self, value: int | None, *, notify: bool = True) -> None:
        if value is not None:
            value = min(self.spec.maximum, max(self.spec.minimum, int(value)))
        if value == self._value:
            return
        self._value = value
        self._describe()
        self.update()
        if notify:
            self.changed.emit(value)

    def _describe(self) -> None:
        chosen = "nothing chosen yet" if self._value is None else f"{self._value} chosen"
        self.setAccessibleDescription(
            f"{chosen}. {RATING_KEYS_ARROWS if self.arrows_choose else RATING_KEYS}"
        )
        self.setToolTip(chosen)

    # -- geometry ----------------------------------------------------------------------------

    def _font(self) -> QFont:
        font = QFont(self.font())
        font.setPointSize(pt(BASE_PT))
        return font

    def _mark(self) -> float:
        """A mark's width: room for "10" at the person's text size."""
        return max(self.MARK, round(QFontMetrics(self._font()).height() * 1.6))

    def sizeHint(self) -> QSize:
        mark = self._mark()
        width = self.COUNT * mark + (self.COUNT - 1) * self.GAP + 8
        return QSize(round(width), round(mark + 8))

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self.updateGeometry()  # the marks follow a text size changed while shown
        super().changeEvent(event)

    def _mark_rect(self, n: int) -> QRectF:
        mark = self._mark()
        x = 4 + n * (mark + self.GAP)
        return QRectF(x, 4, mark, mark)

    def mark_center(self, n: int) -> QPointF:
        """Where the mark for ``n`` is drawn (for tests and clicks)."""
        return self._mark_rect(n).center()

    # -- input ------------------------------------------------------------------------------

    def _takes(self, key: int) -> bool:
        if key in _CHOOSING_KEYS:
            return True
        return key in _SIDEWAYS and (self.arrows_choose or self._value is not None)

    def event(self, event: QEvent) -> bool:
        # Keys this widget uses are not shortcuts while it has focus (Left and Right move a
        # choice here instead of moving between steps, once there is a choice).
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent):
            plain = event.modifiers() in (
                Qt.KeyboardModifier.NoModifier,
                Qt.KeyboardModifier.KeypadModifier,
            )
            if plain and self._takes(event.key()):
                event.accept()
                return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        plain = event.modifiers() in (
            Qt.KeyboardModifier.NoModifier,
            Qt.KeyboardModifier.KeypadModifier,
        )
        if not plain or not self._takes(key):
            self._after_one = False
            super().keyPressEvent(event)
            return
        current = self._value
        after_one, self._after_one = self._after_one, False
        if key in _DIGITS:
            n = _DIGITS[Qt.Key(key)]
            if n == 0 and after_one and current == 1:
                self.set_value(10)
            else:
                self.set_value(n)
                self._after_one = n == 1
        elif key in (Qt.Key.Key_Right, Qt.Key.Key_Up):
            self.set_value(5 if current is None else current + 1)
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_Down):
            self.set_value(5 if current is None else current - 1)
        elif key == Qt.Key.Key_Home:
            self.set_value(self.spec.minimum)
        elif key == Qt.Key.Key_End:
            self.set_value(self.spec.maximum)
        elif key in (Qt.Key.Key_Backspace, Qt.Key.Key_Delete):
            self.set_value(None)
        event.accept()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        pos = event.position()
        for n in range(self.COUNT):
            if self._mark_rect(n).adjusted(-self.GAP / 2, -4, self.GAP / 2, 4).contains(pos):
                self.setFocus(Qt.FocusReason.MouseFocusReason)
                self._after_one = False
                self.set_value(n)
                return
        super().mousePressEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        self.update()
        super().focusInEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self._after_one = False
        self.update()
        super().focusOutEvent(event)

    # -- painting ----------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        t = self._theme
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        p.setFont(self._font())
        for n in range(self.COUNT):
            rect = self._mark_rect(n)
            chosen = n == self._value
            if chosen:
                p.setPen(QPen(QColor(t.accent), 2.0))
                p.setBrush(QColor(t.accent))
            else:
                p.setPen(QPen(QColor(t.button), 2.0))
                p.setBrush(QColor(t.surface))
            p.drawEllipse(rect)
            p.setPen(QColor(t.accent_text if chosen else t.text))
            p.drawText(rect, Qt.AlignmentFlag.AlignCenter, str(n))
        if self.hasFocus():
            # Where the keys act: around the chosen mark, or the whole row before a choice.
            if self._value is None:
                outline = QRectF(1, 1, self.width() - 2, self.height() - 2)
                radius = (self._mark() + 6) / 2
            else:
                outline = self._mark_rect(self._value).adjusted(-3, -3, 3, 3)
                radius = outline.width() / 2
            p.setPen(QPen(QColor(t.focus), 3.0))
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawRoundedRect(outline, radius, radius)
        p.end()


class RatingInputWidget(QWidget):
    """The scale with its two end labels underneath."""

    changed = Signal(object)

    def __init__(
        self,
        spec: RatingInput,
        theme: Theme,
        value: int | None,
        parent: QWidget | None = None,
        *,
        arrows_choose: bool = False,
    ) -> None:
        super().__init__(parent)
        self.scale = RatingScale(spec, theme, arrows_choose=arrows_choose)
        self.scale.set_value(value, notify=False)
        self.scale.changed.connect(self.changed)
        low = QLabel(f"0 · {spec.low}")
        low.setObjectName("ratingend")
        high = QLabel(f"{spec.high} · 10")
        high.setObjectName("ratingend")
        high.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        ends = QHBoxLayout()
        ends.setContentsMargins(4, 0, 4, 0)
        ends.addWidget(low)
        ends.addStretch(1)
        ends.addWidget(high)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.scale, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addLayout(ends)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Preferred)
        self.setFocusProxy(self.scale)

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        return QSize(self.scale.sizeHint().width(), hint.height())

    @property
    def value(self) -> int | None:
        return self.scale.value


# -- text -----------------------------------------------------------------------------------------


class AnswerText(QPlainTextEdit):
    """A few lines for a short written answer, never longer than ``max_length``.

    Space types a space and the arrow keys move the cursor here; Enter is left to the screen
    (it moves on), Shift+Enter starts a new line, Tab moves to the next control.
    """

    def __init__(self, max_length: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.max_length = max_length
        self.setTabChangesFocus(True)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.textChanged.connect(self._keep_within_length)

    def event(self, event: QEvent) -> bool:
        # Plain Enter is not a new line here: it is left to the screen's shortcut (move on).
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and event.modifiers()
            in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier)
        ):
            event.ignore()
            return False
        return super().event(event)

    def _keep_within_length(self) -> None:
        text = self.toPlainText()
        if len(text) <= self.max_length:
            return
        cursor = self.textCursor()
        position = min(cursor.position(), self.max_length)
        # Emits textChanged again, now within the length, for everyone listening.
        self.setPlainText(text[: self.max_length])
        cursor = self.textCursor()
        cursor.setPosition(position)
        self.setTextCursor(cursor)


class TextInputWidget(QWidget):
    """The text box and a quiet count of the characters used."""

    changed = Signal(str)

    def __init__(self, spec: TextInput, value: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.spec = spec
        self.edit = AnswerText(spec.max_length)
        self.edit.setPlaceholderText(spec.hint)
        self.edit.setAccessibleName("Your answer")
        self.edit.setAccessibleDescription(
            f"Optional, up to {spec.max_length} characters. Enter moves on."
        )
        self.edit.setPlainText(value[: spec.max_length])
        self.edit.moveCursor(self.edit.textCursor().MoveOperation.End)
        lines = 2 if spec.max_length <= 120 else 3
        line = self.edit.fontMetrics().lineSpacing()
        self.edit.setFixedHeight(round(lines * line * 1.2 + 30))
        self.counter = QLabel("")
        self.counter.setObjectName("counter")
        self.counter.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.edit)
        layout.addWidget(self.counter)
        self.setFixedWidth(TEXT_BOX_WIDTH)
        self.setFocusProxy(self.edit)
        self.edit.textChanged.connect(self._changed)
        self._count()

    @property
    def text(self) -> str:
        return self.edit.toPlainText()

    def _count(self) -> None:
        self.counter.setText(f"{len(self.text)} of {self.spec.max_length} characters")

    def _changed(self) -> None:
        self._count()
        self.changed.emit(self.text)


# -- checklist ------------------------------------------------------------------------------------


class ItemCheck(QCheckBox):
    """A checklist item. While it has focus, Space ticks it (rather than pausing); Up and
    Down move to the item above or below."""

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        parent = self.parentWidget()
        if key in (Qt.Key.Key_Up, Qt.Key.Key_Down) and isinstance(parent, ChecklistInputWidget):
            k = parent.boxes.index(self) + (1 if key == Qt.Key.Key_Down else -1)
            if 0 <= k < len(parent.boxes):
                parent.boxes[k].setFocus(Qt.FocusReason.TabFocusReason)
            return
        super().keyPressEvent(event)

    def event(self, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Space
            and event.modifiers() == Qt.KeyboardModifier.NoModifier
        ):
            event.accept()
            return True
        return super().event(event)


class ChecklistInputWidget(QWidget):
    """One tick box per item; Up and Down move between them, Space ticks."""

    changed = Signal(tuple)

    def __init__(
        self, spec: ChecklistInput, ticks: tuple[bool, ...], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.spec = spec
        self.boxes: list[ItemCheck] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        for k, item in enumerate(spec.items):
            box = ItemCheck(item)
            box.setObjectName("item")
            box.setAccessibleName(item)
            box.setChecked(k < len(ticks) and ticks[k])
            box.toggled.connect(self._changed)
            layout.addWidget(box)
            self.boxes.append(box)
        if self.boxes:
            self.setFocusProxy(self.boxes[0])

    @property
    def ticks(self) -> tuple[bool, ...]:
        return tuple(box.isChecked() for box in self.boxes)

    def _changed(self, _checked: bool) -> None:
        self.changed.emit(self.ticks)
