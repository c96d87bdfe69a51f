"""Keeps practices in the log as they happen, without ever getting in their way.

:class:`PracticeRecorder` listens to the practice-events hub of the main window. When a
practice starts it writes a row (in progress); while it runs it writes how far it has come
about every :data:`~kapcompanion.domain.practice_flow.PROGRESS_EVERY_S` seconds of practice, so
a crash leaves an interrupted row with the time practised; when it ends it finishes the row at
once (completed or stopped, the real end time, how long it lasted, the time spent on each
step) and with every word the person typed or chose in it, whether they completed it, stopped
it with Esc or closed the window. Afterwards the person may be asked how they feel (when that is
this practice's one question) and may choose not to keep their words: the rating is added to
the finished row, and words they let go are removed from it.

The practice's time is the screen's own: the start event brings a way to read it
(:attr:`PracticeStart.elapsed`), so pauses count exactly as the screen counts them and the
recorder keeps no stopwatch of its own.

Nothing here may stop a practice: any trouble with the log becomes a calm notice (the store's
own, when it has one) and the practice carries on. Which log is written to is
:class:`~kapcompanion.storage.logs.PracticeLogs`'s to say.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from kapcompanion.domain.answers import (
    after_question,
    clamp_seconds,
    joined_note,
    kept_inputs,
    step_times,
)
from kapcompanion.domain.practice import PracticeRecord, Status
from kapcompanion.domain.practice_flow import PROGRESS_EVERY_S, next_progress_in
from kapcompanion.i18n import N_, _
from kapcompanion.services.events import PracticeEnd, PracticeEvents, PracticeStart
from kapcompanion.storage import LogUnavailable, PracticeLogs, PracticeStore, StorageFailure

log = logging.getLogger(__name__)

NOT_RECORDED = N_(
    "This practice could not be added to your practice log. {why} "
    "You can carry on as usual; only the record of it is missing."
)
NOT_ADDED = N_(
    "How you felt afterwards could not be added to your practice log. {why} "
    "The practice itself is kept."
)
NOT_FORGOTTEN = N_(
    "Your words could not be taken out of your practice log. {why} "
    "They are still kept with this practice, as before."
)


@dataclass
class _Running:
    """A practice that has started and not ended yet."""

    store: PracticeStore
    practice_id: str
    start: PracticeStart
    #: Reads the practice's time from its screen (None: it cannot be read, or not any more).
    read: Callable[[], float] | None
    #: The practice's time as last read.
    seen_s: float = 0.0
    #: The practice time last written as progress.
    saved_s: float = 0.0
    #: The hub said the practice is paused.
    paused: bool = False
    #: Whether the person is asked how they feel once it has ended.
    ask_after: bool = False


@dataclass
class _Ended:
    """A practice whose row is finished, waiting for the person's after-practice answers."""

    store: PracticeStore
    practice_id: str
    end: PracticeEnd
    record: PracticeRecord
    #: The record's note before the practice's words joined it.
    note_before: str | None = None


