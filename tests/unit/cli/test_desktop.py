"""The desktop files as shipped, the Exec lines install-desktop writes, and installing into and
removing from a private XDG home (with the real desktop tools where they are installed)."""

from __future__ import annotations

import os
import shutil
import stat
import struct
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kapcompanion import __main__ as cli
from kapcompanion import __version__
from kapcompanion.cli.desktop import (
    APP_ID,
    DESKTOP_FILE,
    MIME_TYPE,
    ExecError,
    Places,
    app_command,
    exec_argument,
    exec_words,
    forget_default,
    install,
    rewrite_exec,
    shipped_files,
    uninstall,
)
from tests.helpers.cli import run_app

ROOT = Path(__file__).resolve().parents[3]
DESKTOP = ROOT / "resources" / "desktop"
ENTRY = DESKTOP / "applications" / DESKTOP_FILE
METAINFO = DESKTOP / "metainfo" / f"{APP_ID}.metainfo.xml"
MIME_XML = DESKTOP / "mime" / "packages" / f"{APP_ID}.xml"
ICON_SIZES = (16, 22, 24, 32, 48, 64, 128, 256)


def needs(tool: str) -> pytest.MarkDecorator:
    return pytest.mark.skipif(shutil.which(tool) is None, reason=f"{tool} is not installed")


def entry_values(text: str, group: str = "Desktop Entry") -> dict[str, str]:
    values: dict[str, str] = {}
    current = ""
    for line in text.splitlines():
        if line.startswith("["):
            current = line.strip("[]")
        elif "=" in line and current == group:
            key, _, value = line.partition("=")
            values[key] = value
    return values


# -- the shipped files ----------------------------------------------------------------------


