"""The pieces most screens are built from, so that they look and behave alike.

A screen (:func:`as_screen`) is a column of limited width centred in the window
(:func:`page_column`, :func:`centre`), often on a page that scrolls when the window is small
(:func:`scrolling_page`). It begins with a title, groups its parts in cards (:func:`card`)
and ends with a row that holds a hint about the keys and the buttons that leave it
(:func:`hint_row`). Labels take their look from the theme through their object name
(:func:`label`); buttons are made with :func:`button` and lined up with :func:`button_row`.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QPoint, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QAbstractSlider,
    QAbstractSpinBox,
    QBoxLayout,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLayout,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from kapcompanion.ui.shell.theme import width
from kapcompanion.ui.shell.wrapping import WrapButton

#: Space on either side of a centred column (a narrow window needs every pixel of it).
PAGE_SIDE = 16


def label(text: str, style: str = "", *, wrap: bool = False) -> QLabel:
    """A label styled by the theme's rule for ``style`` ("title", "heading", "muted", "hint",
    "notice"...; none for body text)."""
    widget = QLabel(text)
    if style:
        widget.setObjectName(style)
    if wrap:
        widget.setWordWrap(True)
    return widget


def button(
    text: str,
    accessible_name: str = "",
    slot: Callable[[], object] | None = None,
    *,
    style: str = "",
    wrap: bool = False,
) -> QPushButton:
    """A push button that Enter presses while it has the focus; ``style`` "primary" marks the
    screen's main action. ``wrap`` lets its words go onto a second line when its row is narrow
    (:class:`~kapcompanion.ui.shell.wrapping.WrapButton`)."""
    widget = WrapButton(text) if wrap else QPushButton(text)
    if style:
        widget.setObjectName(style)
    if accessible_name:
        widget.setAccessibleName(accessible_name)
    widget.setAutoDefault(True)
    if slot is not None:
        widget.clicked.connect(slot)
    return widget


def hint_row(hint: str, *buttons: QWidget) -> QHBoxLayout:
    """A quiet hint on the left (what the keys do, where to find this again) and ``buttons`` on
    the right."""
    row = QHBoxLayout()
    row.addWidget(label(hint, "hint"))
    row.addStretch(1)
    for widget in buttons:
        row.addWidget(widget)
    return row


def button_row(*buttons: QWidget, spacing: int) -> QHBoxLayout:
    """``buttons`` side by side from the left, ``spacing`` pixels apart."""
    row = QHBoxLayout()
    row.setSpacing(spacing)
    for widget in buttons:
        row.addWidget(widget)
    row.addStretch(1)
    return row


def card(
    heading: str = "", *, frame: QFrame | None = None, spacing: int = 10, padding: int = 20
) -> tuple[QFrame, QVBoxLayout]:
    """A raised card (``frame``, or a new one) and its column, beginning with ``heading`` when
    one is given. ``padding`` is the space above and below; the sides always have 28 pixels."""
    if frame is None:
        frame = QFrame()
    frame.setObjectName("card")
    layout = QVBoxLayout(frame)
    layout.setContentsMargins(28, padding, 28, padding)
    layout.setSpacing(spacing)
    if heading:
        layout.addWidget(label(heading, "heading", wrap=True))
    return frame, layout


class _Column(QWidget):
    """A column at most ``width`` pixels wide at 100 % text, widened with the text size as soon
    as it changes, so a row of controls that grows with its text never needs more room than
    the column allows (a live change to 200 % would otherwise clip the text above it)."""

    def __init__(self, width: int) -> None:
        super().__init__()
        self._width = width
        self._fit()

    def _fit(self) -> None:
        self.setMaximumWidth(width(self._width))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._fit()
        super().changeEvent(event)


class _TextSizeFollower(QObject):
    """Calls ``fit`` again whenever its widget's font or style changes (a new text size)."""

    def __init__(self, widget: QWidget, fit: Callable[[], object]) -> None:
        super().__init__(widget)
        self._fit = fit
        widget.installEventFilter(self)
        fit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange) and (
            not QCoreApplication.closingDown()
        ):
            self._fit()
        return False


