"""What a recorded step is: its format, its longest length, and the error a person is shown.

Shared by the microphone and mixing code (:mod:`kapcompanion.sound.voice`) and the files that keep
recordings (:mod:`kapcompanion.storage.wav`), which must not depend on each other.
"""

from __future__ import annotations

#: Recordings are mono 16-bit PCM at this rate.
RATE = 48_000
CHANNELS = 1
SAMPLE_WIDTH = 2  # bytes: 16-bit PCM
#: The longest a step's recording may be, in seconds.
MAX_SECONDS = 180.0


class VoiceError(ValueError):
    """A take or a recording file that cannot be used, with a message for a person.

    ``kind`` is one of ``"silent"``, ``"quiet"``, ``"clipped"``, ``"long"`` or ``"file"``;
    ``message`` is the whole sentence for a person, ``detail`` just what is wrong.
    """

    def __init__(self, kind: str, message: str, detail: str = "") -> None:
        super().__init__(message)
        self.kind = kind
        self.message = message
        #: For a file: what is wrong with it, without advice ("is missing").
        self.detail = detail or message

    def __str__(self) -> str:
        return self.message
