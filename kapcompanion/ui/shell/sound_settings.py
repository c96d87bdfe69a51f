"""What a person chooses about sound, as settings, and the words and levels that follow from them.

Sound is **off** until the person switches it on: someone opening the app in an office, a
clinic or a shared room should never be surprised by a tone.
"""

from __future__ import annotations

from collections.abc import Callable

from kapcompanion.i18n import N_, _
from kapcompanion.services.settings import Setting, bool_setting, int_setting, text_setting

# -- settings ----------------------------------------------------------------------------------

SOUND_ON = bool_setting("sound/enabled", N_("Sound"), False)
VOLUME = int_setting("sound/volume", N_("Volume"), 70, 0, 100)
OUTPUT = text_setting("sound/output", N_("Sound output"), "")
# What a person hears once they switch sound on. They expect sound to mark the breath, so what
# plays is what a breath sounds like and where it turns:
# - the breath-like sound (soft air that swells as the breath fills and ebbs as it empties) is
#   on: breath-like sounds are the ones people find most pleasant for paced breathing;
# - the short tones as the breath turns are on: without them a person who switches sound on
#   hears nothing at the turns and may not find out why (they were a second switch before);
# - the bells at the start and end are on, and chimes between exercise steps;
# - the breath tone (a pitched hum gliding with the breath) is off: together with the
#   breath-like sound it would be two sounds for one breath, and a steady pitch is the sound
#   some people find least restful. It stays one tick away in Settings.
BREATH_LIKE = bool_setting("sound/breath_like", N_("The breath-like sound"), True)
BREATH_TONE = bool_setting("sound/breath_tone", N_("The breath tone"), False)
PHASE_TONES = bool_setting("sound/phase_tones", N_("Tones as the breath turns"), True)
STEP_CHIMES = bool_setting("sound/step_chimes", N_("Chimes between exercise steps"), True)
BELLS = bool_setting("sound/bells", N_("Bells at the start and end"), True)

#: The sounds a person can switch, by the name the controller and the settings screen use.
CUES: dict[str, Setting[bool]] = {
    "breath_like": BREATH_LIKE,
    "breath_tone": BREATH_TONE,
    "phase_tones": PHASE_TONES,
    "step_chimes": STEP_CHIMES,
    "bells": BELLS,
}

#: A practice started while sound is still opening waits at its beginning this long at most.
READY_WAIT_MS = 2_500
#: After the output is lost, sound is tried again this often (read from the clock) ...
RETRY_S = 2.0
#: ... which a timer asks about this often.
RETRY_CHECK_MS = 250
#: How often the engine's status is read while sound plays (its watchdog is 1.5 s).
POLL_MS = 250
#: How long the notice stays before it goes by itself.
NOTICE_MS = 20_000
#: A practice that reached its end stops sounding this long after, so its closing bell
#: (3.5 s) rings out instead of being cut off.
RING_OUT_MS = 4_000
#: A pacer switched off within this long of its end counts as having reached it.
END_SLACK_S = 0.25
NOTICE_WIDTH = 360
NOTICE_MARGIN = 24
SOUND_OFF_TEXT = N_("Sound is off. You can switch it on here or on any practice screen.")
OPENING_TEXT = N_("Starting sound…")


def notice_text(reason: str) -> str:
    """The notice for a reason sound is unavailable: its first sentence, and where to read more
    (the settings screen shows the whole reason)."""
    return _("{reason}. Practice carries on in silence; Settings has more.").format(
        reason=first_sentence(reason)
    )


COMES_BACK = N_("Sound comes back by itself when the output does.")


def first_sentence(reason: str) -> str:
    """The first sentence of ``reason``, without its full stop."""
    return reason.strip().split(". ")[0].rstrip(".")


def lost_text(reason: str) -> str:
    """The status while a lost output is tried again: the reason's first sentence, and that
    sound comes back by itself."""
    return _("{reason}. Practice carries on in silence. {comes_back}").format(
        reason=first_sentence(reason), comes_back=_(COMES_BACK)
    )


def lost_notice_text(reason: str) -> str:
    """The one notice when the output goes away mid-practice."""
    return _(
        "{reason}. Practice carries on in silence, and sound comes back by itself when it can."
    ).format(reason=first_sentence(reason))


def volume_gain(percent: int) -> float:
    """The engine's level for a volume setting: 0 is silent, 100 the cues' designed level.

    Loudness follows roughly the square of the level, so half way sounds about half as loud
    (-12 dB) rather than barely quieter."""
    p = min(100, max(0, int(percent)))
    return (p / 100.0) ** 2


def said(text: str) -> Callable[[], str]:
    """``text`` (marked with N_) in the language in use when it is read."""
    return lambda: _(text)
