"""What presentation mode's controls show about a practice at one moment, as plain values.

The therapist's controls (or the ones floating over the practice) show the practice's title,
where it is ("Step 3 of 8"), the words of the step showing now in full and the first words of
the one that comes next, the time left, and whether it is paused, asking "stop here?" or
over. These functions make that from an exercise run's state or a breathing practice's pacer
state.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from kapcompanion.domain.breathing_config import BreathingConfig, format_time_left
from kapcompanion.domain.exercise_info import time_left_words
from kapcompanion.domain.pacing import PacerState
from kapcompanion.domain.run_state import RunStatus
from kapcompanion.domain.runner import RunnerState
from kapcompanion.domain.scripts import Exercise, Moment
from kapcompanion.i18n import N_, _

#: Words of a step shown in the control panel.
PREVIEW_WORDS = 9
#: Translated in the :class:`PresentStatus` made here (``_(LAST_STEP)`` elsewhere).
LAST_STEP = N_("This is the last step.")
BREATHING_POSITION = N_("Breathing")


def first_words(text: str, count: int = PREVIEW_WORDS) -> str:
    """The first ``count`` words of ``text``, with "…" when there is more."""
    words = text.split()
    if len(words) <= count:
        return " ".join(words)
    return re.sub(r"[,;:.]$", "", " ".join(words[:count])) + "…"


def _position(number: int, count: int) -> str:
    return _("Step {number} of {count}").format(number=number, count=count)


@dataclass(frozen=True)
class PresentStatus:
    """What the control panel shows at one moment."""

    title: str
    position: str  # "Step 3 of 8", "Breathing"
    now: str  # the step's words in full, or the breath's word
    next: str  # the first words of the step that comes next, or LAST_STEP, or ""
    time_left: str
    paused: bool  # the practice time stands still (paused, or asking "stop here?")
    asking: bool  # "stop here?" is showing
    ended: bool
    can_move: bool  # back and next apply now
    has_steps: bool  # the practice has steps to move between (back and next are offered)


def exercise_status(exercise: Exercise, state: RunnerState | None, *, ended: bool) -> PresentStatus:
    """An exercise run's status; ``state`` is what its screen shows (None before the start),
    ``ended`` says the presentation is over whatever the run says."""
    if state is None:
        first = exercise.steps[0]
        following = exercise.steps[1].text if len(exercise.steps) > 1 else ""
        return PresentStatus(
            title=exercise.title,
            position=_position(1, len(exercise.steps)),
            now=first.text,
            next=first_words(following) if following else _(LAST_STEP),
            time_left=time_left_words(exercise.planned_seconds),
            paused=False,
            asking=False,
            ended=ended,
            can_move=False,
            has_steps=True,
        )
    index = state.step_index
    later = exercise.steps[index + 1] if index + 1 < len(exercise.steps) else None
    over = ended or state.finished
    return PresentStatus(
        title=exercise.title,
        position=_position(state.step_number, state.step_count),
        now=state.step.text,
        next=first_words(later.text) if later is not None else _(LAST_STEP),
        time_left="" if ended else time_left_words(state.time_left),
        paused=state.status.still,
        asking=state.asking,
        ended=over,
        can_move=not (over or state.asking),
        has_steps=True,
    )


def breathing_status(
    config: BreathingConfig, state: PacerState | None, status: RunStatus, *, ended: bool
) -> PresentStatus:
    """A breathing practice's status: ``state`` is where the breath shows (None before the
    first frame), ``status`` the run's, ``ended`` true once it is over."""
    left = ""
    if state is not None and state.time_left is not None and not ended:
        left = _("{time} left").format(time=format_time_left(state.time_left))
    return PresentStatus(
        title=_("Breathing · {pattern}").format(pattern=config.pattern.name),
        position=_(BREATHING_POSITION),
        now=state.label if state is not None and not ended else "",
        next="",
        time_left=left,
        paused=status.still,
        asking=status is RunStatus.ASKING,
        ended=ended,
        can_move=False,
        has_steps=False,
    )


#: The order the present page offers exercises in: what a therapist reaches for in the room
#: first (closing a session, then settling before one), the rest after.
PRESENT_MOMENTS = (
    Moment.SESSION_CLOSE,
    Moment.BEFORE_DOSING,
    Moment.ANY_TIME,
    Moment.BETWEEN_SESSIONS,
)


def for_the_room(exercise: Exercise) -> bool:
    """Whether ``exercise`` is for the close of a session or settling before one (the present
    page lists these first, before the breathing patterns)."""
    return any(m.gentle for m in exercise.moments)


def present_order(exercises: Iterable[Exercise]) -> list[Exercise]:
    """``exercises`` as the present page lists them: by the first moment each is for (closing
    and settling practices first), practices with breath holds after those without, then by
    length in minutes (3 before 10) and title."""

    def key(exercise: Exercise) -> tuple[int, bool, float, str]:
        moments = [PRESENT_MOMENTS.index(m) for m in exercise.moments if m in PRESENT_MOMENTS]
        return (
            min(moments, default=len(PRESENT_MOMENTS)),
            exercise.has_holds,
            exercise.minutes,
            exercise.title.casefold(),
        )

    return sorted(exercises, key=key)
