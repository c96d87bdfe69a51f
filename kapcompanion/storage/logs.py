"""Which practice log new practice goes to: the saved one or the guest one.

:class:`PracticeLogs` holds the saved log and the guest log. In guest practice nothing is
written at all; the saved log is opened only when it is first needed, so starting as a guest
never touches the data folder. When the saved log cannot be used (another copy of the app has
it, it comes from a newer version, its folder cannot be made) that becomes a notice and
practice goes on as a guest.
"""

from __future__ import annotations

from collections.abc import Callable

from kapcompanion.domain.practice import PracticeRecord
from kapcompanion.i18n import N_, _

from .base import PracticeStore
from .errors import LogUnavailable, StorageFailure
from .guest import GuestLog
from .log import PracticeLog

GUEST_FALLBACK = N_("Until then, practice here is not saved (as a guest).")


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
                message = exc.message if isinstance(exc, StorageFailure) else str(exc)
                self._unavailable = message
                self._notices.append(f"{message} {_(GUEST_FALLBACK)}")
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

    def unsaved(self) -> list[PracticeRecord]:
        """Practice the saved log holds in memory because it could not be written (tried once
        more first); what the person is offered to keep elsewhere before closing."""
        saved = self._saved
        if not isinstance(saved, PracticeLog):
            return []
        saved.retry_unsaved()
        return saved.unsaved()

    def retry_unsaved(self) -> int:
        """Try again to write what the saved log holds in memory; how many records remain."""
        saved = self._saved
        return saved.retry_unsaved() if isinstance(saved, PracticeLog) else 0

    def close(self) -> None:
        if self._saved is not None:
            self._saved.close()
