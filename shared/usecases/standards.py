"""Use cases of service standards: the workbook imported, a version added, the version in force.

The operator area and the `skm` CLI call these same functions, so both check alike and both
write the audit record (`admin_log`) in the same commit as the versions.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any, Protocol

from shared.files import standards_file
from shared.files.spreadsheet import Refused
from shared.reports import promises
from shared.rules import access, standards
from shared.rules.records import Unit
from shared.rules.standards import Standard
from shared.text import messages


class Store(Protocol):
    def standards(self, unit_id: str | None = None) -> list[Standard]: ...
    def add_standards(self, versions: list[Standard], record: dict[str, Any]) -> tuple[int, list[Standard]]: ...


def import_workbook(
    data: bytes, file_name: str, by: str, now: datetime, units: Mapping[str, Unit], store: Store, lang: str = "id"
) -> tuple[int, int]:
    """Every filled sheet of the workbook as a new version, all or nothing: (added, unchanged).
    Refused (by sheet, line and column) for a bad cell, a unit or service `units` does not
    offer, or a version already stored with other content: a revision takes its own date."""
    sheets = standards_file.read_standards(data, lang, units)
    versions = [sheet.standard for sheet in sheets]
    record = access.admin_record(
        by, "standards_imported", file_name, now, versions=[f"{v.unit_id}/{v.service}/{v.version}" for v in versions]
    )
    added, conflicts = store.add_standards(versions, record)
    if conflicts:
        clash = messages.message("standard_version_exists", lang)
        raise Refused([sheet.error(standards_file.EFFECTIVE, clash) for sheet in sheets if sheet.standard in conflicts])
    return added, len(versions) - added


def in_force(store: Store, unit_id: str, day: date) -> dict[str, Standard]:
    """Each of the unit's services' version in force on `day` (services without one left out)."""
    return promises.by_service_in_force(store.standards(unit_id), day)


class MaklumatStore(Protocol):
    def maklumat(self, unit_id: str) -> dict[str, Any] | None: ...
    def put_maklumat(self, unit_id: str, maklumat: dict[str, Any], record: dict[str, Any]) -> None: ...


def maklumat_of(store: MaklumatStore, unit_id: str) -> standards.Maklumat | None:
    """The unit's signed maklumat; None until its head has signed one."""
    stored = store.maklumat(unit_id)
    return standards.Maklumat.model_validate(stored) if stored else None


class PosterStore(Store, MaklumatStore, Protocol):
    """What the counter poster reads: the standards and the maklumat."""


def poster(unit: Unit, day: date, store: PosterStore, form_base_url: str, region: str) -> str | None:
    """The counter poster's HTML: a page per service's standard in force on `day`, with the
    maklumat and the form's QR; None when no standard is in force then."""
    from shared.reports import standard_poster  # segno only where a poster is printed

    current = in_force(store, unit.unit_id, day)
    if not current:
        return None
    maklumat = maklumat_of(store, unit.unit_id)
    return standard_poster.html(unit, list(current.values()), maklumat, form_base_url, region)


def default_maklumat(region_text: str) -> str:
    return region_text.strip() or standards.DEFAULT_MAKLUMAT


def sign_maklumat(
    unit_id: str, fields: Mapping[str, Any], by: str, now: datetime, store: MaklumatStore
) -> standards.Maklumat:
    """Store the unit's maklumat as signed (text, signer's name and position, the day), with its
    audit record in the same commit; ValidationError names the field at fault, nothing stored."""
    maklumat = standards.Maklumat.model_validate(dict(fields))
    record = access.admin_record(by, "maklumat_signed", unit_id, now, signer=maklumat.signer_name)
    store.put_maklumat(unit_id, maklumat.model_dump(mode="json"), record)
    return maklumat


def version_from_form(
    unit_id: str, service: str, form: Mapping[str, str], lang: str = "id"
) -> tuple[Standard | None, dict[str, str]]:
    """A new version as typed in the operator area: fields decree_number, decree_date and
    effective_from (YYYY-MM-DD from a date input) and c_<component> for each component. Returns
    the version, or None and each bad field's message; nothing is invented for an empty field."""
    errors: dict[str, str] = {}
    fields: dict[str, Any] = {"unit_id": unit_id, "service": service}
    number = (form.get("decree_number") or "").strip()
    if not number:
        errors["decree_number"] = messages.message("required", lang)
    elif len(number) > 200:
        errors["decree_number"] = messages.message("too_long", lang, max=200)
    fields["decree_number"] = number
    for name in ("decree_date", "effective_from"):
        written = (form.get(name) or "").strip()
        try:
            fields[name] = date.fromisoformat(written)
        except ValueError:
            errors[name] = messages.message("required" if not written else "day_format", lang)
    components = {c.key: text for c in standards.COMPONENTS if (text := (form.get(f"c_{c.key}") or "").strip())}
    for key, text in components.items():
        if len(text) > standards.TEXT_LIMIT:
            errors[f"c_{key}"] = messages.message("too_long", lang, max=standards.TEXT_LIMIT)
    for key, parse, field in (("waktu", standards.parse_time, "time"), ("biaya", standards.parse_cost, "cost")):
        try:
            fields[field] = parse(components.get(key))
        except standards.Refused as refused:
            errors[f"c_{key}"] = messages.message(refused.key, lang, **refused.values)
    if errors:
        return None, errors
    return Standard(components=components, **fields), {}


def add_version(version: Standard, by: str, now: datetime, store: Store) -> bool:
    """Store one new version with its audit record; False when a version in force from that date
    is already stored with other content (nothing written: a revision takes its own date)."""
    record = access.admin_record(by, "standard_added", f"{version.unit_id}/{version.service}/{version.version}", now)
    _, conflicts = store.add_standards([version], record)
    return not conflicts
