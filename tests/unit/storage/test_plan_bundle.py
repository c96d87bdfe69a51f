"""An integration plan as a .kapscript: written and read back whole, a bad plan part refused
with a message naming it, older (script) bundles unchanged, the plan kept in its own SQLite
file across processes, and `check-script` saying what a plan bundle holds."""

from __future__ import annotations

import hashlib
import json
import os
import stat
import subprocess
import sys
import warnings
import zipfile
from collections.abc import Callable
from datetime import date, time
from pathlib import Path

import pytest

from kapcompanion.__main__ import main
from kapcompanion.domain.plan import Plan, PlanEntry
from kapcompanion.storage.bundle import MANIFEST, PLAN, SCRIPT_VERSION, BundleError
from kapcompanion.storage.bundle_check import check_bundle
from kapcompanion.storage.bundle_export import export_bundle
from kapcompanion.storage.bundle_plan import export_plan, holds_plan, read_plan
from kapcompanion.storage.library import builtin_folder
from kapcompanion.storage.plan_store import FILE_NAME, PlanStore, PlanStoreError

PLAN_OF = Plan(
    date(2026, 3, 28),
    (PlanEntry(1, "orienting"), PlanEntry(3, "weight-and-contact"), PlanEntry(7, "body-scan-10")),
    time(18, 30),
    "Go gently. One practice on a day is plenty.",
)


def bundle_with(tmp_path: Path, manifest: object, plan: bytes, **extra: bytes) -> Path:
    path = tmp_path / "made.kapscript"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr(MANIFEST, json.dumps(manifest) if not isinstance(manifest, bytes) else manifest)
        zf.writestr(PLAN, plan)
        for name, data in extra.items():
            zf.writestr(name, data)
    return path


def manifest_for(body: bytes, version: int = 2) -> dict[str, object]:
    return {
        "format": "kapcompanion-script",
        "version": version,
        "plan": PLAN,
        "files": [{"name": PLAN, "size": len(body), "sha256": hashlib.sha256(body).hexdigest()}],
    }


def test_a_plan_travels_as_one_file_and_comes_back_whole(tmp_path: Path) -> None:
    target = export_plan(PLAN_OF, tmp_path / "plan-for-sam")
    assert target.name == "plan-for-sam.kapscript"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert holds_plan(target)
    assert read_plan(target) == PLAN_OF
    with zipfile.ZipFile(target) as zf:
        assert sorted(zf.namelist()) == [MANIFEST, PLAN]
        manifest = json.loads(zf.read(MANIFEST))
    assert manifest["version"] == 2 and manifest["plan"] == PLAN
    # Nothing left beside it.
    assert [p.name for p in tmp_path.iterdir()] == [target.name]


def test_a_shared_script_is_still_written_as_version_1_and_still_taken_in(tmp_path: Path) -> None:
    script = Path(str(builtin_folder() / "orienting.toml")).read_text()
    own = tmp_path / "mine" / "my-orienting.toml"
    own.parent.mkdir()
    own.write_text(script.replace('id = "orienting"', 'id = "my-orienting"'))
    made = export_bundle(own, tmp_path)
    with zipfile.ZipFile(made.path) as zf:
        assert json.loads(zf.read(MANIFEST))["version"] == SCRIPT_VERSION == 1
    assert not holds_plan(made.path)
    assert check_bundle(made.path, tmp_path / "client-scripts").id == "my-orienting"


def test_a_plan_given_to_the_script_import_is_named_as_a_plan(tmp_path: Path) -> None:
    target = export_plan(PLAN_OF, tmp_path / "plan")
    with pytest.raises(BundleError, match="is an integration plan, not a script"):
        check_bundle(target, tmp_path / "client-scripts")


BODY = json.dumps(
    {"session": "2026-03-28", "entries": [{"day": 1, "practice": "orienting"}], "remind_at": None}
).encode()


def same(b: bytes) -> bytes:
    return b


@pytest.mark.parametrize(
    ("body", "manifest", "entry", "words"),
    [
        (lambda b: b.replace(b"2026-03-28", b"28.3.2026"), manifest_for, PLAN,
         "The plan has a problem: session: is not a date like 2026-03-28"),
        (lambda b: b.replace(b'"day": 1', b'"day": 90'), manifest_for, PLAN,
         "entries[0].day: is 90; a plan day is 1 to 60 days after the session"),
        (lambda b: b"{not json", manifest_for, PLAN, "in this plan is not readable JSON"),
        (same, lambda b: manifest_for(b.replace(b"orienting", b"orientinG")), PLAN,
         "does not match its size or checksum"),
        (same, lambda b: manifest_for(b, version=7), MANIFEST, "newer version of kapcompanion"),
        (same, lambda b: {**manifest_for(b), "format": "zip"}, MANIFEST, "does not say it"),
        (same, lambda b: {**manifest_for(b), "plan": "x.json"}, MANIFEST, "does not list plan"),
    ],
)  # fmt: skip
def test_a_bad_plan_part_gives_a_clear_message(
    tmp_path: Path,
    body: Callable[[bytes], bytes],
    manifest: Callable[[bytes], object],
    entry: str,
    words: str,
) -> None:
    changed = body(BODY)
    path = bundle_with(tmp_path, manifest(changed), changed)
    with pytest.raises(BundleError) as caught:
        read_plan(path)
    assert caught.value.entry == entry
    assert words in caught.value.message
    assert "Nothing was taken in." in caught.value.message


