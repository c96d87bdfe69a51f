"""One running copy of the app per person: a second start hands over to the first.

Starting the app again (from the menu, or by opening a shared script with it) while it is already
open brings the open window to the front and hands it the file, instead of opening a second
window that finds the practice log in use and falls back to guest practice.

The copies talk over a local socket that only this user can open (no network is involved): the
first copy listens on it; a later one connects, sends one line (``{"open": path or null}``),
waits for ``ok`` and ends. The socket's name comes from the data folder, so two people, or tests
with their own folders, never meet. A socket left behind by a copy that did not end tidily is
removed and taken over.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from kapcompanion.storage.paths import APP_NAME, data_dir

#: How long a second copy waits for the first to answer (milliseconds).
WAIT_MS = 3000
REPLY = b"ok\n"


def instance_name(folder: Path | None = None) -> str:
    """The socket's name for the data folder in use (short enough for any system)."""
    where = str((folder or data_dir(create=False)).expanduser().absolute())
    return f"{APP_NAME}-{hashlib.sha256(where.encode()).hexdigest()[:20]}"


def hand_over(name: str, open_file: Path | None = None, wait_ms: int = WAIT_MS) -> bool:
    """Ask a running copy to come forward (and to open ``open_file``); True when it said it
    would, False when no copy answered."""
    socket = QLocalSocket()
    socket.connectToServer(name)
    if not socket.waitForConnected(wait_ms):
        return False
    message = {"open": str(open_file.absolute()) if open_file is not None else None}
    socket.write(json.dumps(message).encode() + b"\n")
    if not socket.waitForBytesWritten(wait_ms):
        return False
    answered = b""
    while REPLY not in answered and socket.waitForReadyRead(wait_ms):
        answered += bytes(socket.readAll().data())
    socket.disconnectFromServer()
    return REPLY in answered


class FirstCopy(QObject):
    """Listens for later starts; emits ``asked(path)`` ("" for none) for each."""

    asked = Signal(str)

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self._server = QLocalServer(self)
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self._server.newConnection.connect(self._connected)
        self._pending: dict[QLocalSocket, bytes] = {}

    def listen(self) -> bool:
        """Start listening; False when the socket could not be made (the app runs anyway)."""
        if self._server.listen(self.name):
            return True
        # Left behind by a copy that ended without tidying up (nothing answered on it).
        QLocalServer.removeServer(self.name)
        return bool(self._server.listen(self.name))

    def close(self) -> None:
        self._server.close()

    def _connected(self) -> None:
        while self._server.hasPendingConnections():
            socket = self._server.nextPendingConnection()
            self._pending[socket] = b""
            socket.readyRead.connect(lambda s=socket: self._read(s))
            socket.disconnected.connect(lambda s=socket: self._gone(s))

    def _gone(self, socket: QLocalSocket) -> None:
        self._pending.pop(socket, None)
        socket.deleteLater()

    def _read(self, socket: QLocalSocket) -> None:
        data = self._pending.get(socket, b"") + bytes(socket.readAll().data())
        if b"\n" not in data:
            self._pending[socket] = data[:4096]  # a line is short; nothing grows without end
            return
        line = data.split(b"\n", 1)[0]
        self._pending[socket] = b""
        try:
            message = json.loads(line.decode())
            wanted = message.get("open") if isinstance(message, dict) else None
        except (UnicodeDecodeError, json.JSONDecodeError):
            wanted = None
        socket.write(REPLY)
        socket.flush()
        self.asked.emit(wanted if isinstance(wanted, str) else "")
