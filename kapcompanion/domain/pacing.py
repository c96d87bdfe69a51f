"""Breath patterns, presets and the pacer timeline.

The timeline is a pure function of elapsed practice time: given ``t`` seconds it says which
phase of the breath the pacer is in, how far through it, which cycle, how large the breath
is and how much of the session is left. Nothing is accumulated frame by frame, so there is
no drift however long a session runs.

A glide starts at a comfortable rate and slows smoothly to the pattern's own rate. The pacer
follows the integral of the rate (the number of cycles breathed so far), so the breath never
jumps, whatever the rate does.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from enum import StrEnum

from kapcompanion.i18n import N_, _, pgettext

MIN_PHASE_S = 0.5
MAX_PHASE_S = 30.0
MIN_CYCLE_S = 2.0
MAX_BPM = 60.0 / MIN_CYCLE_S
MIN_BPM = 60.0 / (4 * MAX_PHASE_S)


class PatternError(ValueError):
    """A breath pattern value is out of range or not a number.

    ``field`` names the value, ``value`` is what was given and ``allowed`` says what would be
    accepted, so the message can be shown to a person as it is (in the language in use when
    it was raised).
    """

    def __init__(self, field: str, value: object, allowed: str, problem: str = "") -> None:
        self.field = field
        self.value = value
        self.allowed = allowed
        what = problem or _("is out of range")
        super().__init__(
            _("{field}: {value} {problem}; allowed: {allowed}").format(
                field=field, value=repr(value), problem=what, allowed=allowed
            )
        )


class PhaseKind(StrEnum):
    INHALE = "inhale"
    HOLD_IN = "hold_in"
    EXHALE = "exhale"
    HOLD_OUT = "hold_out"

    @property
    def is_hold(self) -> bool:
        return self in (PhaseKind.HOLD_IN, PhaseKind.HOLD_OUT)


#: The soft word shown for each kind of phase: what is happening, never an order, and a hold
#: is called a hold (as written; :func:`phase_word` says it in the language in use).
PHASE_WORDS: dict[PhaseKind, str] = {
    PhaseKind.INHALE: "breathing in",
    PhaseKind.HOLD_IN: "holding",
    PhaseKind.EXHALE: "breathing out",
    PhaseKind.HOLD_OUT: "holding",
}


@dataclass(frozen=True)
class Phase:
    """One part of a breath cycle.

    ``start_level`` and ``end_level`` are how full the breath is (0 empty, 1 full) at the
    phase's start and end; the shape and the breath tone follow them. ``word`` (marked with
    ``N_``) replaces the usual word for the kind of phase.
    """

    kind: PhaseKind
    seconds: float
    start_level: float
    end_level: float
    word: str = ""

    @property
    def label(self) -> str:
        """The phase's word in the language in use."""
        return _(self.word) if self.word else phase_word(self.kind)


def phase_word(kind: PhaseKind) -> str:
    """The word of :data:`PHASE_WORDS` for ``kind`` in the language in use (the two holds are
    one word in English, two in some languages)."""
    words = {
        PhaseKind.INHALE: pgettext("part of a breath", "breathing in"),
        PhaseKind.HOLD_IN: pgettext("part of a breath, after breathing in", "holding"),
        PhaseKind.EXHALE: pgettext("part of a breath", "breathing out"),
        PhaseKind.HOLD_OUT: pgettext("part of a breath, after breathing out", "holding"),
    }
    return words[kind]


Allowed = Callable[[], str]


