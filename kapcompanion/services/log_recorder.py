"""Keeps practices in the log as they happen, without ever getting in their way.

:class:`PracticeRecorder` listens to the practice-events hub of the main window. When a
practice starts it writes a row (in progress); while it runs it writes how far it has come
about every :data:`~kapcompanion.domain.practice.PROGRESS_EVERY_S` seconds of practice (a timer
reads the practice's elapsed time from the clock; pauses do not count), so a crash leaves an
interrupted row with the time practised; when it ends it finishes the row at once (completed
or stopped, the real end time, how long it lasted, the time spent on each step). The optional
question about how the person feels afterwards, and what of their answers to keep, comes
after that: what they give is added to the finished row.

Nothing here may stop a practice: any trouble with the log becomes a calm notice (the store's
own, when it has one) and the practice carries on.

:class:`PracticeLogs` holds the saved log and the guest log and says which one new practice goes
to. In guest practice nothing is written at all; the saved log is opened only when it is first
needed, so starting as a guest never touches the data folder.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from kapcompanion.domain.clock import Clock, MonotonicClock, Stopwatch
from kapcompanion.domain.practice import (
    ANSWER_KEY,
    MAX_ANSWER_ITEMS,
    MAX_ANSWER_KEY,
    MAX_ANSWER_KEYS,
    MAX_ANSWERS_TEXT,
    MAX_SECONDS,
    MAX_TEXT,
    PracticeRecord,
    Status,
    StepTime,
)
from kapcompanion.domain.practice_flow import PROGRESS_EVERY_S, next_progress_in
from kapcompanion.services.events import PracticeEnd, PracticeEvents, PracticeStart
from kapcompanion.storage import GuestLog, LogUnavailable, PracticeStore, StorageFailure

log = logging.getLogger(__name__)

#: The answer key an exercise uses for an intention.
INTENTION_KEY = "intention"

NOT_RECORDED = (
    "This practice could not be added to your practice log. {why} "
    "You can carry on as usual; only the record of it is missing."
)
NOT_ADDED = (
    "How you felt afterwards could not be added to your practice log. {why} "
    "The practice itself is kept."
)
GUEST_FALLBACK = "Until then, practice here is not saved (as a guest)."


def _clamp_seconds(value: float | None) -> float | None:
    if value is None or value != value:  # NaN
        return None
    return min(MAX_SECONDS, max(0.0, float(value)))


def step_times(visits: tuple[tuple[int, float], ...]) -> tuple[StepTime, ...]:
    """Per-step times from an exercise's visits ((step index, seconds) in the order they
    happened): each visit starts where the one before ended. Step ids count from 1."""
    steps = []
    at = 0.0
    for index, seconds in visits:
        duration = _clamp_seconds(seconds) or 0.0
        start = min(at, MAX_SECONDS)
        steps.append(StepTime(f"step-{int(index) + 1}", start, duration))
        at += duration
    return tuple(steps)


def _label(key: str) -> str:
    words = key.replace("_", " ").replace("-", " ").strip()
    return words[:1].upper() + words[1:]


@dataclass(frozen=True)
class KeptInputs:
    """What of a practice's answers goes into the log."""

    intention: str | None = None
    answers: dict[str, tuple[str, ...]] = field(default_factory=dict)
    #: Only for answers the log cannot hold under their key (see :func:`kept_inputs`).
    note: str | None = None


def has_intention(answers: Mapping[str, tuple[str, ...]]) -> bool:
    return any(t.strip() for t in answers.get(INTENTION_KEY, ()))


def has_other_answers(answers: Mapping[str, tuple[str, ...]]) -> bool:
    return any(
        any(str(t).strip() for t in texts) for key, texts in answers.items() if key != INTENTION_KEY
    )


def _loggable_key(key: object) -> bool:
    return isinstance(key, str) and len(key) <= MAX_ANSWER_KEY and bool(ANSWER_KEY.fullmatch(key))


def kept_inputs(
    answers: Mapping[str, tuple[str, ...]], *, keep_intention: bool, keep_others: bool
) -> KeptInputs:
    """Sort a practice's answers into what the log holds, keeping only what was chosen.

    An intention becomes the record's intention; every other answer (a few words at the
    close of a session, the ticked items of a checklist, a rating asked inside an exercise,
    the senses of 5-4-3-2-1) is kept under its input key, trimmed to what the log accepts
    (:func:`~kapcompanion.domain.practice.check_answers`). Anything that still would not fit
    (a key no script could have, more answers than the log takes) is written into the note,
    one line each, so nothing chosen is lost.
    """
    intention = None
    if keep_intention:
        text = " ".join(t.strip() for t in answers.get(INTENTION_KEY, ()) if t.strip())
        intention = text[:MAX_TEXT] or None
    if not keep_others:
        return KeptInputs(intention=intention)
    kept: dict[str, tuple[str, ...]] = {}
    lines: list[str] = []
    room = MAX_ANSWERS_TEXT
    for key, raw in answers.items():
        if key == INTENTION_KEY:
            continue
        texts = tuple(str(t).strip() for t in raw if str(t).strip())
        if not texts:
            continue
        if _loggable_key(key) and len(kept) < MAX_ANSWER_KEYS:
            fitted: list[str] = []
            for text in texts[:MAX_ANSWER_ITEMS]:
                piece = text[: min(MAX_TEXT, room)]
                if not piece:
                    break
                fitted.append(piece)
                room -= len(piece)
            if fitted:
                kept[key] = tuple(fitted)
            texts = texts[len(fitted) :]
            if not texts:
                continue
        lines.append(f"{_label(str(key))}: {', '.join(texts)}")
    note = "\n".join(lines)[:MAX_TEXT] or None
    return KeptInputs(intention=intention, answers=kept, note=note)


