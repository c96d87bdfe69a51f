"""The script editor's decisions: which script is open, what it holds, what is wrong with it, and
what opening, copying, saving, sharing, taking in and leaving may do.

The draft (:class:`~kapcompanion.domain.drafts.ScriptDraft`) is checked as its file would be
read: written out by :func:`kapcompanion.storage.script_files.to_toml` and run through the
loader, with the ids of every other exercise in the shared library. Saving writes into the
person's own scripts folder, all or nothing, with the recordings beside the script; a shipped
exercise is never written: opening one makes a copy under a new id. After a save or an import
the shared :class:`~kapcompanion.services.library.ExerciseLibrary` is read again, so home,
history and presentation show the change at once.

The view (:mod:`kapcompanion.ui.editor.screen`) builds the widgets, forwards what the person
does, and shows what the signals here say.
"""

from __future__ import annotations

import dataclasses
import tomllib
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, Signal

from kapcompanion.domain.draft_check import Known, check_draft, known_from
from kapcompanion.domain.drafts import ScriptDraft, duplicate_of, new_draft, voice_name
from kapcompanion.domain.scripts import Exercise, ScriptError
from kapcompanion.i18n import N_, _, ngettext
from kapcompanion.services.library import ExerciseLibrary
from kapcompanion.storage import script_files
from kapcompanion.storage.bundle import BundleError, OlderCopyError
from kapcompanion.storage.library import load_script
from kapcompanion.storage.paths import ensure_private_dir

if TYPE_CHECKING:  # numpy is loaded only once a recording is made or read
    import numpy as np
    import numpy.typing as npt

    Samples = npt.NDArray[np.float32]
else:
    Samples = Any

#: Checking waits this long after the last change (ms), so typing stays smooth.
CHECK_DELAY_MS = 150

NEW_ITEM = N_("A new script")
ALL_WELL = N_("Everything checks out.")
#: A new, untouched script: what to begin with, not a count of what is still empty.
NEW_SCRIPT = N_("A new script. You might begin with its id and title, then the first step's words.")
UNSAVED = N_("Not saved yet.")
LEAVE_ASK = N_(
    "There are changes that are not saved yet. You can save them and leave, or leave without "
    "them. Esc keeps editing."
)
NOT_TOML = N_(
    "{name} is not valid TOML, so it cannot be shown here: {problem}. You might fix it in a text "
    "editor (kapcompanion check-script {name} shows where), then open it again."
)
SHIPPED_NEVER_CHANGED = N_("Shipped exercises are never changed; Duplicate makes your own copy.")
SAVE_FIRST = N_("You might save the script first; what is shared is the saved file.")


@dataclasses.dataclass(frozen=True)
class LibraryEntry:
    """A script the editor can open: shipped (opened as a copy) or the person's own."""

    exercise: Exercise
    shipped: bool

    @property
    def label(self) -> str:
        if self.shipped:
            return _("{title} (shipped; opens as your copy)").format(title=self.exercise.title)
        return _("{title} ({file})").format(
            title=self.exercise.title, file=Path(self.exercise.source).name
        )


def entries_of(exercises: Iterable[Exercise]) -> list[LibraryEntry]:
    """The person's own scripts first, then the shipped ones, each in the library's order."""
    marked = [LibraryEntry(e, script_files.is_shipped(e.source)) for e in exercises]
    return [e for e in marked if not e.shipped] + [e for e in marked if e.shipped]