def _number(field_name: str, value: object, allowed: Allowed) -> float:
    """``value`` as a number; ``allowed`` says (in words, translated only when needed) what
    would be accepted."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise PatternError(field_name, value, allowed(), _("is not a number"))
    number = float(value)
    if not math.isfinite(number):
        raise PatternError(field_name, value, allowed(), _("is not a finite number"))
    return number


def _bpm_allowed() -> str:
    return _("{low} to {high} breaths per minute").format(low=f"{MIN_BPM:g}", high=f"{MAX_BPM:g}")


def _above_zero_seconds() -> str:
    return _("above 0 seconds")


def _phase_seconds(field_name: str, value: object, *, optional: bool) -> float:
    def allowed() -> str:
        limits = {"low": f"{MIN_PHASE_S:g}", "high": f"{MAX_PHASE_S:g}"}
        if optional:
            return _("{low} to {high} seconds (or 0 for none)").format(**limits)
        return _("{low} to {high} seconds").format(**limits)

    seconds = _number(field_name, value, allowed)
    if optional and seconds == 0:
        return 0.0
    if seconds < MIN_PHASE_S:
        raise PatternError(field_name, value, allowed(), _("seconds is too short"))
    if seconds > MAX_PHASE_S:
        raise PatternError(field_name, value, allowed(), _("seconds is too long"))
    return seconds


@dataclass(frozen=True)
class BreathPattern:
    """A breath cycle made of phases.

    Build one with :meth:`from_seconds` or :meth:`from_rate`; both validate every value and
    raise :class:`PatternError` naming the field, the value and the allowed range.
    A pattern marked ``gentle`` is one offered before dosing and at session close: it may
    not contain a hold.

    ``words`` and ``about`` are the name and the description as written (in English, marked
    with ``N_``); :attr:`name` and :attr:`description` say them in the language in use.
    """

    key: str
    words: str
    phases: tuple[Phase, ...]
    about: str = ""
    gentle: bool = False
    field_names: tuple[str, ...] = field(default=(), compare=False, repr=False)

    @property
    def name(self) -> str:
        """The pattern's name in the language in use."""
        return _(self.words) if self.words else ""

    @property
    def description(self) -> str:
        """What the pattern is like, in the language in use."""
        return _(self.about) if self.about else ""

    def __post_init__(self) -> None:
        if not self.phases:
            raise PatternError("phases", (), _("at least an inhale and an exhale"))
        if self.cycle_seconds < MIN_CYCLE_S:
            raise PatternError(
                "cycle",
                round(self.cycle_seconds, 3),
                _("at least {n} seconds for one whole breath").format(n=f"{MIN_CYCLE_S:g}"),
                _("seconds is too short"),
            )
        if self.gentle and self.has_holds:
            hold = next(
                (n, p) for n, p in zip(self._names(), self.phases, strict=True) if p.kind.is_hold
            )
            raise PatternError(
                hold[0],
                hold[1].seconds,
                _("0 (a gentle pattern has no breath holds)"),
                _("seconds of holding is not allowed here"),
            )

    def _names(self) -> tuple[str, ...]:
        if len(self.field_names) == len(self.phases):
            return self.field_names
        return tuple(p.kind.value for p in self.phases)

    @classmethod
    def from_seconds(
        cls,
        key: str,
        name: str,
        *,
        inhale: object,
        exhale: object,
        hold_after_inhale: object = 0.0,
        hold_after_exhale: object = 0.0,
        description: str = "",
        gentle: bool = False,
    ) -> BreathPattern:
        inhale_s = _phase_seconds("inhale", inhale, optional=False)
        hold_in_s = _phase_seconds("hold_after_inhale", hold_after_inhale, optional=True)
        exhale_s = _phase_seconds("exhale", exhale, optional=False)
        hold_out_s = _phase_seconds("hold_after_exhale", hold_after_exhale, optional=True)
        phases = [Phase(PhaseKind.INHALE, inhale_s, 0.0, 1.0)]
        names = ["inhale"]
        if hold_in_s:
            phases.append(Phase(PhaseKind.HOLD_IN, hold_in_s, 1.0, 1.0))
            names.append("hold_after_inhale")
        phases.append(Phase(PhaseKind.EXHALE, exhale_s, 1.0, 0.0))
        names.append("exhale")
        if hold_out_s:
            phases.append(Phase(PhaseKind.HOLD_OUT, hold_out_s, 0.0, 0.0))
            names.append("hold_after_exhale")
        return cls(key, name, tuple(phases), description, gentle, tuple(names))

    @classmethod
    def from_rate(
        cls,
        key: str,
        name: str,
        *,
        breaths_per_minute: object,
        inhale_part: object = 1,
        exhale_part: object = 1,
        description: str = "",
        gentle: bool = False,
    ) -> BreathPattern:
        """A pattern with no holds from a rate and an inhale:exhale ratio (e.g. 4:6)."""
        bpm = _number("breaths_per_minute", breaths_per_minute, _bpm_allowed)
        if not MIN_BPM <= bpm <= MAX_BPM:
            raise PatternError("breaths_per_minute", breaths_per_minute, _bpm_allowed())
        parts = []
        for part_name, part in (("inhale_part", inhale_part), ("exhale_part", exhale_part)):
            value = _number(part_name, part, _above_zero)
            if value <= 0:
                raise PatternError(part_name, part, _above_zero())
            parts.append(value)
        cycle = 60.0 / bpm
        inhale = cycle * parts[0] / (parts[0] + parts[1])
        return cls.from_seconds(
            key,
            name,
            inhale=round(inhale, 9),
            exhale=round(cycle - inhale, 9),
            description=description,
            gentle=gentle,
        )

    @property
    def cycle_seconds(self) -> float:
        return math.fsum(p.seconds for p in self.phases)

    @property
    def breaths_per_minute(self) -> float:
        return 60.0 / self.cycle_seconds

    @property
    def has_holds(self) -> bool:
        return any(p.kind.is_hold for p in self.phases)

    def summary(self) -> str:
        """A short description of the timing, e.g. '4 in · 6 out · 6 breaths a minute'."""
        words = {
            PhaseKind.INHALE: pgettext("seconds of a breath", "{n} in"),
            PhaseKind.HOLD_IN: pgettext("seconds of a breath, after breathing in", "{n} hold"),
            PhaseKind.EXHALE: pgettext("seconds of a breath", "{n} out"),
            PhaseKind.HOLD_OUT: pgettext("seconds of a breath, after breathing out", "{n} hold"),
        }
        parts = [words[p.kind].format(n=_fmt(p.seconds)) for p in self.phases]
        rate = _("{n} breaths a minute").format(n=_fmt(self.breaths_per_minute))
        return " · ".join([*parts, rate])


