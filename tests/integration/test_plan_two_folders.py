"""The plan for the days after, from one computer to another: a therapist's data folder writes
the plan file, a second data folder takes it in when the file is handed to the app, and home in
a later process offers the plan's practice on day 1 and day 3 and nothing on the session's day,
day 2 or day 5 (fixed dates across a month end, a fake clock)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.helpers.xvfb import xvfb, xvfb_available

ROOT = Path(__file__).resolve().parents[2]

pytestmark = [
    pytest.mark.xvfb,
    pytest.mark.slow,
    pytest.mark.skipif(xvfb_available() is not None, reason=str(xvfb_available())),
]


def child(display: str, folder: Path, *args: str) -> dict[str, Any]:
    """``plan_child *args`` on ``display`` with ``folder`` as its data folder."""
    env = dict(
        os.environ,
        DISPLAY=display,
        QT_QPA_PLATFORM="xcb",
        KAPCOMPANION_DATA_DIR=str(folder / "data"),
        XDG_CONFIG_HOME=str(folder / "config"),
    )
    done = subprocess.run(
        [sys.executable, "-m", "tests.integration.plan_child", *args],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 0 and done.stdout.strip(), done.stdout + done.stderr
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def test_a_plan_made_in_one_data_folder_is_offered_on_its_days_in_another(
    tmp_path: Path,
) -> None:
    therapist, client = tmp_path / "therapist", tmp_path / "client"
    with xvfb() as display:
        made = child(display, therapist, "therapist", str(tmp_path / "for-sam"), "2026-01-30")
        bundle = tmp_path / "for-sam.kapscript"
        assert made["saved"] and made["path"] == str(bundle), made
        assert not (client / "data").exists()

        taken = child(display, client, "client", str(bundle))
        assert taken["question"]["title"] == "A plan for the days after your session"
        assert "Saturday 31 January: Orienting to the room" in taken["question"]["text"]
        assert taken["states"] == ["current"]
        # Nothing of the plan was written into the therapist's own data folder.
        assert not (therapist / "data" / "integration-plan.sqlite3").exists()

        days = ["2026-01-30", "2026-01-31", "2026-02-01", "2026-02-02", "2026-02-04"]
        offered = child(display, client, "home", *days)["offered"]
    assert offered == {
        "2026-01-30": "",
        "2026-01-31": "From your plan for today: Orienting to the room",
        "2026-02-01": "",
        "2026-02-02": "From your plan for today: Weight and contact",
        "2026-02-04": "",
    }