def follow_text_size(widget: QWidget, fit: Callable[[], object]) -> None:
    """Run ``fit`` now and again whenever the text size changes, for a size set in pixels that
    depends on the text (a column's width, a caption's width): without it the size of the text
    the widget was built with stays until the window is opened again."""
    _TextSizeFollower(widget, fit)


def styled_with_text_size(widget: QWidget, styles: Callable[[], str]) -> None:
    """Give ``widget`` the style sheet ``styles()`` makes, and make it again whenever the text
    size changes: sizes of type written into a widget's own style sheet are in points, read
    from the text size when the sheet is made (:func:`~kapcompanion.ui.shell.theme.pt`)."""

    def restyle() -> None:
        sheet = styles()
        if widget.styleSheet() != sheet:  # setting it sends a style change, which comes back here
            widget.setStyleSheet(sheet)

    follow_text_size(widget, restyle)


#: What may change how much room a widget's parts need or have: its size, its text size, its
#: style, its layout, its showing.
RELAYOUT_EVENTS = (
    QEvent.Type.Resize,
    QEvent.Type.FontChange,
    QEvent.Type.StyleChange,
    QEvent.Type.LayoutRequest,
    QEvent.Type.Show,
)


class _LineOrColumn(QObject):
    """Turns ``box`` from a line into a column when what it holds needs more width than
    ``owner`` has, and back when there is room again."""

    def __init__(self, owner: QWidget, box: QBoxLayout) -> None:
        super().__init__(owner)
        self._owner = owner
        self._box = box
        owner.installEventFilter(self)
        self._parent: QWidget | None = None  # the scrolling page's viewport, once found

    def needed(self) -> int:
        # The parts are found as widgets and layouts, never through ``itemAt``: a layout item's
        # wrapper would outlive the item (items are not QObjects) and be read back later as
        # whatever object comes to live at its address.
        box = self._box
        direct = Qt.FindChildOption.FindDirectChildrenOnly
        parent = box.parentWidget()
        widgets = parent.findChildren(QWidget, options=direct) if parent is not None else []
        widths = [w.sizeHint().width() for w in widgets if box.indexOf(w) >= 0 and not w.isHidden()]
        widths += [
            inner.sizeHint().width()
            for inner in box.findChildren(QLayout, options=direct)
            if not inner.isEmpty()
        ]
        margins = box.contentsMargins()
        spacing = max(0, box.spacing()) * max(0, len(widths) - 1)
        return sum(widths) + spacing + margins.left() + margins.right()

    def arrange(self) -> None:
        room = self._owner.contentsRect().width()
        # A line the owner cannot fit keeps the owner (and the page) wide: on a scrolling page
        # the room is what the visible part leaves, with the same margin on both sides.
        area = self._owner.parentWidget()
        while area is not None and not isinstance(area, QAbstractScrollArea):
            area = area.parentWidget()
        page = area.widget() if isinstance(area, QScrollArea) else None
        if isinstance(area, QScrollArea) and page is not None:
            viewport = area.viewport()
            if viewport is not self._parent:
                viewport.installEventFilter(self)
                self._parent = viewport
            x = self._owner.mapTo(page, QPoint(0, 0)).x()
            room = min(room, viewport.width() - 2 * x)
        outer = self._owner.layout()
        if outer is not None and outer is not self._box:
            room -= outer.contentsMargins().left() + outer.contentsMargins().right()
        line = self.needed() <= room
        direction = QBoxLayout.Direction.LeftToRight if line else QBoxLayout.Direction.TopToBottom
        if self._box.direction() != direction:
            self._box.setDirection(direction)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in RELAYOUT_EVENTS and not QCoreApplication.closingDown():
            self.arrange()
        return False


def line_or_column(owner: QWidget, box: QBoxLayout) -> None:
    """Keep ``box`` (in ``owner``, whose width it shares) a line while its parts fit side by
    side, and a column when they do not (large text, a narrow window), so no part is squeezed
    until its words are cut off."""
    _LineOrColumn(owner, box)


