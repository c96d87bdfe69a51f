"""The first start: what the app is and is not, and crisis resources for the person's region.

:class:`FirstStartScreen` is shown once (the ``start/first_start_done`` setting) and can be
opened again from Settings and About. It says, briefly and kindly, that this is a practice
companion and not treatment or medical advice, that a practice can be stopped at any moment
(and should be if the person feels dizzy or unwell), and that breath holds are optional. Below
that it lists crisis resources for the region guessed from the system's locale, which the
person can change and edit.

:class:`~kapcompanion.services.crisis_book.CrisisBook` keeps the regions and which one is
chosen. :class:`CrisisPanel` shows the chosen region's lines and lets the person choose another;
:class:`CrisisEditor` is the screen on which they edit them.
"""

from __future__ import annotations

import itertools

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from kapcompanion.domain.crisis import (
    EMERGENCY_ADVICE,
    NOT_COMPLETE,
    OTHER,
    CrisisError,
    CrisisRegion,
)
from kapcompanion.i18n import N_, _
from kapcompanion.services.crisis_book import CrisisBook
from kapcompanion.services.settings import FIRST_START_DONE
from kapcompanion.ui.shell import scaffold
from kapcompanion.ui.shell.theme import DARK, Theme

CONTENT_WIDTH = 820
#: The crisis editor's column: three fields side by side, each wide enough for a line's hours.
EDITOR_WIDTH = 1040
EDITOR_ROWS = 6

WELCOME_TITLE = N_("Welcome")
WELCOME_TEXT = N_(
    "kapcompanion is a companion for practice: paced breathing, body scans and grounding "
    "exercises, with a private log that stays on this computer. It is not treatment and it "
    "does not give medical advice; it does not replace your therapist, your doctor or your "
    "care team."
)
SAFETY_POINTS = (
    N_("You can stop at any moment: Esc ends a practice and Space pauses it."),
    N_(
        "If you feel dizzy, light-headed or unwell, you might stop, let your breath find its own "
        "pace and rest. If it does not pass, please seek medical help."
    ),
    N_(
        "Breath holds are optional and stay hidden unless you switch them on; they are never part "
        "of the practices for before or at the close of a session."
    ),
)
CRISIS_HEADING = N_("If you need help now")
#: The button that edits the crisis lines, and the sentence that sends the person to it.
EDIT_THESE = N_("Edit these")
NO_LINE = N_("No crisis line is listed for this region yet. You can add one with “{edit}”.")


def region_name(region: CrisisRegion) -> str:
    """A region's name as shown: the name from its file (written in the file's language), or,
    for "somewhere else", the app's own words."""
    return _(region.name) if region.key == OTHER else region.name


def crisis_text(region: CrisisRegion) -> str:
    """The chosen region's resources as plain lines (also their accessible description)."""
    lines = [f"{region_name(region)}: {region.emergency_line()}"]
    for line in region.lines:
        extra = f" ({line.hours})" if line.hours else ""
        lines.append(f"{line.name}: {line.contact}{extra}")
    if not region.lines:
        lines.append(_(NO_LINE).format(edit=_(EDIT_THESE)))
    return "\n".join(lines)


def crisis_html(region: CrisisRegion) -> str:
    rows = [f"<b>{_esc(region.emergency_line())}</b>"]
    for line in region.lines:
        extra = f" · {_esc(line.hours)}" if line.hours else ""
        rows.append(f"{_esc(line.name)}: <b>{_esc(line.contact)}</b>{extra}")
    if not region.lines:
        rows.append(_esc(_(NO_LINE).format(edit=_(EDIT_THESE))))
    return "<br>".join(rows)


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


REGION_QUESTION = N_(
    "Which region are you in? The first choice is only a guess from this computer's settings. "
    "Choose Use this region to see its numbers."
)


