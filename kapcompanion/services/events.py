"""What practice screens tell the rest of the app.

A practice screen (breathing, exercise, presentation) reports here what happens; it does not
know who listens. The practice log, the audio engine and the therapist's control window each
subscribe. This keeps screens thin and the wiring in one place (MainWindow owns one hub).

Times are on the app's one clock: ``origin`` is the clock time at which the pacer's elapsed
time was zero, so a listener can map any clock time onto the pacer (as the audio engine does
for each block's output time).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace

from PySide6.QtCore import QObject, Signal

from kapcompanion.domain.pacing import PacerTimeline
from kapcompanion.domain.practice import Kind, Status


@dataclass(frozen=True)
class PracticeStart:
    """A practice began: ``ref`` is the pattern key or exercise id, ``planned_seconds`` its
    planned length. ``elapsed`` reads the practice's own time so far (seconds of practice on
    the app's clock, pauses left out), the one the screen shows; listeners read the time from
    it instead of keeping a stopwatch of their own."""

    kind: Kind
    ref: str
    title: str
    planned_seconds: float
    elapsed: Callable[[], float] | None = field(default=None, compare=False, repr=False)
    #: Whether this is the person's own practice, kept in their log and offered again from
    #: home (a practice presented to a client is not, unless the therapist chooses to keep it).
    kept: bool = True


@dataclass(frozen=True)
class PracticeEnd:
    """A practice ended, ``outcome`` :attr:`Status.COMPLETED` or :attr:`Status.STOPPED` (the
    person chose to stop).

    ``steps`` holds (step index, seconds) visits for an exercise; ``answers`` the inputs the
    person entered, by key (a checklist keeps its ticked items)."""

    outcome: Status
    seconds: float
    steps: tuple[tuple[int, float], ...] = ()
    answers: dict[str, tuple[str, ...]] = field(default_factory=dict)


@dataclass(frozen=True)
class PacerOn:
    """The pacer is showing ``timeline`` with elapsed time zero at clock time ``origin``."""

    timeline: PacerTimeline
    origin: float


class PracticeEvents(QObject):
    started = Signal(object)  # PracticeStart
    paused = Signal()
    resumed = Signal()
    ended = Signal(object)  # PracticeEnd
    pacer = Signal(object)  # PacerOn, or None when no pacer is showing
    cue = Signal(str)  # a one-off sound cue by name, e.g. "step-chime"
    # The recording of the step that just began (an absolute WAV path), once per step visit;
    # "" when the new step has none (a recording still playing from the step before stops).
    voice = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.running: PracticeStart | None = None
        #: Whether practices that start now are the person's own (see PracticeStart.kept);
        #: presentation mode sets it for as long as it presents.
        self.keeping = True

    def start(self, info: PracticeStart) -> None:
        if not self.keeping:
            info = replace(info, kept=False)
        self.running = info
        self.started.emit(info)

    def end(self, info: PracticeEnd) -> None:
        if self.running is None:
            return
        self.running = None
        self.pacer.emit(None)
        self.ended.emit(info)

    def show_pacer(self, timeline: PacerTimeline | None, origin: float | None = None) -> None:
        if timeline is None or origin is None:
            self.pacer.emit(None)
        else:
            self.pacer.emit(PacerOn(timeline, origin))