class PracticeLogs:
    """The saved log and the guest log, and which of them new practice goes to.

    ``opener`` opens the saved log; it is called the first time the saved log is needed. When
    it refuses (another copy of the app has the log, or it comes from a newer version) the
    refusal becomes a notice and practice goes on as a guest.
    """

    def __init__(
        self,
        opener: Callable[[], PracticeStore] | None = None,
        *,
        guest: bool = False,
        saved: PracticeStore | None = None,
    ) -> None:
        self._opener = opener
        self._saved = saved
        self._guest_log: PracticeStore = GuestLog()
        self._guest = guest or (saved is None and opener is None)
        self._unavailable: str | None = None
        self._notices: list[str] = []

    @property
    def guest(self) -> bool:
        """Whether practice now goes to the guest log (nothing is written)."""
        return self._guest

    @property
    def can_save(self) -> bool:
        """Whether a saved log can be used at all from this copy of the app."""
        return self._unavailable is None and (self._saved is not None or self._opener is not None)

    @property
    def unavailable_reason(self) -> str | None:
        return self._unavailable

    @property
    def guest_log(self) -> PracticeStore:
        return self._guest_log

    def set_guest(self, on: bool) -> bool:
        """Switch guest practice on or off; returns whether it is on afterwards (it stays on
        when the saved log cannot be used)."""
        if on:
            self._guest = True
        elif self.can_save:
            self._guest = False
            self._open_saved()
        return self._guest

    def _open_saved(self) -> PracticeStore | None:
        if self._saved is None and self._opener is not None and self._unavailable is None:
            try:
                self._saved = self._opener()
            except LogUnavailable as refusal:
                self._unavailable = refusal.message
                self._notices.append(refusal.message)
                self._guest = True
            except (OSError, StorageFailure) as exc:
                message = getattr(exc, "message", None) or str(exc)
                self._unavailable = message
                self._notices.append(f"{message} {GUEST_FALLBACK}")
                self._guest = True
        return self._saved

    @property
    def current(self) -> PracticeStore:
        """The log new practice goes to."""
        if not self._guest:
            saved = self._open_saved()
            if saved is not None and not self._guest:
                return saved
        return self._guest_log

    def take_notices(self) -> list[str]:
        """Messages for the person since the last call: the logs' own notices first."""
        notices, self._notices = self._notices, []
        for store in (self._saved, self._guest_log):
            if store is not None:
                notices += [n.message for n in store.take_notices()]
        return notices

    def close(self) -> None:
        if self._saved is not None:
            self._saved.close()


@dataclass
class _Running:
    """A practice that has started and not ended yet."""

    store: PracticeStore
    practice_id: str
    start: PracticeStart
    #: Practice time on the app's clock (pauses the hub reports do not count).
    watch: Stopwatch
    #: Where a screen reports its own elapsed time, when it does (see ``follow``).
    elapsed: Callable[[], float] | None = None
    #: The practice time last written as progress.
    saved_s: float = 0.0


@dataclass
class _Ended:
    """A practice whose row is finished, waiting for the person's after-practice answers."""

    store: PracticeStore
    practice_id: str
    end: PracticeEnd
    record: PracticeRecord


@dataclass(frozen=True)
class AfterQuestion:
    """What the person is asked once a practice has ended."""

    ask_rating: bool
    intention: str | None
    has_other_answers: bool


