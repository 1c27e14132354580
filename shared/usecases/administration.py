"""Use cases of the bureau's administration: operators, their sign-in links, and units.

The operator area and the `skm` CLI call these same functions, so both validate alike and both
write the same audit record (`admin_log`), naming the person who acted: the signed-in bureau
member, or the CLI's `--by` (the OS user by default).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from typing import Any, Protocol

from shared.rules import access
from shared.rules.access import Operator
from shared.rules.records import Unit

EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")  # a plausible address; the sign-in link, not the mail, proves it
MAX_EMAIL = 254


class Refused(ValueError):
    """Nothing was written; `key` names the message the person reads."""

    def __init__(self, key: str, **values: Any):
        super().__init__(key)
        self.key, self.values = key, values


class UnitsStore(Protocol):
    def list_units(self) -> list[Unit]: ...
    def get_unit(self, unit_id: str) -> Unit | None: ...
    def put_units(self, units: list[Unit]) -> int: ...


class AccessStore(Protocol):
    def put_operator(self, operator: Operator) -> None: ...
    def operator(self, token_hash: str) -> Operator | None: ...
    def list_operators(self) -> list[Operator]: ...
    def revoke_operator(self, email: str) -> int: ...
    def put_sign_in_link(self, key: str, record: dict[str, Any]) -> None: ...


class AuditTrail(Protocol):
    def log_admin(self, record: dict[str, Any]) -> None: ...


@dataclass(frozen=True)
class Stores:
    units: UnitsStore
    access: AccessStore
    audit: AuditTrail

    def record(self, by: str, action: str, target: str, now: datetime, **details: Any) -> None:
        self.audit.log_admin(access.admin_record(by, action, target, now, **details))


def add_operator(
    email: str, units: Sequence[str], bureau: bool, by: str, now: datetime, stores: Stores
) -> tuple[Operator, str]:
    """A new operator of `units` (or of every unit: the bureau) and their token, shown only now and
    never stored. Refused for an implausible address, no unit for a unit operator, or an unknown unit."""
    address = email.strip().lower()
    if not EMAIL.fullmatch(address) or len(address) > MAX_EMAIL:
        raise Refused("email_invalid")
    known = {unit.unit_id for unit in stores.units.list_units()}
    if (not bureau and not units) or set(units) - known:
        raise Refused("units_needed")
    token = access.new_token()
    person = Operator(email=address, units=sorted(set(units)), bureau=bureau, token_hash=access.token_hash(token))
    stores.access.put_operator(person)
    stores.record(by, "operator_added", person.email, now, units=person.units, bureau=person.bureau)
    return person, token


def active_operator(email: str, stores: Stores) -> Operator:
    person = next((op for op in stores.access.list_operators() if op.email == email.lower() and op.active), None)
    if person is None:
        raise Refused("operator_unknown", email=email)
    return person


def make_sign_in_link(person: Operator, by: str, now: datetime, stores: Stores) -> tuple[str, dict[str, Any]]:
    """A one-time sign-in link's code (shown once) and its stored record, for an active operator."""
    if not person.active:
        raise Refused("operator_unknown", email=person.email)
    code, key, record = access.sign_in_link(person, by, now)
    stores.access.put_sign_in_link(key, record)
    stores.record(by, "sign_in_link_made", person.email, now)
    return code, record


def revoke_operator(email: str, by: str, now: datetime, stores: Stores) -> int:
    """Revoke every token of `email` (their sessions end with it: each request checks); not one's own."""
    if email.lower() == by.lower():
        raise Refused("revoke_self")
    revoked = stores.access.revoke_operator(email.lower())
    stores.record(by, "operator_revoked", email.lower(), now)
    return revoked


def add_unit(unit: Unit, by: str, now: datetime, stores: Stores, *, zone: tzinfo) -> None:
    if stores.units.get_unit(unit.unit_id) is not None:
        raise Refused("unit_id_taken")
    unit = registered(unit, None, now.astimezone(zone).date())
    stores.units.put_units([unit])
    stores.record(by, "unit_added", unit.unit_id, now, after=unit.model_dump(mode="json"))


def change_unit(before: Unit, unit: Unit, by: str, now: datetime, stores: Stores) -> None:
    unit = registered(unit, before, None)
    stores.units.put_units([unit])
    before_json, after_json = before.model_dump(mode="json"), unit.model_dump(mode="json")
    stores.record(by, "unit_changed", unit.unit_id, now, before=before_json, after=after_json)


def import_units(
    units: list[Unit], source: str, by: str, now: datetime, stores: Stores, *, zone: tzinfo
) -> tuple[int, int]:
    """The units file, read whole (shared.files.units_file): new units added, known ones updated.
    Returns (added, updated)."""
    known = {unit.unit_id: unit for unit in stores.units.list_units()}
    today = now.astimezone(zone).date()
    units = [kept_state(registered(unit, known.get(unit.unit_id), today), known.get(unit.unit_id)) for unit in units]
    stores.units.put_units(units)
    added = sum(1 for unit in units if unit.unit_id not in known)
    stores.record(by, "units_imported", source, now, added=added, updated=len(units) - added)
    return added, len(units) - added


def registered(unit: Unit, before: Unit | None, today: date | None) -> Unit:
    """The registration date a unit keeps: the one given, else the stored one, else today (in
    the region's zone) for a new unit. It decides the periods the unit belongs to."""
    if unit.registered is not None:
        return unit
    day = before.registered if before is not None else today
    return unit.model_copy(update={"registered": day})


def kept_state(unit: Unit, before: Unit | None) -> Unit:
    """The units file has no state column: a unit the bureau closed stays closed."""
    return unit if before is None else unit.model_copy(update={"active": before.active})


def stores_of(services: Any) -> Stores:
    """The stores of a deployment's services (the browser's and the CLI's)."""
    return Stores(services.units, services.access, services.ops)
