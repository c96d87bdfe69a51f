"""Keeps practices in the log as they happen, without ever getting in their way.

:class:`PracticeRecorder` listens to the practice-events hub of the main window. When a
practice starts it writes a row (in progress); when it ends it writes how long it lasted and the
time spent on each step at once, and finishes the row (completed or stopped) as soon as the
person has answered, or skipped, the optional question about how they feel afterwards and
chosen what of their answers to keep.

Nothing here may stop a practice: any trouble with the log becomes a calm notice (the store's
own, when it has one) and the practice carries on.

:class:`PracticeLogs` holds the saved log and the guest log and says which one new practice goes
to. In guest practice nothing is written at all; the saved log is opened only when it is first
needed, so starting as a guest never touches the data folder.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from PySide6.QtCore import QObject, Signal

from kapcompanion.domain.practice import (
    MAX_SECONDS,
    MAX_TEXT,
    SENSES,
    PracticeRecord,
    Status,
    StepTime,
)
from kapcompanion.storage import GuestLog, LogUnavailable, PracticeStore, StorageFailure
from kapcompanion.ui.practice_events import PracticeEnd, PracticeEvents, PracticeStart

log = logging.getLogger(__name__)

#: The answer key an exercise uses for an intention.
INTENTION_KEY = "intention"
SENSE_LIMITS = dict(SENSES)

NOT_RECORDED = (
    "This practice could not be added to your practice log. {why} "
    "You can carry on as usual; only the record of it is missing."
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
    note: str | None = None


def has_intention(answers: Mapping[str, tuple[str, ...]]) -> bool:
    return any(t.strip() for t in answers.get(INTENTION_KEY, ()))


def has_other_answers(answers: Mapping[str, tuple[str, ...]]) -> bool:
    return any(
        any(str(t).strip() for t in texts) for key, texts in answers.items() if key != INTENTION_KEY
    )


def kept_inputs(
    answers: Mapping[str, tuple[str, ...]], *, keep_intention: bool, keep_others: bool
) -> KeptInputs:
    """Sort a practice's answers into what the log can hold, keeping only what was chosen.

    An intention becomes the record's intention; the senses of 5-4-3-2-1 become its answers;
    anything else (a few words at the close of a session, a ticked checklist, a rating asked
    inside an exercise) is written into the note, one line each, so nothing chosen is lost.
    """
    intention = None
    if keep_intention:
        text = " ".join(t.strip() for t in answers.get(INTENTION_KEY, ()) if t.strip())
        intention = text[:MAX_TEXT] or None
    if not keep_others:
        return KeptInputs(intention=intention)
    senses: dict[str, tuple[str, ...]] = {}
    lines: list[str] = []
    for key, raw in answers.items():
        if key == INTENTION_KEY:
            continue
        texts = tuple(str(t).strip() for t in raw if str(t).strip())
        if not texts:
            continue
        limit = SENSE_LIMITS.get(key)
        if limit is not None:
            senses[key] = tuple(t[:MAX_TEXT] for t in texts[:limit])
            texts = texts[limit:]
            if not texts:
                continue
        lines.append(f"{_label(key)}: {', '.join(texts)}")
    note = "\n".join(lines)[:MAX_TEXT] or None
    return KeptInputs(intention=intention, answers=senses, note=note)


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
    store: PracticeStore
    practice_id: str
    start: PracticeStart
    end: PracticeEnd | None = None


@dataclass(frozen=True)
class AfterQuestion:
    """What the person is asked once a practice has ended."""

    ask_rating: bool
    intention: str | None
    has_other_answers: bool


class PracticeRecorder(QObject):
    """Writes the practices the hub reports into the current log.

    Signals: ``recorded(PracticeRecord)`` once a practice is finished in the log,
    ``after_wanted(AfterQuestion)`` when the person might be asked how they feel now (answer
    with :meth:`finish`), ``notice(str)`` with a message for the home screen.
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
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.logs = logs
        self.ask_ratings = ask_ratings
        self._rating_before: int | None = None
        self._running: _Running | None = None
        hub.started.connect(self._started)
        hub.ended.connect(self._ended)

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
        return self._running is not None and self._running.end is not None

    # -- the hub -------------------------------------------------------------------------------

    def _started(self, info: PracticeStart) -> None:
        if self._running is not None:
            # The previous practice was never answered for: finish it as it is.
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
        self._running = _Running(store, practice_id, info)

    def _ended(self, info: PracticeEnd) -> None:
        running = self._running
        if running is None or running.end is not None:
            return
        running.end = info
        try:
            running.store.record_progress(
                running.practice_id,
                actual_s=_clamp_seconds(info.seconds) or 0.0,
                steps=step_times(info.steps),
            )
        except Exception as exc:
            self._trouble("ending", exc)
        finally:
            self._pass_on_notices()
        question = AfterQuestion(
            ask_rating=self.asks_ratings,
            intention=" ".join(info.answers.get(INTENTION_KEY, ())).strip() or None,
            has_other_answers=has_other_answers(info.answers),
        )
        if self.asks and (question.ask_rating or question.intention or question.has_other_answers):
            self.after_wanted.emit(question)
        else:
            self.finish()

    # -- finishing -----------------------------------------------------------------------------

    def finish(
        self,
        rating_after: int | None = None,
        *,
        keep_intention: bool = True,
        keep_others: bool = False,
    ) -> PracticeRecord | None:
        """Finish the practice that ended: with the after rating (None: skipped) and the
        answers the person chose to keep. The defaults keep an intention and nothing else."""
        running = self._running
        if running is None:
            return None
        self._running = None
        end = running.end or PracticeEnd("stopped", 0.0)
        kept = kept_inputs(end.answers, keep_intention=keep_intention, keep_others=keep_others)
        status = Status.COMPLETED if end.outcome == Status.COMPLETED.value else Status.STOPPED
        try:
            record = running.store.finish_practice(
                running.practice_id,
                actual_s=_clamp_seconds(end.seconds) or 0.0,
                status=status,
                steps=step_times(end.steps),
                rating_after=rating_after,
                answers=kept.answers or None,
                note=kept.note,
                intention=kept.intention,
            )
        except Exception as exc:
            self._trouble("finishing", exc)
            return None
        finally:
            self._pass_on_notices()
        self.recorded.emit(record)
        return record

    def shutdown(self) -> None:
        """The app is closing: finish what is waiting, with its defaults."""
        if self._running is not None:
            if self._running.end is None:
                self._ended(PracticeEnd("stopped", 0.0))
            self.finish()

    # -- trouble -------------------------------------------------------------------------------

    def _trouble(self, doing: str, exc: Exception) -> None:
        if isinstance(exc, StorageFailure | LogUnavailable):
            why = exc.message
        else:
            log.exception("The practice log failed while %s a practice", doing)
            why = "Something unexpected happened, and it has been noted in the app's log."
        self.notice.emit(NOT_RECORDED.format(why=why))

    def _pass_on_notices(self) -> None:
        for message in self.logs.take_notices():
            self.notice.emit(message)