class PracticeRecorder(QObject):
    """Writes the practices the hub reports into the current log.

    Signals: ``recorded(PracticeRecord)`` once a practice is in the log as it will stay (its
    row finished and the after-practice answers, if any, added), ``after_wanted(AfterQuestion)``
    when the person might be asked how they feel now (answer with :meth:`finish`),
    ``notice(str)`` with a message for the home screen.

    ``progress_timer`` wakes when the running practice's progress is next due; each time it
    reads the practice's elapsed time and writes it when :data:`PROGRESS_EVERY_S` seconds of
    practice have passed since the last write.
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
        clock: Clock | None = None,
        progress_every_s: float = PROGRESS_EVERY_S,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.logs = logs
        self.ask_ratings = ask_ratings
        self.clock: Clock = clock or MonotonicClock()
        self.progress_every_s = progress_every_s
        self._rating_before: int | None = None
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

    def set_rating_before(self, rating: int | None) -> None:
        """The rating given before the practice that starts next (None: skipped)."""
        self._rating_before = rating

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
        store = self.logs.current
        planned = _clamp_seconds(info.planned_seconds)
        try:
            practice_id = store.start_practice(
                info.kind, info.ref, planned_s=planned or None, rating_before=rating
            )
        except Exception as exc:  # the practice must go on whatever the log does
            self._trouble("starting", exc)
            return
        finally:
            self._pass_on_notices()
        watch = Stopwatch(self.clock)
        watch.start()
        self._running = _Running(store, practice_id, info, watch)
        self._plan_progress()

    def follow(self, elapsed: Callable[[], float]) -> None:
        """Read the running practice's elapsed time from its screen (``elapsed()``, seconds of
        practice on the same clock) instead of timing it here; for screens that do not tell
        the hub when they pause."""
        if self._running is not None:
            self._running.elapsed = elapsed
            self._plan_progress()

    def _paused(self) -> None:
        if self._running is not None:
            self._running.watch.pause()
            self.progress_timer.stop()

    def _resumed(self) -> None:
        if self._running is not None:
            self._running.watch.resume()
            self._plan_progress()

    def elapsed(self) -> float:
        """Seconds of practice of the running practice so far (0 when none runs)."""
        running = self._running
        if running is None:
            return 0.0
        if running.elapsed is not None:
            try:
                seconds = float(running.elapsed())
            except (RuntimeError, TypeError, ValueError):  # the screen has gone
                running.elapsed = None
            else:
                if math.isfinite(seconds):
                    return _clamp_seconds(seconds) or 0.0
        return _clamp_seconds(running.watch.elapsed()) or 0.0

    # -- progress while it runs ----------------------------------------------------------------

    def _plan_progress(self) -> None:
        """Wake the timer when the next progress is due, by the practice's elapsed time."""
        running = self._running
        if running is None:
            self.progress_timer.stop()
            return
        wait = next_progress_in(self.elapsed(), running.saved_s, self.progress_every_s)
        # At least a second between wakes; a screen that pauses on its own simply makes the
        # timer find that nothing is due yet.
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
        if not running.watch.running and running.elapsed is None:
            return written  # paused: the hub's "resumed" plans the next wake
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
        try:
            # Finished now, at its real end; what the person adds afterwards joins it later.
            record = running.store.finish_practice(
                running.practice_id,
                actual_s=_clamp_seconds(info.seconds) or 0.0,
                status=status,
                steps=step_times(info.steps),
            )
        except Exception as exc:
            self._trouble("ending", exc)
            return
        finally:
            self._pass_on_notices()
        self._ended_practice = _Ended(running.store, running.practice_id, info, record)
        question = AfterQuestion(
            ask_rating=self.asks_ratings,
            intention=" ".join(info.answers.get(INTENTION_KEY, ())).strip() or None,
            has_other_answers=has_other_answers(info.answers),
        )
        worth_asking = question.ask_rating or question.intention or question.has_other_answers
        if ask and self.asks and worth_asking:
            self.after_wanted.emit(question)
        else:
            self.finish()

    # -- afterwards ----------------------------------------------------------------------------

    def finish(
        self,
        rating_after: int | None = None,
        *,
        keep_intention: bool = True,
        keep_others: bool = False,
    ) -> PracticeRecord | None:
        """Add the person's after-practice answers to the practice that ended: the after
        rating (None: skipped) and the answers they chose to keep. The defaults keep an
        intention and nothing else. Returns the record as the log now holds it."""
        ended, self._ended_practice = self._ended_practice, None
        if ended is None:
            return None
        kept = kept_inputs(
            ended.end.answers, keep_intention=keep_intention, keep_others=keep_others
        )
        record = ended.record
        if rating_after is not None or kept.intention or kept.answers or kept.note:
            note = kept.note
            if note is not None and record.note:
                note = f"{record.note}\n{note}"[:MAX_TEXT]
            try:
                record = ended.store.record_after(
                    ended.practice_id,
                    rating_after=rating_after,
                    intention=kept.intention,
                    answers=kept.answers or None,
                    note=note,
                )
            except Exception as exc:
                self._trouble("finishing", exc, after=True)
                return None
            finally:
                self._pass_on_notices()
        self.recorded.emit(record)
        return record

    def shutdown(self) -> None:
        """The app is closing: end what runs (stopped, with the time practised so far) and
        keep what waits for an answer with its defaults."""
        if self._running is not None:
            self._end(PracticeEnd(Status.STOPPED, self.elapsed()), ask=False)
        if self._ended_practice is not None:
            self.finish()

    # -- trouble -------------------------------------------------------------------------------

    def _trouble(self, doing: str, exc: Exception, *, after: bool = False) -> None:
        if isinstance(exc, StorageFailure | LogUnavailable):
            why = exc.message
        else:
            log.exception("The practice log failed while %s a practice", doing)
            why = "Something unexpected happened, and it has been noted in the app's log."
        self.notice.emit((NOT_ADDED if after else NOT_RECORDED).format(why=why))

    def _pass_on_notices(self) -> None:
        for message in self.logs.take_notices():
            self.notice.emit(message)