@needs("desktop-file-validate")
def test_the_menu_entry_validates() -> None:
    result = subprocess.run(
        ["desktop-file-validate", str(ENTRY)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout + result.stderr


@needs("appstreamcli")
def test_the_metainfo_validates() -> None:
    result = subprocess.run(
        ["appstreamcli", "validate", "--no-net", "--explain", str(METAINFO)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_files_name_one_app_id_and_one_file_type() -> None:
    entry = entry_values(ENTRY.read_text(encoding="utf-8"))
    assert entry["Icon"] == APP_ID
    assert MIME_TYPE in entry["MimeType"].split(";")
    assert entry["Exec"] == "kapcompanion %f"
    meta = ET.parse(METAINFO).getroot()
    assert meta.findtext("id") == APP_ID
    assert meta.findtext("launchable") == DESKTOP_FILE
    assert meta.findtext("provides/mediatype") == MIME_TYPE
    assert meta.findtext("provides/binary") == "kapcompanion"
    assert meta.find("content_rating") is not None
    releases = meta.findall("releases/release")
    assert releases[0].get("version") == __version__
    mime = ET.parse(MIME_XML).getroot()
    ns = {"m": "http://www.freedesktop.org/standards/shared-mime-info"}
    (kind,) = mime.findall("m:mime-type", ns)
    assert kind.get("type") == MIME_TYPE
    assert [g.get("pattern") for g in kind.findall("m:glob", ns)] == ["*.kapscript"]
    # The file type's glob is the one the app's bundles are written with.
    from kapcompanion.storage.bundle import SUFFIX

    assert SUFFIX == cli.SHARED_SUFFIX == ".kapscript"


def test_every_screenshot_is_one_the_project_has() -> None:
    meta = ET.parse(METAINFO).getroot()
    images = [i.text or "" for i in meta.findall("screenshots/screenshot/image")]
    assert len(images) >= 3
    for url in images:
        assert url.startswith("https://")
        name = url.split("/docs/screenshots/", 1)[1]
        assert (ROOT / "docs" / "screenshots" / name).is_file(), url


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()[:24]
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    width, height = struct.unpack(">II", data[16:24])
    return int(width), int(height)


def test_the_icon_comes_in_every_size() -> None:
    icons = DESKTOP / "icons" / "hicolor"
    assert (icons / "scalable" / "apps" / f"{APP_ID}.svg").is_file()
    for size in ICON_SIZES:
        assert png_size(icons / f"{size}x{size}" / "apps" / f"{APP_ID}.png") == (size, size)
    shipped = {str(p) for p in shipped_files()}
    assert f"applications/{DESKTOP_FILE}" in shipped
    assert f"icons/hicolor/48x48/apps/{APP_ID}.png" in shipped
    assert len(shipped) == len(ICON_SIZES) + 4  # PNGs, the SVG, entry, metainfo, file type


# -- Exec lines -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        "/opt/kapcompanion/bin/kapcompanion",
        "/home/sam/My Apps/venv/bin/kapcompanion",
        '/home/o"neil/$HOME/`x`/back\\slash/100%/kapcompanion',
        "/tmp/tab\there;and&that|(this)*?#~<>'/kapcompanion",
    ],
)
def test_an_exec_line_gives_back_the_words_it_was_made_from(path: str) -> None:
    command = [path, "-m", "kapcompanion"]
    value = " ".join(exec_argument(w) for w in command) + " %f"
    assert exec_words(value) == command
    assert exec_words(value, ["/x/y z.kapscript"]) == [*command, "/x/y z.kapscript"]


@given(st.lists(st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1), max_size=4))
def test_any_words_survive_an_exec_line(words: list[str]) -> None:
    value = " ".join(exec_argument(w) for w in words)
    assert exec_words(value + " %F", ["a", "b"]) == [*words, "a", "b"]


def test_a_broken_exec_value_is_refused() -> None:
    for bad in ('"open', "a %z", "a&b", "x%f"):
        with pytest.raises(ExecError):
            exec_words(bad)
    assert exec_words("a %% b %i %c") == ["a", "%", "b"]


@needs("desktop-file-validate")
@pytest.mark.parametrize(
    "command",
    [
        ["/home/sam/My Apps/venv/bin/kapcompanion"],
        ['/srv/o"neil/$x/100%/back\\slash/python3', "-m", "kapcompanion"],
    ],
)
def test_the_rewritten_entry_starts_the_command_and_still_validates(
    command: list[str], tmp_path: Path
) -> None:
    text = rewrite_exec(ENTRY.read_text(encoding="utf-8"), command)
    entry = entry_values(text)
    assert exec_words(entry["Exec"], ["/a b.kapscript"]) == [*command, "/a b.kapscript"]
    assert entry["TryExec"].replace("\\\\", "\\") == command[0]
    action = entry_values(text, "Desktop Action breathe")
    assert exec_words(action["Exec"]) == [*command, "breathe"]
    written = tmp_path / DESKTOP_FILE
    written.write_text(text, encoding="utf-8")
    result = subprocess.run(
        ["desktop-file-validate", str(written)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout


# -- which command starts this installation ------------------------------------------------------


def test_the_command_is_the_console_script_that_runs_this_python(tmp_path: Path) -> None:
    python = tmp_path / "bin" / "python"
    python.parent.mkdir()
    python.symlink_to(sys.executable)
    script = tmp_path / "bin" / "kapcompanion"
    script.write_text(f"#!{python}\nimport sys\n")
    script.chmod(0o755)
    assert app_command(str(python), [script], frozen=False) == [str(script)]
    # A script for another Python is not this installation: run this one's module.
    other = tmp_path / "other"
    other.write_text("#!/usr/bin/env python3\n")
    other.chmod(0o755)
    assert app_command(str(python), [other], frozen=False) == [str(python), "-m", "kapcompanion"]
    # Not executable: not used either.
    script.chmod(0o644)
    assert app_command(str(python), [script], frozen=False)[1:] == ["-m", "kapcompanion"]
    # The standalone build is its own program.
    assert app_command("/opt/kap/kapcompanion", [], frozen=True) == ["/opt/kap/kapcompanion"]


def test_the_places_follow_the_xdg_rules(tmp_path: Path) -> None:
    home = tmp_path / "home"
    assert Places.from_environment({"HOME": str(home)}) == Places(
        home / ".local" / "share", home / ".config"
    )
    places = Places.from_environment(
        {"HOME": str(home), "XDG_DATA_HOME": "/d", "XDG_CONFIG_HOME": "relative/is/ignored"}
    )
    assert places == Places(Path("/d"), home / ".config")


# -- mimeapps.list ------------------------------------------------------------------------------


def test_forgetting_the_default_keeps_every_other_line() -> None:
    text = (
        "[Default Applications]\n"
        "text/plain=org.example.Editor.desktop\n"
        f"{MIME_TYPE}={DESKTOP_FILE}\n"
        "\n"
        "[Added Associations]\n"
        f"{MIME_TYPE}=org.example.Zip.desktop;{DESKTOP_FILE};\n"
        f"[Removed Associations]\n{MIME_TYPE}={DESKTOP_FILE};\n"
    )
    assert forget_default(text, MIME_TYPE, DESKTOP_FILE) == (
        "[Default Applications]\n"
        "text/plain=org.example.Editor.desktop\n"
        "\n"
        "[Added Associations]\n"
        f"{MIME_TYPE}=org.example.Zip.desktop;\n"
        f"[Removed Associations]\n{MIME_TYPE}={DESKTOP_FILE};\n"
    )
    assert forget_default("no groups\n", MIME_TYPE, DESKTOP_FILE) == "no groups\n"


# -- installing and removing ----------------------------------------------------------------------


def tree(folder: Path) -> dict[str, bytes | None]:
    """Every path under ``folder`` with a file's bytes (None for a folder)."""
    return {
        str(p.relative_to(folder)): (p.read_bytes() if p.is_file() else None)
        for p in sorted(folder.rglob("*"))
    }


@pytest.fixture
def places(tmp_path: Path) -> Places:
    found = Places(tmp_path / "data", tmp_path / "config")
    found.data_home.mkdir()
    found.config_home.mkdir()
    return found


def environment(places: Places) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("XDG_")}
    env.update(XDG_DATA_HOME=str(places.data_home), XDG_CONFIG_HOME=str(places.config_home))
    env.pop("XDG_CURRENT_DESKTOP", None)
    env.pop("DESKTOP_SESSION", None)
    return env


def test_install_puts_each_shipped_file_in_place(places: Places) -> None:
    said: list[str] = []
    command = ["/opt/kap/bin/kapcompanion"]
    written = install(places, command, say=said.append, environ=environment(places))
    assert len(written) == len(shipped_files())
    for relative in shipped_files():
        target = places.data_home.joinpath(*relative.parts)
        assert target in written
        assert stat.S_IMODE(target.stat().st_mode) == 0o644
        if relative.suffix != ".desktop":
            assert target.read_bytes() == (DESKTOP / relative).read_bytes()
        assert any(str(target) in line for line in said)
    entry = entry_values((places.data_home / "applications" / DESKTOP_FILE).read_text())
    assert exec_words(entry["Exec"], ["/f.kapscript"]) == [*command, "/f.kapscript"]
    assert not list(places.data_home.rglob(".*.tmp"))  # no temporary file left behind
    if shutil.which("update-mime-database"):
        globs = (places.data_home / "mime" / "globs2").read_text()
        assert f"{MIME_TYPE}:*.kapscript" in globs
    else:
        assert any("update-mime-database is not installed" in line for line in said)


@needs("xdg-mime")
def test_install_makes_the_app_the_default_for_shared_scripts(places: Places) -> None:
    env = environment(places)
    install(places, ["/opt/kap/bin/kapcompanion"], say=lambda _: None, environ=env)
    answer = subprocess.run(
        ["xdg-mime", "query", "default", MIME_TYPE],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert answer.stdout.strip() == DESKTOP_FILE


def test_uninstall_leaves_a_fresh_home_as_it_was(places: Places) -> None:
    before = tree(places.data_home.parent)
    env = environment(places)
    install(places, ["/opt/kap/bin/kapcompanion"], say=lambda _: None, environ=env)
    said: list[str] = []
    removed = uninstall(places, say=said.append, environ=env)
    assert len(removed) >= len(shipped_files())
    assert tree(places.data_home.parent) == before
    assert said[-1] == "Done."
    # Again: nothing left to remove, and it says so.
    said.clear()
    assert uninstall(places, say=said.append, environ=env) == []
    assert any("none of its files were there" in line for line in said)


def test_uninstall_keeps_what_other_apps_put_there(places: Places) -> None:
    other_entry = places.data_home / "applications" / "org.example.Zip.desktop"
    other_entry.parent.mkdir(parents=True)
    other_entry.write_text(
        "[Desktop Entry]\nType=Application\nName=Zip\nExec=zip %f\nMimeType=application/zip;\n"
    )
    other_type = places.data_home / "mime" / "packages" / "org.example.Notes.xml"
    other_type.parent.mkdir(parents=True)
    other_type.write_text(
        '<?xml version="1.0"?>\n<mime-info xmlns="http://www.freedesktop.org/standards/'
        'shared-mime-info">\n<mime-type type="text/x-notes"><comment>Notes</comment>'
        '<glob pattern="*.notes"/></mime-type>\n</mime-info>\n'
    )
    places.mimeapps.write_text("[Default Applications]\ntext/plain=org.example.Editor.desktop\n")
    env = environment(places)
    install(places, ["/opt/kap/bin/kapcompanion"], say=lambda _: None, environ=env)
    places.mimeapps.chmod(0o640)  # as its owner keeps it; uninstalling keeps that too
    uninstall(places, say=lambda _: None, environ=env)
    left = {str(p.relative_to(places.data_home)) for p in places.data_home.rglob("*")}
    assert not [p for p in left if APP_ID in p or "kapscript" in p]
    assert other_entry.is_file() and other_type.is_file()
    assert places.mimeapps.read_text() == (
        "[Default Applications]\ntext/plain=org.example.Editor.desktop\n"
    )
    assert stat.S_IMODE(places.mimeapps.stat().st_mode) == 0o640
    if shutil.which("update-mime-database"):
        globs = (places.data_home / "mime" / "globs2").read_text()
        assert "*.notes" in globs and "kapscript" not in globs


# -- the command line -----------------------------------------------------------------------------


def test_a_shared_script_alone_on_the_command_line_is_opened() -> None:
    assert cli._with_command(["x.kapscript"]) == ["open", "x.kapscript"]
    assert cli._with_command(["/a b/X.KAPSCRIPT"]) == ["open", "/a b/X.KAPSCRIPT"]
    assert cli._with_command(["list"]) == ["list"]
    assert cli._with_command(["run", "x.kapscript"]) == ["run", "x.kapscript"]
    assert cli._with_command([]) == []


def test_opening_a_missing_file_says_so_before_any_window(tmp_path: Path) -> None:
    result = run_app(str(tmp_path / "gone.kapscript"), unset=("DISPLAY",))
    assert result.returncode == 2
    assert "gone.kapscript' is not there; give a .kapscript file" in result.stderr


def test_install_desktop_from_the_command_line_loads_no_qt(tmp_path: Path) -> None:
    probe = (
        "import sys\n"
        "from kapcompanion.__main__ import main\n"
        "status = main(sys.argv[1:])\n"
        "assert 'PySide6' not in sys.modules, 'Qt was loaded'\n"
        "sys.exit(status)\n"
    )
    env = dict(os.environ, XDG_DATA_HOME=str(tmp_path / "d"), XDG_CONFIG_HOME=str(tmp_path / "c"))
    for args in (["install-desktop"], ["install-desktop", "--uninstall"]):
        result = subprocess.run(
            [sys.executable, "-c", probe, *args],
            env=env,
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 0, result.stderr
        assert str(tmp_path / "d") in result.stdout
    assert not (tmp_path / "d" / "applications" / DESKTOP_FILE).exists()