def _above_zero() -> str:
    return _("a number above 0")


def _fmt(x: float) -> str:
    """``x`` with at most one decimal, and the decimal mark of the language in use."""
    text = f"{x:.1f}".rstrip("0").rstrip(".")
    return text.replace(".", pgettext("decimal mark in numbers such as 5.5", "."))


def _cyclic_sigh() -> BreathPattern:
    return BreathPattern(
        "cyclic-sigh",
        N_("Cyclic sigh"),
        (
            Phase(PhaseKind.INHALE, 2.5, 0.0, 0.75),
            Phase(PhaseKind.INHALE, 1.0, 0.75, 1.0, word=N_("a little more in")),
            Phase(PhaseKind.EXHALE, 6.5, 1.0, 0.0, word=N_("long breath out")),
        ),
        N_("Two breaths in through the nose, the second one short, then a long, slow breath out."),
        field_names=("inhale", "top_up", "exhale"),
    )


PRESETS: dict[str, BreathPattern] = {
    p.key: p
    for p in (
        BreathPattern.from_rate(
            "resonance",
            N_("Resonance"),
            breaths_per_minute=5.5,
            description=N_("Slow, even breaths, in and out for the same time."),
        ),
        BreathPattern.from_seconds(
            "longer-exhale",
            N_("Longer breath out"),
            inhale=4,
            exhale=6,
            description=N_("A breath out a little longer than the breath in."),
        ),
        BreathPattern.from_seconds(
            "gentle-settle",
            N_("Gentle settle"),
            inhale=3,
            exhale=5,
            gentle=True,
            description=N_(
                "Easy, unhurried breaths with no holding. "
                "Suited to the time before a session and to closing one."
            ),
        ),
        _cyclic_sigh(),
        BreathPattern.from_seconds(
            "box",
            N_("Box"),
            inhale=4,
            hold_after_inhale=4,
            exhale=4,
            hold_after_exhale=4,
            description=N_("Four even sides: in, hold, out, hold. Includes breath holds."),
        ),
        BreathPattern.from_seconds(
            "4-7-8",
            "4-7-8",
            inhale=4,
            hold_after_inhale=7,
            exhale=8,
            description=N_(
                "In for 4, hold for 7, out for 8. Includes a long breath hold; "
                "a few rounds are plenty."
            ),
        ),
    )
}