def test_anything_more_than_a_plan_in_the_bundle_is_refused(tmp_path: Path) -> None:
    path = bundle_with(tmp_path, manifest_for(BODY), BODY, **{"extra.toml": b"id = 'x'"})
    with pytest.raises(BundleError, match=r'"extra\.toml" is not part of a plan') as caught:
        read_plan(path)
    assert caught.value.entry == "extra.toml"
    (tmp_path / "half.kapscript").write_bytes(path.read_bytes()[:40])
    with pytest.raises(BundleError, match="not a whole zip file"):
        read_plan(tmp_path / "half.kapscript")


def test_the_plan_is_kept_replaced_and_put_aside_and_nothing_is_deleted(tmp_path: Path) -> None:
    store = PlanStore()
    assert store.current() is None and not store.path.exists()  # reading makes no file
    store.keep(PLAN_OF)
    assert stat.S_IMODE(store.path.stat().st_mode) == 0o600
    assert store.path.name == FILE_NAME
    later = Plan(date(2026, 4, 25), (PlanEntry(2, "resource"),))
    store.keep(later)
    assert store.current() == later
    assert store.states() == ["replaced", "current"]
    assert store.put_aside()
    assert store.current() is None
    assert store.states() == ["replaced", "aside"]
    assert not store.put_aside()


def test_the_plan_is_read_back_by_another_process() -> None:
    PlanStore().keep(PLAN_OF)
    code = (
        "from kapcompanion.storage.plan_store import PlanStore\n"
        "p = PlanStore().current()\n"
        "print(p.session, [(e.day, e.practice) for e in p.entries], p.remind_at, p.note)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=os.environ
    ).stdout
    assert out.strip() == (
        "2026-03-28 [(1, 'orienting'), (3, 'weight-and-contact'), (7, 'body-scan-10')] "
        "18:30:00 Go gently. One practice on a day is plenty."
    )


def test_a_plan_file_from_a_newer_version_is_left_alone() -> None:
    store = PlanStore()
    store.keep(PLAN_OF)
    import sqlite3

    with sqlite3.connect(store.path) as conn:
        conn.execute("PRAGMA user_version = 9")
    before = store.path.read_bytes()
    with pytest.raises(PlanStoreError, match="newer version of kapcompanion"):
        store.current()
    with pytest.raises(PlanStoreError):
        store.keep(PLAN_OF)
    assert store.path.read_bytes() == before


def test_check_script_says_what_a_plan_holds_and_what_is_wrong(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = export_plan(PLAN_OF, tmp_path / "good")
    unknown = export_plan(
        Plan(date(2026, 3, 28), (PlanEntry(1, "not-here"),)), tmp_path / "unknown"
    )
    bad = bundle_with(tmp_path, manifest_for(b"[]"), b"[]")
    assert main(["check-script", str(good)]) == 0
    out = capsys.readouterr().out
    assert "good.kapscript: an integration plan for 3 days after the session of 2026-03-28." in out
    assert main(["check-script", str(unknown), str(bad)]) == 1
    out = capsys.readouterr().out
    assert "unknown.kapscript: The plan names practices this app does not have: not-here." in out
    assert (
        "made.kapscript (plan.json inside it): The plan has a problem: The plan is not a JSON"
        in out
    )


def test_a_plan_entry_twice_or_larger_than_a_plan_is_refused(tmp_path: Path) -> None:
    twice = tmp_path / "twice.kapscript"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns of the duplicate name it writes
        with zipfile.ZipFile(twice, "w") as zf:
            zf.writestr(MANIFEST, json.dumps(manifest_for(BODY)))
            zf.writestr(PLAN, BODY)
            zf.writestr(PLAN, BODY)
    with pytest.raises(BundleError, match=r"should hold manifest\.json and plan\.json"):
        read_plan(twice)
    big = BODY[:-1] + b', "note": "' + b" " * 70_000 + b'"}'
    with pytest.raises(BundleError, match="larger than a plan ever is") as caught:
        read_plan(bundle_with(tmp_path, manifest_for(big), big))
    assert caught.value.entry == PLAN


def test_a_pipe_named_as_a_plan_is_not_waited_on(tmp_path: Path) -> None:
    pipe = tmp_path / "plan.kapscript"
    os.mkfifo(pipe)
    assert not holds_plan(pipe)
    with pytest.raises(BundleError, match="Nothing was imported"):
        read_plan(pipe)
