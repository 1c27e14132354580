"""The bureau's commands: units, operators, responses and publishing, through the same use cases
as the operator area, so the audit trail names the person either way (`--by`, the OS user by
default)."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from datetime import datetime, timezone
from pathlib import Path

from shared import bootstrap, config
from shared.rules import access
from shared.rules.periods import Period
from shared.usecases import administration, publishing


def person() -> str:
    """Who runs a command, for the audit trail when `--by` is not given: the OS user."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no user name (a bare container): the record must still name someone
        raise ValueError("no user name here: say who acts with --by NAME") from None


def now() -> datetime:
    return datetime.now(timezone.utc)


def services() -> bootstrap.Services:
    """Built afresh for each command: the demo and `run` change the environment first."""
    return bootstrap.Services(config.load(os.environ))


def import_units(path: Path, by: str) -> tuple[int, int]:
    """The units file, whole or refused (every bad cell listed); (added, updated)."""
    from skm.units_csv import read_units_file

    units = read_units_file(path)
    return administration.import_units(
        units, path.name, by, now(), administration.stores_of(services()), zone=services().settings.zone
    )


def add_operator(email: str, units: list[str], bureau: bool, by: str) -> str:
    """Store a new operator and return their token, which is never stored and shown only now."""
    stores = administration.stores_of(services())
    _, token = administration.add_operator(email, units, bureau, by, now(), stores)
    return token


def revoke_operator(email: str, by: str) -> int:
    return administration.revoke_operator(email, by, now(), administration.stores_of(services()))


def import_responses(path: Path, unit_id: str, mapping_path: Path | None, lang: str, by: str) -> int:
    """Import a CSV or XLSX file of responses whole, or print every bad cell and import nothing."""
    from shared.files import responses_file, spreadsheet
    from shared.text import messages
    from shared.usecases import imports

    store = services()
    mapping = spreadsheet.read_mapping(mapping_path.read_bytes()) if mapping_path else None
    units = {unit.unit_id: unit for unit in store.units.list_units()}
    entry = responses_file.Batch(
        units,
        store.settings.zone,
        datetime.now(timezone.utc),
        "import",
        lang,
        unit_id,
        earliest_year=store.settings.earliest_year,
    )
    try:
        taken = imports.import_responses(path.read_bytes(), entry, by, path.name, store.responses, mapping)
    except spreadsheet.Refused as refused:
        for line in spreadsheet.listed(refused, lang):
            print(line, file=sys.stderr)
        print(messages.message("import_refused", lang, count=refused.count), file=sys.stderr)
        return 1
    print(imports.done_text(taken, lang))
    return 0


LOCAL_BUREAU_EMAIL = "biro-organisasi@localhost"


def ensure_local_bureau() -> None:
    """The local stack's bureau operator, so `skm report` and the demo work out of the box."""
    store = services().access
    hashed = access.token_hash(config.LOCAL_BUREAU_TOKEN)
    if store.operator(hashed) is None:
        store.put_operator(access.Operator(email=LOCAL_BUREAU_EMAIL, bureau=True, token_hash=hashed))


def make_posters(args: argparse.Namespace) -> list[Path]:
    from skm.poster import write_posters
    from skm.units_csv import read_units_file

    if not args.all and not args.unit_ids:
        raise ValueError("name one or more UNIT_IDs, or --all")
    units = read_units_file(args.csv) if args.csv else services().units.list_units()
    if not args.all:
        by_id = {unit.unit_id: unit for unit in units}
        unknown = [unit_id for unit_id in args.unit_ids if unit_id not in by_id]
        if unknown:
            raise ValueError(f"unknown unit: {', '.join(unknown)}")
        units = [by_id[unit_id] for unit_id in args.unit_ids]
    settings = config.load(os.environ)
    results = f"{settings.public_base_url}/"  # the public results site
    return write_posters(units, settings.form_base_url, settings.region_name, args.out, args.one_file, results)


def sign_in_link(email: str, by: str) -> str:
    """A one-time sign-in link for an active operator: how the first bureau member signs in."""
    stores = administration.stores_of(services())
    code, _ = administration.make_sign_in_link(administration.active_operator(email, stores), by, now(), stores)
    return access.sign_in_url(config.load(os.environ).report_base_url, code)


def publish(period: Period, by: str) -> int:
    """The bureau publishes a period's final figures: recorded, then the public site is written."""
    return publishing.publish(period, by, now(), publishing.deployed(services()))


def write_template(unit_id: str, out: Path) -> Path:
    """The unit's XLSX template for importing responses, as the operator area offers it."""
    from shared.files import responses_template

    unit = services().units.get_unit(unit_id)
    if unit is None:
        raise ValueError(f"unknown unit: {unit_id}")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(responses_template.template(unit))
    return out


def write_standards_template(unit_id: str, out: Path) -> Path:
    """The unit's service standards workbook, filled with the versions in force today."""
    from shared.files import standards_file
    from shared.usecases import standards

    store = services()
    unit = store.units.get_unit(unit_id)
    if unit is None:
        raise ValueError(f"unknown unit: {unit_id}")
    today = now().astimezone(store.settings.zone).date()
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(standards_file.template(unit, standards.in_force(store.ops, unit_id, today)))
    return out


def import_standards(path: Path, by: str) -> tuple[int, int]:
    """A standards workbook, whole or refused (every bad cell listed); (added, unchanged)."""
    from shared.usecases import standards

    store = services()
    units = {unit.unit_id: unit for unit in store.units.list_units()}
    return standards.import_workbook(path.read_bytes(), path.name, by, now(), units, store.ops)


def write_standards_poster(unit_id: str, period: Period | None, out_dir: Path) -> Path:
    """The unit's standards poster: the versions in force at the period's end (or today)."""
    from weasyprint import HTML

    from shared.usecases import standards

    store = services()
    settings = store.settings
    unit = store.units.get_unit(unit_id)
    if unit is None:
        raise ValueError(f"unknown unit: {unit_id}")
    day = period.last_day if period else now().astimezone(settings.zone).date()
    page = standards.poster(unit, day, store.ops, settings.form_base_url, settings.region_name)
    if page is None:
        raise ValueError(f"{unit_id} has no service standard in force on {day.isoformat()}")
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / f"standar_pelayanan_{unit_id}{'_' + period.key if period else ''}.pdf"
    path.write_bytes(HTML(string=page).write_pdf())
    return path