DEFAULT_PATTERN = "longer-exhale"


def available_patterns(allow_holds: bool) -> list[BreathPattern]:
    """The presets a person is offered: patterns with holds only once they opted in."""
    return [p for p in PRESETS.values() if allow_holds or not p.has_holds]


def find_pattern(key: str, *, allow_holds: bool) -> BreathPattern:
    """Look a preset up by key; raises PatternError with the choices if it is not offered."""
    pattern = PRESETS.get(key)
    choices = ", ".join(PRESETS)
    if pattern is None:
        raise PatternError("pattern", key, choices, _("is not a known pattern"))
    if pattern.has_holds and not allow_holds:
        raise PatternError(
            "pattern",
            key,
            _("patterns without holds unless holds are switched on"),
            _("includes breath holds, which are off"),
        )
    return pattern


@dataclass(frozen=True)
class Glide:
    """Start at ``start_bpm`` and slow smoothly to the pattern's rate over ``seconds``."""

    start_bpm: float = 10.0
    seconds: float = 120.0

    def __post_init__(self) -> None:
        bpm = _number("glide_start_bpm", self.start_bpm, _bpm_allowed)
        if not MIN_BPM <= bpm <= MAX_BPM:
            raise PatternError("glide_start_bpm", self.start_bpm, _bpm_allowed())
        seconds = _number("glide_seconds", self.seconds, _above_zero_seconds)
        if seconds <= 0:
            raise PatternError("glide_seconds", self.seconds, _above_zero_seconds())

    @classmethod
    def for_session(cls, session_seconds: float, start_bpm: float = 10.0) -> Glide:
        """A glide that takes 40% of the session, and no more than three minutes."""
        return cls(start_bpm, max(10.0, min(180.0, 0.4 * session_seconds)))


def ease(progress: float) -> float:
    """Cosine ease in and out: still at both ends, so turns of the breath are soft."""
    return 0.5 - 0.5 * math.cos(math.pi * progress)


@dataclass(frozen=True)
class PacerState:
    elapsed: float
    phase: Phase
    phase_index: int
    progress: float
    cycle: int
    level: float
    phase_remaining: float
    time_left: float | None
    rate_bpm: float
    finished: bool

    @property
    def label(self) -> str:
        return self.phase.label