class PracticeRecorder(QObject):
    """Writes the practices the hub reports into the current log.

    Signals: ``recorded(PracticeRecord)`` once a practice is in the log as it will stay (its
    row finished and the after-practice answers, if any, added), ``after_wanted(AfterQuestion)``
    when the person might be asked how they feel now (answer with :meth:`finish`),
    ``notice(str)`` with a message for the home screen.

    ``progress_timer`` wakes when the running practice's progress is next due; each time it
    reads the practice's elapsed time and writes it when :data:`PROGRESS_EVERY_S` seconds of
    practice have passed since the last write. A practice whose start brings no way to read
    its time is kept when it starts and when it ends, with nothing in between.
    """

    recorded = Signal(object)
    after_wanted = Signal(object)
    notice = Signal(str)

    def __init__(
        self,
        hub: PracticeEvents,
        logs: PracticeLogs,
        *,
        ask_ratings: bool = True,
        progress_every_s: float = PROGRESS_EVERY_S,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.logs = logs
        self.ask_ratings = ask_ratings
        self.progress_every_s = progress_every_s
        self._rating_before: int | None = None
        self._ask_after = False
        self._running: _Running | None = None
        self._ended_practice: _Ended | None = None
        self.progress_timer = QTimer(self)
        self.progress_timer.setSingleShot(True)
        self.progress_timer.setTimerType(Qt.TimerType.CoarseTimer)
        self.progress_timer.timeout.connect(self.save_progress)
        hub.started.connect(self._started)
        hub.ended.connect(self._ended)
        hub.paused.connect(self._paused)
        hub.resumed.connect(self._resumed)

    # -- what the prompts tell -----------------------------------------------------------------

    @property
    def asks(self) -> bool:
        """Whether the person is asked anything at all (never in guest practice)."""
        return not self.logs.guest

    @property
    def asks_ratings(self) -> bool:
        return self.asks and self.ask_ratings

    def set_rating_before(self, rating: int | None, *, ask_after: bool = False) -> None:
        """The rating given before the practice that starts next (None: skipped or not
        asked), and whether to ask how the person feels once it has ended. A practice that
        starts without this being said first is not asked afterwards."""
        self._rating_before = rating
        self._ask_after = ask_after

    @property
    def waiting_for_after(self) -> bool:
        """A practice has ended and waits for the person's after-practice answers."""
        return self._ended_practice is not None

    @property
    def running_id(self) -> str | None:
        """The log's id of the practice running now, if it is being recorded."""
        return self._running.practice_id if self._running is not None else None

    # -- the hub -------------------------------------------------------------------------------

    def _started(self, info: PracticeStart) -> None:
        if self._running is not None:
            # The hub never ended the practice before: end it as it is, stopped.
            self._end(PracticeEnd(Status.STOPPED, self.elapsed()), ask=False)
        if self._ended_practice is not None:
            # The previous practice was never answered for: keep it with the defaults.
            self.finish()
        rating, self._rating_before = self._rating_before, None
        ask_after, self._ask_after = self._ask_after, False
        if not info.kept:
            return  # someone else's practice (presented to a client): not in this log
        store = self.logs.current
        planned = clamp_seconds(info.planned_seconds)
        try:
            practice_id = store.start_practice(
                info.kind, info.ref, planned_s=planned or None, rating_before=rating
            )
        except Exception as exc:  # the practice must go on whatever the log does
            self._trouble("starting", exc)
            return
        finally:
            self._pass_on_notices()
        self._running = _Running(store, practice_id, info, info.elapsed, ask_after=ask_after)
        self._plan_progress()

    def _paused(self) -> None:
        if self._running is not None:
            self._running.paused = True
            self.progress_timer.stop()

    def _resumed(self) -> None:
        if self._running is not None:
            self._running.paused = False
            self._plan_progress()

    def elapsed(self) -> float:
        """Seconds of practice of the running practice so far, as its screen counts them (0
        when none runs). When the screen can no longer be read, the time last read stands."""
        running = self._running
        if running is None:
            return 0.0
        if running.read is not None:
            try:
                seconds = float(running.read())
            except (RuntimeError, TypeError, ValueError):  # the screen has gone
                running.read = None
            else:
                if math.isfinite(seconds):
                    running.seen_s = clamp_seconds(seconds) or 0.0
        return running.seen_s

    # -- progress while it runs ----------------------------------------------------------------

    def _plan_progress(self) -> None:
        """Wake the timer when the next progress is due, by the practice's elapsed time."""
        running = self._running
        if running is None or running.read is None or running.paused:
            self.progress_timer.stop()  # nothing to read, or the hub's "resumed" plans it
            return
        wait = next_progress_in(self.elapsed(), running.saved_s, self.progress_every_s)
        # At least a second between wakes; should a screen pause without telling the hub, the
        # timer simply finds that nothing is due yet.
        self.progress_timer.start(max(1000, math.ceil(wait * 1000)))

    def save_progress(self) -> bool:
        """The timer's slot: write how far the running practice has come, if that is due.
        Returns whether anything was written."""
        running = self._running
        if running is None:
            return False
        elapsed = self.elapsed()
        written = False
        if next_progress_in(elapsed, running.saved_s, self.progress_every_s) <= 0.0:
            try:
                running.store.record_progress(running.practice_id, actual_s=elapsed)
            except Exception:  # progress is a safety net: a failure must not stop the practice
                log.exception("The progress of a practice could not be kept")
            else:
                written = True
            finally:
                self._pass_on_notices()
            running.saved_s = elapsed
        self._plan_progress()
        return written

    # -- the end -------------------------------------------------------------------------------

    def _ended(self, info: PracticeEnd) -> None:
        self._end(info, ask=True)

    def _end(self, info: PracticeEnd, *, ask: bool) -> None:
        running, self._running = self._running, None
        self.progress_timer.stop()
        if running is None:
            return
        status = info.outcome
        words = kept_inputs(info.answers)
        try:
            # Finished now, at its real end, with everything the person typed or chose: what
            # they add afterwards joins it later, and nothing waits for an answer to be kept.
            record = running.store.finish_practice(
                running.practice_id,
                actual_s=clamp_seconds(info.seconds) or 0.0,
                status=status,
                steps=step_times(info.steps),
                answers=words.answers or None,
                intention=words.intention,
            )
            note_before = record.note
            if words.note:
                record = running.store.record_after(
                    running.practice_id, note=joined_note(record.note, words.note)
                )
        except Exception as exc:
            self._trouble("ending", exc)
            return
        finally:
            self._pass_on_notices()
        self._ended_practice = _Ended(
            running.store, running.practice_id, info, record, note_before=note_before
        )
        question = after_question(info.answers, ask_rating=self.asks_ratings and running.ask_after)
        if ask and self.asks and question.worth_asking:
            self.after_wanted.emit(question)
        else:
            self.finish()

    # -- afterwards ----------------------------------------------------------------------------

    def finish(
        self, rating_after: int | None = None, *, forget_words: bool = False
    ) -> PracticeRecord | None:
        """Add the person's after-practice answer to the practice that ended: the after rating
        (None: skipped), and, only when they chose it, take their words out of the log again.
        Returns the record as the log now holds it."""
        ended, self._ended_practice = self._ended_practice, None
        if ended is None:
            return None
        record = ended.record
        if forget_words:
            try:
                record = ended.store.forget_words(ended.practice_id, note=ended.note_before)
            except Exception as exc:
                self._trouble("forgetting the words of", exc, message=NOT_FORGOTTEN)
            finally:
                self._pass_on_notices()
        try:
            if rating_after is not None:
                record = ended.store.record_after(ended.practice_id, rating_after=rating_after)
        except Exception as exc:
            self._trouble("finishing", exc, after=True)
            return None
        finally:
            self._pass_on_notices()
        self.recorded.emit(record)
        return record

    def shutdown(self) -> None:
        """The app is closing: end what runs (stopped, with the time practised so far, its
        words kept) and leave what waits for an answer as it is."""
        if self._running is not None:
            self._end(PracticeEnd(Status.STOPPED, self.elapsed()), ask=False)
        if self._ended_practice is not None:
            self.finish()

    # -- trouble -------------------------------------------------------------------------------

    def _trouble(
        self, doing: str, exc: Exception, *, after: bool = False, message: str | None = None
    ) -> None:
        if isinstance(exc, StorageFailure | LogUnavailable):
            why = exc.message
        else:
            log.exception("The practice log failed while %s a practice", doing)
            why = _("Something unexpected happened, and it has been noted in the app's log.")
        if message is None:
            message = NOT_ADDED if after else NOT_RECORDED
        self.notice.emit(_(message).format(why=why))

    def _pass_on_notices(self) -> None:
        for message in self.logs.take_notices():
            self.notice.emit(message)