class EditorController(QObject):
    """See the module's text. ``preview(exercise)`` runs a draft that checks out."""

    #: A whole new draft: the form is filled again.
    replaced = Signal()
    #: The draft was checked: :attr:`problems` are new.
    checked = Signal()
    #: The status line, whole.
    status = Signal(str)
    #: A message for the person under the form ("" takes it away).
    said = Signal(str)
    #: The scripts one can open have changed (:attr:`entries`).
    entries_changed = Signal()
    #: Leaving with unsaved changes is being asked about (True), or no longer (False).
    asking_leave = Signal(bool)
    #: The length shown in the list followed the steps to this many minutes.
    minutes_followed = Signal(float)
    #: A shared script the person already has a copy of (the OlderCopyError, the bundle's path):
    #: the screen asks whether it may take that copy's place.
    older_copy = Signal(object, object)

    def __init__(
        self,
        library: ExerciseLibrary,
        *,
        preview: Callable[[Exercise], object] | None = None,
        check_delay_ms: int = CHECK_DELAY_MS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.library = library
        self._preview = preview
        self.draft: ScriptDraft = new_draft()
        self.path: Path | None = None  # the file being edited; None until a new one is saved
        self.origin = ""  # what a new draft was copied from, for the status line
        self.pending: dict[str, Samples] = {}  # recordings waiting to be saved, by voice path
        self._on_disk: dict[str, Samples | None] = {}  # recordings read from beside the script
        self.dirty = False
        self._worked = False  # something typed or recorded since the draft was set
        self.exercise: Exercise | None = None  # the draft, when it checks out
        self.problems: list[ScriptError] = []
        self.entries: list[LibraryEntry] = []
        self._asking_leave = False

        self._check_timer = QTimer(self)
        self._check_timer.setSingleShot(True)
        self._check_timer.setInterval(check_delay_ms)
        self._check_timer.timeout.connect(self.check)
        library.changed.connect(self.refresh_entries)

    # -- the library -------------------------------------------------------------------------

    @property
    def folder(self) -> Path:
        """The person's scripts folder, where new scripts are saved and shared ones taken in."""
        return self.library.folder

    def refresh_entries(self) -> None:
        """Take the list of scripts from the library as it is now (it says when it changes)."""
        self.entries = entries_of(self.library.exercises)
        self.entries_changed.emit()

    def known(self) -> list[Known]:
        """The exercises whose ids are taken: all but the one in the file being edited."""
        own = self.path
        return known_from(
            e.exercise
            for e in self.entries
            if own is None or not script_files.same_file(e.exercise.source, own)
        )

    def open_choice(self) -> tuple[str, LibraryEntry | None]:
        """What the list of scripts shows: the text of its first item (the draft, when it is
        not saved yet) and the entry of the file being edited, if any."""
        first = _(NEW_ITEM)
        if self.path is None:
            title = self.draft.title.strip()
            if title:
                first = _("{title} (not saved yet)").format(title=title)
            else:
                first = _("a new script (not saved yet)")
            return first, None
        path = self.path
        chosen = [e for e in self.entries if script_files.same_file(e.exercise.source, path)]
        return first, (chosen[-1] if chosen else None)

    # -- opening -----------------------------------------------------------------------------

    def new_script(self) -> None:
        self.set_draft(new_draft(), None)

    def open_entry(self, entry: LibraryEntry) -> bool:
        """Open a script: the person's own to edit in place, a shipped one as a copy."""
        path = Path(entry.exercise.source)
        try:
            draft = script_files.draft_from_file(path)
        except tomllib.TOMLDecodeError as problem:
            self.said.emit(_(NOT_TOML).format(name=path.name, problem=problem))
            return False
        except (OSError, UnicodeDecodeError) as problem:
            self.said.emit(
                _("{name} could not be read ({problem}).").format(name=path.name, problem=problem)
            )
            return False
        if entry.shipped:
            copy = duplicate_of(draft, [e.exercise.id for e in self.entries])
            self.set_draft(copy, None, origin=entry.exercise.title)
        else:
            self.set_draft(draft, path)
        return True

    def open_path(self, path: Path) -> bool:
        for entry in self.entries:
            if script_files.same_file(entry.exercise.source, path):
                return self.open_entry(entry)
        return False

    def set_draft(self, draft: ScriptDraft, path: Path | None, *, origin: str = "") -> None:
        self.draft = draft
        self.path = path
        self.origin = origin
        self.pending = {}
        self._on_disk = {}
        self.problems = []
        self.dirty = path is None and bool(origin)
        self._worked = False
        #: Nothing typed yet into a new script: what is still empty is not called a problem.
        self.fresh = path is None and not origin
        #: The length shown in the list follows the steps until the person sets another.
        self.follows_steps = self.fresh or draft.minutes == draft.steps_minutes()
        self._minutes_seen = draft.minutes
        self._set_asking_leave(False)
        self.replaced.emit()
        self.check()

    def duplicate(self) -> None:
        """A copy of what shows now, under a new id, to be saved as a new script."""
        title = self.draft.title or _("this script")
        voices = {v: self.samples(v) for v in self.draft.voices()}
        copy = duplicate_of(self.draft, [e.exercise.id for e in self.entries])
        worked = self.unsaved_work  # what was not saved yet lives on in the copy alone
        self.set_draft(copy, None, origin=title)
        self._worked = worked
        # The copy keeps its recordings: they are written beside it when it is saved.
        self.pending = {k: v for k, v in voices.items() if v is not None}
        self.check()

    @property
    def unsaved_work(self) -> bool:
        """Whether moving on to another script would lose something the person did: changes to
        a saved script, or anything typed or recorded into one not saved yet. An untouched copy
        of a shipped script loses nothing."""
        return self.dirty and (self.path is not None or self._worked)

    @property
    def script_folder(self) -> Path | None:
        return self.path.parent if self.path is not None else None

    # -- changes -----------------------------------------------------------------------------

    def edited(self) -> None:
        """The draft was changed in the form: it is checked once typing pauses. The length shown
        in the list follows the steps while the person has not set another one."""
        self.dirty = True
        self._worked = True
        self.fresh = False
        self._set_asking_leave(False)
        draft = self.draft
        total = draft.steps_minutes()
        if draft.minutes != self._minutes_seen:  # set by the person
            self.follows_steps = draft.minutes == total
        elif self.follows_steps and total is not None and total != draft.minutes:
            draft.minutes = total
            self.minutes_followed.emit(total)
        self._minutes_seen = draft.minutes
        self._check_timer.start()

    def add_step(self, after: int) -> int:
        at = self.draft.add_step(after)
        self.edited()
        return at

    def remove_step(self, row: int) -> int | None:
        at = self.draft.remove_step(row)
        if at is not None:
            self.edited()
        return at

    def move_step(self, row: int, by: int) -> int | None:
        at = self.draft.move_step(row, by)
        if at is not None:
            self.edited()
        return at

    # -- recordings --------------------------------------------------------------------------

    def samples(self, name: str | None) -> Samples | None:
        """The samples of a step's recording: waiting to be saved, or read from beside the
        script (None when there is none or it cannot be read)."""
        if not name:
            return None
        if name in self.pending:
            return self.pending[name]
        if name in self._on_disk:
            return self._on_disk[name]
        folder = self.script_folder
        if folder is None:
            return None
        from kapcompanion.domain.voice import VoiceError
        from kapcompanion.storage.wav import read_wav

        samples: Samples | None
        try:
            samples = read_wav(folder / name)
        except VoiceError:
            samples = None
        self._on_disk[name] = samples
        return samples

    def recordings(self) -> set[str]:
        """Voice paths that exist beside the script or wait to be saved with it."""
        have = set(self.pending)
        folder = self.script_folder
        if folder is not None:
            have |= {v for v in self.draft.voices() if (folder / v).is_file()}
        return have

    def keep_recording(self, row: int, samples: Samples) -> str | None:
        """A take for the step at ``row``, kept until the script is saved: its new name."""
        if not 0 <= row < len(self.draft.steps):
            return None
        taken = set(self.draft.voices()) | set(self.pending)
        folder = self.script_folder
        if folder is not None and (folder / "voice").is_dir():
            taken |= {f"voice/{p.name}" for p in (folder / "voice").iterdir()}
        name = voice_name(self.draft.id, taken)
        self.pending[name] = samples
        self.draft.steps[row].voice = name
        self.edited()
        return name

    def remove_recording(self, row: int) -> bool:
        if not 0 <= row < len(self.draft.steps):
            return False
        self.draft.steps[row].voice = None
        self.edited()
        return True

    # -- checking ----------------------------------------------------------------------------

    def check(self) -> list[ScriptError]:
        """Check the draft as the file would be read; every problem, also in :attr:`problems`."""
        self._check_timer.stop()
        file = self.path.name if self.path is not None else f"{self.draft.id or 'new'}.toml"
        exercise, problems = check_draft(
            self.draft,
            script_files.to_toml(self.draft),
            file=file,
            known=self.known(),
            recordings=self.recordings(),
        )
        self.problems = problems
        if exercise is not None and self.path is not None:
            exercise = dataclasses.replace(exercise, source=str(self.path))
        self.exercise = exercise
        self.checked.emit()
        self._show_status()
        return problems

    def status_text(self, extra: str = "") -> str:
        if self._asking_leave:
            text = _(LEAVE_ASK)
        elif self.problems and self.fresh:
            text = _(NEW_SCRIPT)
        elif self.problems:
            n = len(self.problems)
            text = ngettext(
                "{n} problem to look at; each is shown where it is.",
                "{n} problems to look at; each is shown where it is.",
                n,
            ).format(n=n)
        else:
            text = _(ALL_WELL)
        if self.path is not None:
            if self.dirty:
                where = _("{file}: changes not saved yet.").format(file=self.path.name)
            else:
                where = _("{file}: saved.").format(file=self.path.name)
        elif self.origin:
            where = _("A copy of “{title}”; not saved yet.").format(title=self.origin)
        else:
            where = _(UNSAVED)
        # Whole sentences, one after another.
        return " ".join(part for part in (extra, text, where) if part)

    def _show_status(self, extra: str = "") -> None:
        self.status.emit(self.status_text(extra))

    # -- using the draft ---------------------------------------------------------------------

    def preview(self) -> bool:
        self.fresh = False
        self.check()
        if self.exercise is None or self._preview is None:
            return False
        self._preview(self.exercise)
        return True

    def save(self) -> Path | None:
        """Write the script (and its new recordings) into the scripts folder; the path, or None
        with the reason said when it cannot be saved."""
        self.fresh = False
        if self.check():
            self._show_status(_("Not saved:"))
            return None
        target = self.path or script_files.new_script_path(self.folder, self.draft.id)
        if script_files.is_shipped(target):
            self.said.emit(_(SHIPPED_NEVER_CHANGED))
            return None
        try:
            script_files.save_script(target, self.draft, self.pending)
        except OSError as problem:
            self.said.emit(
                _(
                    "The script could not be saved to {folder} ({problem}). The file as it was is"
                    " unchanged; you might free some space or check the folder, then save again."
                ).format(folder=target.parent, problem=problem.strerror or problem)
            )
            return None
        try:
            load_script(target)
        except ScriptError as problem:  # should not happen: the same checks ran before
            self.said.emit(
                _("Saved, but the file has a problem: {problem}").format(problem=problem)
            )
        self.path = target
        self.origin = ""
        self.pending = {}
        self.dirty = False
        self._set_asking_leave(False)
        self.library.reload()
        self.check()
        self._show_status(_("Saved."))
        return target

    def export_to(self, destination: Path) -> Path | None:
        """Write the saved script and its recordings as one .kapscript file."""
        from kapcompanion.storage.bundle_export import export_bundle

        if self.path is None or self.dirty:
            self.said.emit(_(SAVE_FIRST))
            return None
        try:
            done = export_bundle(self.path, destination)
        except BundleError as problem:
            self.said.emit(str(problem))
            return None
        self.said.emit("")
        recordings = len(done.recordings)
        self._show_status(
            ngettext(
                "Shared as {file} ({n} recording).",
                "Shared as {file} ({n} recordings).",
                recordings,
            ).format(file=done.path.name, n=recordings)
        )
        return done.path

    def import_from(self, bundle: Path, *, replace: bool = False) -> Path | None:
        """Take in a .kapscript (every entry checked first; nothing is half imported) and open
        it; the bundle's own message is said when it cannot be taken in. An updated copy of a
        script the person has is only said (``older_copy``, so the screen can ask) unless
        ``replace``: the older copy then goes to the computer's trash and this one takes its
        place."""
        from kapcompanion.storage.bundle_import import import_bundle
        from kapcompanion.ui.shell.trash import move_to_trash

        try:
            done = import_bundle(
                bundle,
                ensure_private_dir(self.folder),
                known=self.library.exercises,
                put_aside=move_to_trash if replace else None,
            )
        except OlderCopyError as older:
            self._show_status()
            self.older_copy.emit(older, bundle)
            return None
        except BundleError as problem:
            self.said.emit(str(problem))
            self._show_status()  # whatever was said of an earlier one no longer stands
            return None
        except OSError as problem:
            self.said.emit(
                _("Your scripts folder could not be made ({problem}).").format(
                    problem=problem.strerror or problem
                )
            )
            self._show_status()
            return None
        self.said.emit("")
        self.library.reload()
        self.open_path(done.script)
        title = done.exercise.title
        if done.replaced is not None:
            said = _("Took in “{title}”; your earlier copy is in the computer's trash.")
        else:
            said = _("Took in “{title}”.")
        self._show_status(said.format(title=title))
        return done.script

    # -- deleting ----------------------------------------------------------------------------

    @property
    def deletable(self) -> bool:
        """Whether the script open now is the person's own, saved, so it can be deleted."""
        return self.path is not None and not script_files.is_shipped(self.path)

    def delete(self) -> bool:
        """Move the script open now to the computer's trash (where it can be taken back): its
        own folder with its recordings, or its file alone when it shares a folder. The editor
        then starts a new script. False, with the reason said, when it could not be moved."""
        from kapcompanion.ui.shell.trash import move_to_trash

        if self.path is None or not self.deletable:
            return False
        title = self.draft.title.strip() or self.path.stem
        unit = script_files.own_copy(self.path, self.folder) or self.path
        try:
            move_to_trash(unit)
        except OSError as problem:
            self.said.emit(
                _(
                    "“{title}” could not be moved to the trash ({problem}). It is still in your "
                    "scripts, as it was."
                ).format(title=title, problem=problem.strerror or problem)
            )
            return False
        self.said.emit("")
        self.library.reload()
        self.new_script()
        self._show_status(
            _("“{title}” is in the computer's trash, where you can take it back.").format(
                title=title
            )
        )
        return True

    # -- leaving -----------------------------------------------------------------------------

    @property
    def asking(self) -> bool:
        """Whether leaving with unsaved changes is being asked about."""
        return self._asking_leave

    def may_leave(self) -> bool:
        """Esc or Close: True to leave now. With unsaved changes it asks instead (the status
        says so, and "Save and leave" and "Leave without saving" show); asked again while
        asking, it stops asking: Esc never throws work away, only "Leave without saving" does."""
        if not self.dirty:
            return True
        self._set_asking_leave(not self._asking_leave)
        self._show_status()
        return False

    def keep_editing(self) -> None:
        self._set_asking_leave(False)
        self._show_status()

    def _set_asking_leave(self, on: bool) -> None:
        if on != self._asking_leave:
            self._asking_leave = on
            self.asking_leave.emit(on)
