"""A private PulseAudio server for tests and benchmarks that need real audio.

``private_pulse()`` starts a PulseAudio daemon in user mode that loads only what is listed
here: a native-protocol socket in a fresh temporary folder and a null sink (48 kHz, mono,
32-bit float) as the default sink. ``PULSE_SERVER`` points at it while the context is open, so
PortAudio reaches it through ALSA's pulse plugin (Debian: libasound2-plugins).

An idle null sink renders in 2-second blocks and a new stream would stall for ~1.7 s, so one
low-latency recorder (``parec --latency-msec=10``) runs on the sink's monitor the whole time;
the context waits until the sink's latency is below 50 ms. The same recorder feeds
:meth:`PulseServer.record`, which returns the samples that were played, each mapped onto
``time.monotonic()``.

Only the processes started here are stopped, by their own ids.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pytest

RATE = 48_000
SINK = "kapsink"
_START_TIMEOUT_S = 10.0
_LATENCY_GOAL_S = 0.050


def pulse_available() -> str | None:
    """None when a private PulseAudio can be started here, else the reason it cannot."""
    for tool, package in (
        ("pulseaudio", "pulseaudio"),
        ("parec", "pulseaudio-utils"),
        ("pactl", "pulseaudio-utils"),
    ):
        if shutil.which(tool) is None:
            return f"{tool} is not installed (Debian package: {package})"
    plugin_dirs = [Path("/usr/lib") / d / "alsa-lib" for d in os.listdir("/usr/lib")]
    plugin_dirs.append(Path("/usr/lib/alsa-lib"))
    if not any((d / "libasound_module_pcm_pulse.so").exists() for d in plugin_dirs):
        return "ALSA's pulse plugin is not installed (Debian package: libasound2-plugins)"
    return None


@dataclass
class Recording:
    """Samples taken from the sink's monitor, with the monotonic time of each read.

    :attr:`samples` are exactly what the sink played (float32, the sink's own format, so no
    conversion). :meth:`time_of` maps a sample index to the ``time.monotonic()`` at which the
    sink played it; :attr:`monitor_start_time` is the earlier moment the monitor received it.
    """

    rate: int = RATE
    _chunks: list[np.ndarray] = field(default_factory=list)
    _ends: list[tuple[int, float]] = field(default_factory=list)  # (samples so far, read time)
    _count: int = 0
    _samples: np.ndarray | None = None
    #: How far ahead of its playing time the sink hands a block to its monitor (s).
    render_ahead: float = 0.0

    def _add(self, chunk: np.ndarray, t: float) -> None:
        self._chunks.append(chunk)
        self._count += len(chunk)
        self._ends.append((self._count, t))

    def _finish(self) -> None:
        self._samples = (
            np.concatenate(self._chunks) if self._chunks else np.zeros(0, dtype=np.float32)
        )
        self._chunks = []

    @property
    def samples(self) -> np.ndarray:
        if self._samples is None:
            raise RuntimeError("the recording is still running")
        return self._samples

    def _offsets(self) -> np.ndarray:
        ends = np.array(self._ends, dtype=np.float64)
        return ends[:, 1] - ends[:, 0] / self.rate

    @property
    def monitor_start_time(self) -> float:
        """Monotonic time at which sample 0 reached the monitor.

        A sample cannot be read before the sink handed it over, so each read gives an upper
        bound on the hand-over time of the last sample it delivered; the lowest bound over the
        whole recording (the reads that waited least) is the estimate.
        """
        if not self._ends:
            raise RuntimeError("nothing was recorded")
        return float(self._offsets().min())

    @property
    def start_time(self) -> float:
        """Monotonic time at which sample 0 was played by the sink.

        A null sink wakes when its buffer runs empty and renders one block (its configured
        latency) ahead; the block goes to the monitor at once. So a block's last sample reaches
        the monitor one block before the sink plays it: add that lead back.
        """
        return self.monitor_start_time + self.render_ahead

    @property
    def timing_spread(self) -> float:
        """Spread (s) of the per-read bounds: a jump far beyond ~20 ms means samples were lost."""
        offsets = self._offsets()
        return float(np.percentile(offsets, 99) - offsets.min())

    def time_of(self, index: float | np.ndarray) -> float | np.ndarray:
        """Monotonic time at which sample ``index`` was played."""
        return self.start_time + np.asarray(index, dtype=np.float64) / self.rate

    def index_of(self, t: float) -> int:
        """The sample played at monotonic time ``t``."""
        return round((t - self.start_time) * self.rate)


class _MonitorTap:
    """Reads the keep-alive recorder's output all the time and hands it to recordings."""

    def __init__(self, proc: subprocess.Popen[bytes]) -> None:
        self._proc = proc
        self._lock = threading.Lock()
        self._recordings: list[Recording] = []
        self.total = 0
        self.ended = threading.Event()
        self._thread = threading.Thread(target=self._run, name="pulse-monitor", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        assert self._proc.stdout is not None
        fd = self._proc.stdout.fileno()
        rest = b""
        try:
            while True:
                data = os.read(fd, 16384)
                t = time.monotonic()
                if not data:
                    return
                data = rest + data
                usable = len(data) - len(data) % 4
                rest = data[usable:]
                chunk = np.frombuffer(data[:usable], dtype="<f4").copy()
                self.total += len(chunk)
                with self._lock:
                    for rec in self._recordings:
                        rec._add(chunk, t)
        finally:
            self.ended.set()

    def attach(self, rec: Recording) -> None:
        with self._lock:
            self._recordings.append(rec)

    def detach(self, rec: Recording) -> None:
        with self._lock:
            self._recordings.remove(rec)
        rec._finish()

    def join(self, timeout: float) -> None:
        self._thread.join(timeout)


@dataclass
class PulseServer:
    """A running private PulseAudio server."""

    folder: Path
    server: str  # the PULSE_SERVER string
    sink: str
    rate: int
    daemon: subprocess.Popen[bytes]
    keepalive: subprocess.Popen[bytes] | None = None
    _tap: _MonitorTap | None = None

    @property
    def env(self) -> dict[str, str]:
        env = dict(os.environ)
        env["PULSE_SERVER"] = self.server
        env["PULSE_CLIENTCONFIG"] = str(self.folder / "client.conf")
        return env

    def pactl(self, *args: str, timeout: float = 5.0) -> str:
        out = subprocess.run(
            ["pactl", *args],
            env=self.env,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=True,
        )
        return out.stdout

    def sink_configured_latency(self) -> float | None:
        """The latency the sink is configured for (its render block), in seconds."""
        try:
            text = self.pactl("list", "sinks")
        except (subprocess.SubprocessError, OSError):
            return None
        block = text.split(f"Name: {self.sink}", 1)[-1]
        m = re.search(r"Latency: \d+ usec, configured (\d+) usec", block)
        return int(m.group(1)) / 1e6 if m else None

    def sink_latency(self) -> float | None:
        """The sink's current latency in seconds (None if it cannot be read)."""
        try:
            text = self.pactl("list", "sinks")
        except (subprocess.SubprocessError, OSError):
            return None
        block = text.split(f"Name: {self.sink}", 1)[-1]
        m = re.search(r"Latency: (\d+) usec", block)
        return int(m.group(1)) / 1e6 if m else None

    @contextmanager
    def record(self) -> Iterator[Recording]:
        """Record what the sink plays while the block runs.

        On leaving, the sink's configured latency is read as the recording's render lead (see
        :attr:`Recording.start_time`), so read the samples after the ``with`` block.
        """
        if self._tap is None:
            raise RuntimeError("the monitor recorder is not running")
        rec = Recording(rate=self.rate)
        self._tap.attach(rec)
        try:
            yield rec
        finally:
            block = self.sink_configured_latency() if self.alive else None
            self._tap.detach(rec)
            rec.render_ahead = block or 0.0

    @property
    def alive(self) -> bool:
        return self.daemon.poll() is None

    def kill(self) -> None:
        """Kill the server at once, as if it had crashed (the recorder ends with it)."""
        if self.daemon.poll() is None:
            self.daemon.send_signal(signal.SIGKILL)
            self.daemon.wait(timeout=5)

    def log(self) -> str:
        path = self.folder / "daemon.log"
        return path.read_text(errors="replace") if path.exists() else ""


def _stop(proc: subprocess.Popen[bytes], timeout: float = 5.0) -> None:
    if proc.poll() is not None:
        return
    proc.terminate()
    try:
        proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=timeout)