class CrisisPanel(QFrame):
    """The chosen region's crisis resources with a region choice and an Edit button.

    The region is asked, never assumed: until the person confirms one with Use this region,
    the guess is only pre-selected in the list and nothing is kept."""

    edit_requested = Signal()

    def __init__(self, book: CrisisBook, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.book = book
        _frame, layout = scaffold.card(_(CRISIS_HEADING), frame=self)
        advice = scaffold.label(_(EMERGENCY_ADVICE), wrap=True)
        self.region_combo = QComboBox()
        self.region_combo.setAccessibleName(_("Region for crisis resources"))
        self.region_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.region_combo.setMinimumContentsLength(12)
        self.region_combo.setAccessibleDescription(
            _("The first choice is a guess from this computer's settings; you can choose another.")
        )
        self.region_combo.currentIndexChanged.connect(self._shown)
        region_label = QLabel(_("&Region"))
        region_label.setBuddy(self.region_combo)
        self.use_button = scaffold.button(
            _("Use this region"), _("Use the region chosen in the list"), self._use
        )
        self.lines_label = QLabel("")
        self.lines_label.setWordWrap(True)
        self.lines_label.setTextFormat(Qt.TextFormat.RichText)
        self.lines_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.lines_label.setAccessibleName(_("Crisis resources for your region"))
        self.dated_label = scaffold.label("", "hint", wrap=True)
        self.edit_button = scaffold.button(
            _(EDIT_THESE),
            _("Edit the crisis resources for this region"),
            self.edit_requested.emit,
        )

        region_row = QHBoxLayout()
        region_row.setSpacing(14)
        region_row.addWidget(region_label)
        region_row.addWidget(self.region_combo, 1)
        region_row.addWidget(self.use_button)
        layout.addWidget(advice)
        layout.addLayout(region_row)
        scaffold.line_or_column(self, region_row)  # one under another when they do not fit
        layout.addWidget(self.lines_label)
        layout.addWidget(self.dated_label)
        layout.addWidget(self.edit_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.setTabOrder(self.region_combo, self.use_button)
        self.setTabOrder(self.use_button, self.edit_button)
        self.refresh()

    def refresh(self) -> None:
        shown = self.book.current()  # the confirmed region, else the guess to pre-select
        self.region_combo.blockSignals(True)
        self.region_combo.clear()
        for region in self.book.regions:
            name = region_name(region)
            if region.edited:
                name = _("{region} (edited)").format(region=name)
            self.region_combo.addItem(name, region.key)
        self.region_combo.setCurrentIndex(max(0, self.region_combo.findData(shown.key)))
        self.region_combo.blockSignals(False)
        self._shown()

    def _shown(self, _index: int = 0) -> None:
        chosen = self.book.chosen()
        confirmed = chosen is not None and self.region_combo.currentData() == chosen.key
        self.use_button.setVisible(not confirmed)
        self.edit_button.setEnabled(confirmed)
        if not confirmed or chosen is None:
            self.lines_label.setText(_esc(_(REGION_QUESTION)))
            self.lines_label.setAccessibleDescription(_(REGION_QUESTION))
            self.dated_label.setText(_(NOT_COMPLETE))
            return
        self.lines_label.setText(crisis_html(chosen))
        self.lines_label.setAccessibleDescription(crisis_text(chosen))
        if chosen.key == OTHER:
            self.dated_label.setText(_(NOT_COMPLETE))
        else:
            self.dated_label.setText(
                _("{dated}. {not_complete}").format(
                    dated=chosen.dated(), not_complete=_(NOT_COMPLETE)
                )
            )

    def _use(self) -> None:
        key = self.region_combo.currentData()
        if isinstance(key, str):
            self.book.choose(key)
        self._shown()
        self.edit_button.setFocus(Qt.FocusReason.OtherFocusReason)


class CrisisEditor(QWidget):
    """Edit the chosen region's crisis resources: the emergency number and up to six lines.
    Save keeps them in the person's settings folder; Esc or Back leaves without saving."""

    closed = Signal()
    saved = Signal()

    def __init__(self, book: CrisisBook, theme: Theme = DARK, parent: QWidget | None = None):
        super().__init__(parent)
        scaffold.as_screen(self)
        self.book = book
        self.region = book.current()
        self.title = _("Crisis resources")
        title = scaffold.label(
            _("Crisis resources · {region}").format(region=region_name(self.region)),
            "title",
            wrap=True,
        )
        intro = scaffold.label(
            _(
                "You might add the numbers that matter to you, such as your clinic's or a "
                "trusted person's. Rows left empty are not kept. {not_complete}"
            ).format(not_complete=_(NOT_COMPLETE)),
            "muted",
            wrap=True,
        )
        self.emergency_edit = QLineEdit(self.region.emergency)
        self.emergency_edit.setAccessibleName(_("Emergency number"))
        self.emergency_edit.setMaxLength(200)
        emergency_label = QLabel(_("&Emergency number"))
        emergency_label.setBuddy(self.emergency_edit)

        grid = QGridLayout()
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(8)
        headers = (_("Name"), _("Number or contact"), _("When (optional)"))
        for col, text in enumerate(headers):
            grid.addWidget(scaffold.label(text, "muted"), 0, col)
        row_names = (
            N_("Row {n}: name"),
            N_("Row {n}: number or contact"),
            N_("Row {n}: when it is open"),
        )
        self.rows: list[tuple[QLineEdit, QLineEdit, QLineEdit]] = []
        lines = list(self.region.lines)
        for n in range(max(EDITOR_ROWS, len(lines))):
            line = lines[n] if n < len(lines) else None
            edits = (
                QLineEdit(line.name if line else ""),
                QLineEdit(line.contact if line else ""),
                QLineEdit(line.hours if line else ""),
            )
            for col, (edit, what) in enumerate(zip(edits, row_names, strict=True)):
                edit.setAccessibleName(_(what).format(n=n + 1))
                edit.setMaxLength(200)
                grid.addWidget(edit, n + 1, col)
            self.rows.append(edits)
        grid.setColumnStretch(0, 2)
        grid.setColumnStretch(1, 2)
        grid.setColumnStretch(2, 3)  # "Phone: any time, day or night" needs the room

        self.message = scaffold.label("", "notice", wrap=True)
        self.message.setAccessibleName(_("Message about your changes"))
        self.message.hide()
        self.save_button = scaffold.button(
            _("Save"), _("Save these crisis resources"), self.save, style="primary"
        )
        self.back_button = scaffold.button(_("Back"), _("Back without saving"), self.closed.emit)

        emergency_row = QHBoxLayout()
        emergency_row.setSpacing(14)
        emergency_row.addWidget(emergency_label)
        emergency_row.addWidget(self.emergency_edit, 1)
        column, layout = scaffold.page_column(EDITOR_WIDTH)
        layout.addWidget(title)
        layout.addWidget(intro)
        layout.addLayout(emergency_row)
        layout.addLayout(grid)
        layout.addWidget(self.message)
        layout.addLayout(
            scaffold.hint_row(
                _("Esc goes back without saving."), self.back_button, self.save_button
            )
        )
        layout.addStretch(1)
        scaffold.scrolling_page(self, column)

        order: list[QWidget] = [self.emergency_edit]
        for edits in self.rows:
            order.extend(edits)
        order += [self.back_button, self.save_button]
        for a, b in itertools.pairwise(order):
            self.setTabOrder(a, b)
        self.setFocusProxy(self.emergency_edit)

    def save(self) -> bool:
        rows = [(a.text(), b.text(), c.text()) for a, b, c in self.rows]
        try:
            where = self.book.save(self.region, self.emergency_edit.text(), rows)
        except CrisisError as problem:
            self._say(
                _("Nothing was saved yet: {key} {problem}.").format(
                    key=problem.key, problem=problem.problem
                )
            )
            return False
        except OSError as exc:
            self._say(
                _(
                    "Your changes could not be saved ({reason}). They are still "
                    "here; you might try again, or copy them somewhere safe."
                ).format(reason=exc.strerror or exc)
            )
            return False
        self.saved_to = where
        self.saved.emit()
        self.closed.emit()
        return True

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()


class FirstStartScreen(QWidget):
    """The first-start notice. ``closed`` when the person carries on; it marks itself seen."""

    closed = Signal()
    edit_requested = Signal()

    def __init__(
        self, book: CrisisBook, theme: Theme = DARK, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        scaffold.as_screen(self)
        self.title = _(WELCOME_TITLE)
        self.book = book
        title = scaffold.label(_(WELCOME_TITLE), "title")
        text = scaffold.label(_(WELCOME_TEXT), wrap=True)
        safety = [_(point) for point in SAFETY_POINTS]
        points = QLabel("<br>".join(f"• {_esc(p)}" for p in safety))
        points.setTextFormat(Qt.TextFormat.RichText)
        points.setWordWrap(True)
        points.setAccessibleName(_("Before you begin"))
        points.setAccessibleDescription(" ".join(safety))
        self.crisis = CrisisPanel(book)
        self.crisis.edit_requested.connect(self.edit_requested.emit)
        self.continue_button = scaffold.button(
            _("Carry on to the app"), _("Carry on to the app"), self.done, style="primary"
        )

        column, layout = scaffold.page_column(CONTENT_WIDTH)
        layout.addWidget(title)
        layout.addWidget(text)
        layout.addWidget(points)
        layout.addSpacing(6)
        layout.addWidget(self.crisis)
        layout.addLayout(
            scaffold.hint_row(
                _("You can read this again from Settings or About."), self.continue_button
            )
        )
        layout.addStretch(1)
        scaffold.scrolling_page(self, column)
        self.setTabOrder(self.crisis.region_combo, self.crisis.edit_button)
        self.setTabOrder(self.crisis.edit_button, self.continue_button)
        self.setFocusProxy(self.continue_button)

    def refresh(self) -> None:
        self.crisis.refresh()

    def done(self) -> None:
        self.book.store.set(FIRST_START_DONE, True)
        self.closed.emit()

    def stop(self) -> None:
        """Esc: the notice counts as seen (it can be opened again from Settings)."""
        self.done()
