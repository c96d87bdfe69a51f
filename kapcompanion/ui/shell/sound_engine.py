"""The audio engine as the sound controller sees it, and where the real one comes from."""

from __future__ import annotations

from typing import Any, Protocol

from kapcompanion.domain.clock import Clock
from kapcompanion.domain.pacing import PacerTimeline


class AudioOutput(Protocol):
    """What the controller needs from :class:`kapcompanion.sound.engine.AudioEngine`."""

    unavailable_reason: str | None
    device: Any

    @property
    def available(self) -> bool: ...

    def open(self, device: int | str | None = None) -> bool: ...

    def close(self, timeout: float = ...) -> None: ...

    def start_practice(self, timeline: PacerTimeline, origin: float) -> None: ...

    def pause(self) -> None: ...

    def resume(self, origin: float) -> None: ...

    def stop(self) -> None: ...

    def set_volume(self, value: float) -> None: ...

    def set_cues(
        self,
        *,
        breath_tone: bool | None = None,
        phase_cues: bool | None = None,
        bells: bool | None = None,
        breath_like: bool | None = None,
    ) -> None: ...

    def chime(self, name: str = ..., at: float | None = ...) -> None: ...

    def poll_status(self) -> list[Any]: ...

    # Steps' recordings, played by kapcompanion.ui.editor.voice_player.VoicePlayer.
    def play_clip(self, samples: Any) -> None: ...

    def stop_clip(self) -> None: ...

    def hold_clip(self, held: bool) -> None: ...


def default_engine(clock: Clock) -> AudioOutput:
    """The real engine (imported here, on the sound thread: it loads numpy and PortAudio)."""
    from kapcompanion.sound.engine import AudioEngine

    return AudioEngine(clock)


def default_devices() -> list[Any]:
    """The outputs PortAudio knows (without a rescan, which would disturb open streams)."""
    from kapcompanion.sound.engine import list_output_devices

    return list_output_devices(refresh=False)