_CONFIG = """\
load-module module-native-protocol-unix socket={socket} auth-anonymous=1
load-module module-null-sink sink_name={sink} rate={rate} channels=1 format=float32le \
sink_properties=device.description=kapcompanion-test-sink
set-default-sink {sink}
"""


@contextmanager
def private_pulse(
    rate: int = RATE, sink: str = SINK, monitor_latency_ms: int = 10
) -> Iterator[PulseServer]:
    """Start a private PulseAudio with a null sink; yield it; stop what was started.

    ``PULSE_SERVER`` and ``PULSE_CLIENTCONFIG`` (no autospawn) are set in this process while the
    context is open and restored afterwards.
    """
    reason = pulse_available()
    if reason:
        raise RuntimeError(reason)
    folder = Path(tempfile.mkdtemp(prefix="kappa-"))
    socket = folder / "native"
    (folder / "runtime").mkdir(mode=0o700)
    (folder / "server.pa").write_text(_CONFIG.format(socket=socket, sink=sink, rate=rate))
    (folder / "client.conf").write_text("autospawn = no\n")
    server_env = dict(os.environ)
    server_env.pop("PULSE_SERVER", None)
    # The daemon keeps its state, runtime files and cookie inside the temporary folder.
    server_env.update(
        HOME=str(folder),
        XDG_RUNTIME_DIR=str(folder / "runtime"),
        XDG_CONFIG_HOME=str(folder / "config"),
        XDG_STATE_HOME=str(folder / "state"),
    )
    args = [
        "pulseaudio",
        "-n",
        "-F",
        str(folder / "server.pa"),
        "--daemonize=no",
        "--system=no",  # runs as root here; user mode on purpose
        "--use-pid-file=no",
        "--exit-idle-time=-1",
        "--disable-shm=yes",
        "--log-target=stderr",
    ]
    log = (folder / "daemon.log").open("wb")
    daemon = subprocess.Popen(args, env=server_env, stdout=log, stderr=log)
    keepalive: subprocess.Popen[bytes] | None = None
    tap: _MonitorTap | None = None
    saved = {k: os.environ.get(k) for k in ("PULSE_SERVER", "PULSE_CLIENTCONFIG")}
    try:
        server = PulseServer(folder, f"unix:{socket}", sink, rate, daemon)
        deadline = time.monotonic() + _START_TIMEOUT_S
        while True:
            if daemon.poll() is not None:
                raise RuntimeError("PulseAudio exited at start:\n" + server.log())
            if socket.exists():
                try:
                    server.pactl("info", timeout=2)
                    break
                except (subprocess.SubprocessError, OSError):
                    pass
            if time.monotonic() > deadline:
                raise RuntimeError("PulseAudio did not answer in time:\n" + server.log())
            time.sleep(0.05)
        keepalive = subprocess.Popen(
            [
                "parec",
                "-d",
                f"{sink}.monitor",
                f"--latency-msec={monitor_latency_ms}",
                "--raw",
                "--format=float32le",
                f"--rate={rate}",
                "--channels=1",
            ],
            env=server.env,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        tap = _MonitorTap(keepalive)
        server.keepalive = keepalive
        server._tap = tap
        while True:
            latency = server.sink_latency()
            if latency is not None and latency < _LATENCY_GOAL_S and tap.total > 0:
                break
            if keepalive.poll() is not None:
                raise RuntimeError("the monitor recorder (parec) exited at start")
            if time.monotonic() > deadline:
                raise RuntimeError(f"the sink's latency stayed at {latency} s")
            time.sleep(0.05)
        os.environ["PULSE_SERVER"] = server.server
        os.environ["PULSE_CLIENTCONFIG"] = str(folder / "client.conf")
        yield server
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
        if keepalive is not None:
            _stop(keepalive)
            if keepalive.stdout is not None:
                if tap is not None:
                    tap.join(2.0)
                keepalive.stdout.close()
        _stop(daemon)
        log.close()
        shutil.rmtree(folder, ignore_errors=True)


@contextmanager
def pulse_or_skip(*, rescan: bool = False) -> Iterator[PulseServer]:
    """:func:`private_pulse` for a test fixture: the test is skipped when no server can be
    started here. With ``rescan``, PortAudio looks for devices again once the server is up
    (it may have been started before) and once it has gone."""
    from kapcompanion.sound.recorder import list_input_devices

    reason = pulse_available()
    if reason:
        pytest.skip(f"no private sound server can be started here: {reason}")
    with private_pulse() as server:
        if rescan:
            list_input_devices(refresh=True)
        yield server
    if rescan:
        list_input_devices(refresh=True)


# --- reading recordings ------------------------------------------------------------------


def find_onset(x: np.ndarray, template: np.ndarray, around: int, search: int) -> int | None:
    """Index in ``x`` where ``template`` fits best within ``around ± search`` samples (least
    squared difference, so a louder later stretch cannot win), or None if out of range."""
    lo = max(0, around - search)
    hi = min(len(x), around + search + len(template))
    w = x[lo:hi].astype(np.float64)
    t = template.astype(np.float64)
    if len(w) < len(t):
        return None
    cross = np.correlate(w, t, "valid")
    sq = np.concatenate([[0.0], np.cumsum(w * w)])
    energy = sq[len(t) :] - sq[: len(sq) - len(t)]
    sse = energy - 2 * cross + float(t @ t)
    return lo + int(np.argmin(sse))


def zero_crossing_hz(x: np.ndarray, rate: int = RATE) -> float:
    """Frequency of a near-sinusoid from its rising zero crossings (interpolated)."""
    s = x.astype(np.float64)
    idx = np.flatnonzero((s[:-1] < 0) & (s[1:] >= 0))
    if len(idx) < 2:
        return 0.0
    frac = -s[idx] / (s[idx + 1] - s[idx])
    crossings = idx + frac
    return float((len(crossings) - 1) * rate / (crossings[-1] - crossings[0]))
