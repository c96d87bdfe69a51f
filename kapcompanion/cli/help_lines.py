"""``kapcompanion help-lines [--region XX]``: Help's list in a terminal, to read or to print.

The same sheet as the Help panel: the person's own contacts first, then the emergency number
and lines for the region. With no ``--region`` the region chosen in the app is used; if none was
chosen, nothing is assumed: the list of regions is printed with the guess named.
"""

from __future__ import annotations

import argparse
import sys
from typing import TextIO

from kapcompanion.domain.contacts import Contact
from kapcompanion.domain.crisis import OTHER, CrisisRegion, region_for_territory
from kapcompanion.domain.help import help_sheet, sheet_text
from kapcompanion.i18n import _
from kapcompanion.storage.contacts import ContactsFileError, contacts_path, load_contacts
from kapcompanion.storage.crisis_files import own_crisis_folder, read_regions
from kapcompanion.storage.system_region import guessed_territory

UNKNOWN_EXIT = 2


def add_help_lines(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--region",
        metavar="XX",
        help=_("a region's short id or two-letter country code, such as gb, de or nz"),
    )


def _known(regions: list[CrisisRegion]) -> str:
    names = ", ".join(f"{r.key} ({r.name})" for r in sorted(regions, key=lambda r: r.key))
    return _("known regions: {regions}").format(regions=names)


def find_region(wanted: str, regions: list[CrisisRegion]) -> CrisisRegion | None:
    """A region by its id ("gb") or a country it covers ("GB", "uk" is not a code)."""
    key = wanted.strip().lower()
    by_key = next((r for r in regions if r.key == key), None)
    if by_key is not None:
        return by_key
    found = region_for_territory(wanted, regions)
    return found if found.key != OTHER else None


def _chosen_in_app() -> str:
    """The region the person confirmed in the app, or "" (reads the settings file)."""
    from kapcompanion.services.settings import CRISIS_REGION, SettingsStore

    return str(SettingsStore().get(CRISIS_REGION))


def _contacts(err: TextIO) -> tuple[Contact, ...]:
    try:
        return load_contacts(contacts_path())
    except ContactsFileError as exc:
        print(
            _("kapcompanion help-lines: your own contacts could not be read: {problem}").format(
                problem=exc
            ),
            file=err,
        )
        return ()


def run_help_lines(
    args: argparse.Namespace,
    parser: argparse.ArgumentParser,
    out: TextIO | None = None,
    err: TextIO | None = None,
) -> int:
    out = out if out is not None else sys.stdout
    err = err if err is not None else sys.stderr
    regions, _problems = read_regions(own_crisis_folder())
    wanted: str | None = args.region
    if wanted is None:
        wanted = _chosen_in_app() or None
    region = find_region(wanted, regions) if wanted else None
    if wanted and region is None:
        print(
            _("kapcompanion help-lines: no region {wanted}; {known}").format(
                wanted=repr(wanted), known=_known(regions)
            ),
            file=err,
        )
        return UNKNOWN_EXIT
    out.write(sheet_text(help_sheet(_contacts(err), region)))
    if region is None:
        guess = region_for_territory(guessed_territory(), regions)
        if guess.key != OTHER:
            line = _("Choose one with --region (this computer suggests {key}); {known}").format(
                key=guess.key, known=_known(regions)
            )
        else:
            line = _("Choose one with --region; {known}").format(known=_known(regions))
        out.write(f"\n{line}\n")
    return 0