def page_column(
    max_width: int, *, top: int = 28, bottom: int = 28, spacing: int = 14
) -> tuple[QWidget, QVBoxLayout]:
    """The column a screen's content stands in, at most ``max_width`` pixels wide at 100 %
    text and wider in step with larger text."""
    column = _Column(max_width)
    layout = QVBoxLayout(column)
    layout.setContentsMargins(0, top, 0, bottom)
    layout.setSpacing(spacing)
    return column, layout


def centre(
    column: QWidget, row: QHBoxLayout | None = None, *, side: int = PAGE_SIDE
) -> QHBoxLayout:
    """``column`` in the middle of ``row`` (a new one when None), ``side`` pixels from its ends;
    the column takes the width it may have and the rest is shared out evenly on both sides."""
    if row is None:
        row = QHBoxLayout()
    row.setContentsMargins(side, 0, side, 0)
    row.addStretch(1)
    row.addWidget(column, 100)
    row.addStretch(1)
    return row


def scroll_area(content: QWidget) -> QScrollArea:
    """``content`` in a frameless area that scrolls when the window is smaller than it."""
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    # Not a stop of its own for Tab (nothing would show where the focus is); it scrolls to
    # whichever control has the focus.
    scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    scroll.setWidget(content)
    return scroll


class _KeyFreeScroll(QScrollArea):
    """A scrolling area that leaves every key to the screen it stands in (arrows choose on a
    rating screen; the page scrolls with the focus, the wheel and the scroll bar)."""

    def keyPressEvent(self, event: QKeyEvent) -> None:
        event.ignore()


def key_free_scroll(screen: QWidget, content: QWidget) -> QScrollArea:
    """Fill ``screen`` with ``content`` in an area that scrolls when the window is too small
    for it (large text, a title bar), leaving the keys to ``screen``."""
    scroll = _KeyFreeScroll()
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    scroll.setWidget(content)
    outer = QVBoxLayout(screen)
    outer.setContentsMargins(0, 0, 0, 0)
    outer.addWidget(scroll)
    return scroll


class _WheelGuard(QObject):
    """Lets the mouse wheel scroll the page over a choice that does not have the focus, instead
    of changing (and saving) it on the way past."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.Wheel
            and isinstance(watched, QWidget)
            and not watched.hasFocus()
        ):
            parent = watched.parentWidget()
            while parent is not None and not isinstance(parent, QAbstractScrollArea):
                parent = parent.parentWidget()
            if isinstance(parent, QAbstractScrollArea):  # the page around it scrolls
                QCoreApplication.sendEvent(parent.viewport(), event)
            return True
        return False


def guard_wheel(root: QWidget) -> None:
    """The lists, number fields and sliders under ``root`` take the wheel only once they have
    the focus (a click or Tab gives it to them)."""
    guard = _WheelGuard(root)
    for widget in root.findChildren(QWidget):
        if isinstance(widget, QComboBox | QAbstractSpinBox | QAbstractSlider):
            widget.setFocusPolicy(
                Qt.FocusPolicy.StrongFocus
                if widget.focusPolicy() != Qt.FocusPolicy.NoFocus
                else Qt.FocusPolicy.NoFocus
            )
            widget.installEventFilter(guard)


def scrolling_page(screen: QWidget, column: QWidget) -> QScrollArea:
    """Fill ``screen`` with a page that scrolls, ``column`` centred on it. The controls take the
    keyboard focus, never the page itself."""
    page = QWidget()
    centre(column, QHBoxLayout(page))
    guard_wheel(column)
    scroll = scroll_area(page)
    scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    outer = QVBoxLayout(screen)
    outer.setContentsMargins(0, 0, 0, 0)
    outer.addWidget(scroll)
    return scroll


def as_screen(widget: QWidget) -> None:
    """Give ``widget`` the theme's screen background."""
    widget.setObjectName("screen")
    widget.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
