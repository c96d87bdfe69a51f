"""A step's recorded voice in a practice: the player that sounds it as the step begins.

:class:`VoicePlayer` follows the practice hub: ``voice(path)`` reads the recording on a helper
thread and hands it to the audio engine (:meth:`AudioEngine.play_clip`), pauses hold it in place
and the end of a practice stops it. With sound off or unavailable it does nothing, so the step's
text carries the practice on its own. The script editor's panel
(:mod:`kapcompanion.ui.editor.voice_panel`) plays a take back through it too (:meth:`listen`).
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QObject, Qt, Signal

from kapcompanion.services.events import PracticeEvents

if TYPE_CHECKING:  # numpy is loaded only once sound is used
    import numpy as np
    import numpy.typing as npt

    Samples = npt.NDArray[np.float32]
else:
    Samples = Any

log = logging.getLogger("kapcompanion.voice")


class ClipOutput(Protocol):
    """The clip calls of :class:`kapcompanion.sound.engine.AudioEngine`: one recording at a
    time, played, held while a practice pauses, and stopped."""

    def play_clip(self, samples: Samples) -> None: ...

    def stop_clip(self) -> None: ...

    def hold_clip(self, held: bool) -> None: ...


class SoundForClips(Protocol):
    """What the player needs from :class:`kapcompanion.ui.shell.sound_output.SoundController`:
    whether sound plays, and its engine's clip calls."""

    @property
    def available(self) -> bool: ...

    @property
    def engine(self) -> ClipOutput | None: ...


class VoicePlayer(QObject):
    """Plays steps' recordings through the sound controller's engine (see the module's text).

    ``loader`` reads a WAV file into samples for the engine (by default
    :func:`kapcompanion.services.recordings.load_clip`, imported on first use); ``background=False``
    reads on the calling thread, for tests.
    """

    _loaded = Signal(int, object)

    def __init__(
        self,
        events: PracticeEvents | None,
        controller: SoundForClips,
        *,
        loader: Callable[[str], Samples] | None = None,
        background: bool = True,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._controller = controller
        self._loader = loader
        self._background = background
        self._token = 0
        self._paused = False
        self._pending: Samples | None = None
        self.played: list[str] = []  # paths handed to the engine, for tests and diagnostics
        self.problems: list[str] = []
        self._loaded.connect(self._deliver, Qt.ConnectionType.QueuedConnection)
        if events is not None:
            events.voice.connect(self.voice)
            events.paused.connect(self.pause)
            events.resumed.connect(self.resume)
            events.ended.connect(lambda _info: self.stop())
            events.started.connect(lambda _info: self._reset())

    def _clips(self) -> ClipOutput | None:
        """The engine, while sound plays; None with sound off or unavailable."""
        return self._controller.engine if self._controller.available else None

    def _reset(self) -> None:
        self._paused = False
        self._pending = None

    # -- the hub -------------------------------------------------------------------------------

    def voice(self, path: str) -> None:
        """A step began: play its recording (``path``), or stop the last one ("")."""
        self._token += 1
        self._pending = None
        clips = self._clips()
        if clips is not None:
            clips.stop_clip()
        if not path or clips is None:
            return
        token = self._token
        load = self._loader or _default_loader

        def read() -> object:
            try:
                return load(path)
            except Exception as exc:  # a missing or damaged file: the text carries on alone
                return exc

        def job() -> None:
            result = read()
            with contextlib.suppress(RuntimeError):  # the window may have closed meanwhile
                self._loaded.emit(token, (path, result))

        if self._background:
            threading.Thread(target=job, name="voice-load", daemon=True).start()
        else:
            self._deliver(token, (path, read()))

    def _deliver(self, token: int, result: object) -> None:
        if token != self._token or not isinstance(result, tuple):
            return  # the person has moved on since
        path, samples = result
        if isinstance(samples, BaseException):
            self.problems.append(f"{path}: {samples}")
            log.warning("A step's recording could not be played: %s", samples)
            return
        if self._paused:
            self._pending = samples  # plays when the practice carries on
            return
        self._play(str(path), samples)

    def _play(self, path: str, samples: Samples) -> None:
        clips = self._clips()
        if clips is not None:
            clips.play_clip(samples)
            self.played.append(path)

    def pause(self) -> None:
        self._paused = True
        clips = self._clips()
        if clips is not None:
            clips.hold_clip(True)

    def resume(self) -> None:
        self._paused = False
        if self._pending is not None:
            samples, self._pending = self._pending, None
            self._play("(waited for the pause)", samples)
            return
        clips = self._clips()
        if clips is not None:
            clips.hold_clip(False)

    def stop(self) -> None:
        self._token += 1
        self._reset()
        clips = self._clips()
        if clips is not None:
            clips.stop_clip()

    # -- listening back (the editor) -----------------------------------------------------------

    def listen(self, samples: Samples) -> bool:
        """Play a recording now; False when there is no sound to play it through."""
        self._token += 1
        clips = self._clips()
        if clips is None:
            return False
        clips.play_clip(samples)
        return True


def _default_loader(path: str) -> Samples:
    from kapcompanion.services.recordings import load_clip

    return load_clip(path)