class PacerTimeline:
    """Where the breath is at any elapsed time of a practice.

    ``session_seconds`` None means open-ended. Otherwise the session ends at the first end of
    a whole breath at or after the planned time, so it never stops mid-breath; ``end_time``
    is that moment and ``time_left`` counts down to it.
    """

    def __init__(
        self,
        pattern: BreathPattern,
        session_seconds: float | None = None,
        glide: Glide | None = None,
    ) -> None:
        self.pattern = pattern
        self._cycle = pattern.cycle_seconds
        self._r1 = pattern.breaths_per_minute
        if glide is not None and glide.start_bpm > self._r1:
            self._r0 = glide.start_bpm
            self._glide_t = glide.seconds
        else:
            self._r0 = self._r1
            self._glide_t = 0.0
        bounds = [0.0]
        for p in pattern.phases:
            bounds.append(bounds[-1] + p.seconds)
        self._fractions = tuple(b / self._cycle for b in bounds)
        self._fractions = (*self._fractions[:-1], 1.0)
        self._glide_cycles = self._cycles_in_glide(self._glide_t)
        if session_seconds is None:
            self.end_time: float | None = None
        else:
            if not session_seconds > 0:
                raise PatternError("session_seconds", session_seconds, _above_zero_seconds())
            whole = math.ceil(self.cycles_at(session_seconds) - 1e-9)
            self.end_time = self.time_of_cycles(max(1, whole))

    @property
    def gliding(self) -> bool:
        return self._glide_t > 0

    def rate_at(self, t: float) -> float:
        """Breaths per minute at elapsed time ``t``: smooth, and monotone while gliding."""
        if t >= self._glide_t:
            return self._r1
        t = max(0.0, t)
        return self._r1 + (self._r0 - self._r1) * 0.5 * (
            1.0 + math.cos(math.pi * t / self._glide_t)
        )

    def _cycles_in_glide(self, t: float) -> float:
        if self._glide_t == 0:
            return 0.0
        big_t = self._glide_t
        ramp = 0.5 * (t + big_t / math.pi * math.sin(math.pi * t / big_t))
        return (self._r1 * t + (self._r0 - self._r1) * ramp) / 60.0

    def cycles_at(self, t: float) -> float:
        """How many breath cycles have gone by at elapsed time ``t`` (continuous)."""
        if t <= 0:
            return 0.0
        if t < self._glide_t:
            return self._cycles_in_glide(t)
        return self._glide_cycles + (t - self._glide_t) / self._cycle

    def time_of_cycles(self, cycles: float) -> float:
        """The elapsed time at which ``cycles`` cycles have gone by: the inverse of cycles_at."""
        if cycles <= 0:
            return 0.0
        if cycles >= self._glide_cycles:
            return self._glide_t + (cycles - self._glide_cycles) * self._cycle
        # Inside the glide: Newton's method on a smooth, strictly increasing function.
        t = cycles * 60.0 / self._r0
        for _round in range(50):
            step = (self._cycles_in_glide(t) - cycles) / (self.rate_at(t) / 60.0)
            t = min(self._glide_t, max(0.0, t - step))
            if abs(step) < 1e-12:
                break
        return t

    def _locate(self, fraction: float) -> int:
        fr = self._fractions
        for i in range(len(fr) - 1):
            if fraction < fr[i + 1]:
                return i
        return len(fr) - 2

    def phase_changes(self, start: float, stop: float) -> Iterable[tuple[float, int]]:
        """Every (time, phase index) at which a phase begins in [start, stop)."""
        c = self.cycles_at(start)
        cycle = math.floor(c)
        index = self._locate(c - cycle)
        if self.time_of_cycles(cycle + self._fractions[index]) < start:
            index += 1
        while True:
            if index >= len(self.pattern.phases):
                cycle += 1
                index = 0
            t = self.time_of_cycles(cycle + self._fractions[index])
            if t >= stop or (self.end_time is not None and t >= self.end_time):
                return
            yield t, index
            index += 1

    def state_at(self, t: float) -> PacerState:
        t = max(0.0, t)
        phases = self.pattern.phases
        if self.end_time is not None and t >= self.end_time:
            last = len(phases) - 1
            return PacerState(
                elapsed=t,
                phase=phases[last],
                phase_index=last,
                progress=1.0,
                cycle=round(self.cycles_at(self.end_time)) - 1,
                level=phases[last].end_level,
                phase_remaining=0.0,
                time_left=0.0,
                rate_bpm=self.rate_at(t),
                finished=True,
            )
        c = self.cycles_at(t)
        cycle = math.floor(c)
        frac = c - cycle
        i = self._locate(frac)
        lo, hi = self._fractions[i], self._fractions[i + 1]
        progress = min(1.0, max(0.0, (frac - lo) / (hi - lo)))
        phase = phases[i]
        level = phase.start_level + (phase.end_level - phase.start_level) * ease(progress)
        if t >= self._glide_t:
            remaining = (hi - frac) * self._cycle
        else:
            remaining = self.time_of_cycles(cycle + hi) - t
        return PacerState(
            elapsed=t,
            phase=phase,
            phase_index=i,
            progress=progress,
            cycle=cycle,
            level=level,
            phase_remaining=max(0.0, remaining),
            time_left=None if self.end_time is None else max(0.0, self.end_time - t),
            rate_bpm=self.rate_at(t),
            finished=False,
        )
