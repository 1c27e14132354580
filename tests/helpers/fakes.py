"""In-memory fakes of the repositories, the warehouse and report storage.

They keep the adapters' contracts (create-if-absent, follow-ups merged on read, one MERGE per
quarter) so handlers and use cases run in-process in milliseconds, with no emulator. The
warehouse computes its facts with the pure-Python reference of the SQL (tests/reference.py).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date, datetime, timedelta, timezone
from typing import Any

from shared import bootstrap, config
from shared.reports.open_data import Publication
from shared.rules import devices
from shared.rules.abuse import Counter
from shared.rules.access import Operator
from shared.rules.devices import Device
from shared.rules.periods import Period
from shared.rules.records import Page, StoredResponse, Unit
from shared.rules.standards import Maklumat, Standard
from shared.rules.vocabulary import FLAG_OPERATOR_SPAM, STATUS_ORDER
from shared.usecases.aggregation.index_rows import PeriodFacts
from shared.usecases.aggregation.ingestion import Cursor
from tests.helpers.reference import facts_from_rows


def corrected_label(row: dict[str, Any], follow_up: dict[str, Any]) -> dict[str, Any]:
    """An operator's correction of a suggestion's label, as current_responses.sql applies it."""
    if not follow_up.get("label_kind"):
        return {"label_corrected": False}
    return {
        "suggestion_kind": follow_up["label_kind"],
        "suggestion_elements": follow_up.get("label_elements") or [],
        "label_corrected": True,
    }


class FakeUnits:
    def __init__(self, units: Iterable[Unit] = ()):
        self.units = {unit.unit_id: unit for unit in units}

    def get_unit(self, unit_id: str) -> Unit | None:
        return self.units.get(unit_id)

    def list_units(self) -> list[Unit]:
        return sorted(self.units.values(), key=lambda unit: (unit.type, unit.name))

    def put_units(self, units: Iterable[Unit]) -> int:
        added = list(units)
        self.units.update((unit.unit_id, unit) for unit in added)
        return len(added)


_WRITES = itertools.count(1)


def commit_time() -> datetime:
    """A server timestamp: strictly increasing, as Firestore's commit times order writes."""
    return datetime(2020, 1, 1, tzinfo=timezone.utc) + timedelta(microseconds=next(_WRITES))


def stored(response: StoredResponse, submitted_at: datetime | None) -> dict[str, Any]:
    """A response as Firestore hands it back: JSON values, but timestamps as datetimes."""
    times = {"submitted_at": submitted_at, "first_reply_at": response.first_reply_at, "updated_at": commit_time()}
    return {**response.model_dump(mode="json"), **times}


class FakeResponses:
    def __init__(self, follow_ups: dict[str, dict[str, Any]]):
        self.docs: dict[str, dict[str, Any]] = {}
        self.counters: dict[str, int] = {}
        self._follow_ups = follow_ups  # shared with FakeOperatorsData, as the two databases are joined on read
        self.changes: dict[str, datetime] = {}
        self.entries: list[dict[str, Any]] = []  # the audit trail of entries, kept with the responses
        self.imports: dict[str, dict[str, Any]] = {}
        self.deleted: dict[str, dict[str, Any]] = {}  # tombstones, by response id and quarter

    def changed_quarters(self) -> dict[str, datetime]:
        return dict(self.changes)

    def mark_changed(self, quarters: list[str]) -> None:
        self.changes.update((quarter, datetime.now(timezone.utc)) for quarter in quarters)

    def create_response(
        self, response: StoredResponse, counted: Sequence[tuple[Counter, int]] = ()
    ) -> tuple[StoredResponse, bool, dict[str, int]]:
        if response.response_id in self.docs:
            return StoredResponse.model_validate(self.docs[response.response_id]), False, {}
        self.docs[response.response_id] = stored(response, response.submitted_at or datetime.now(timezone.utc))
        for counter, increment in counted:
            self.counters[counter.key] = self.counters.get(counter.key, 0) + increment
        return response, True, {counter.key: self.counters[counter.key] for counter, _ in counted}

    def add_flags(self, response_id: str, flags: list[str]) -> None:
        stored = self.docs[response_id]
        stored["flags"] = [*stored["flags"], *(flag for flag in flags if flag not in stored["flags"])]
        stored["updated_at"] = commit_time()

    def get(self, response_id: str) -> dict[str, Any] | None:
        return self.docs.get(response_id)

    def merged(self, doc: dict[str, Any]) -> dict[str, Any]:
        return {**doc, **self._follow_ups.get(doc["response_id"], {})}

    def find_by_receipt(self, receipt: str) -> StoredResponse | None:
        found = next((doc for doc in self.docs.values() if doc["receipt"] == receipt), None)
        return StoredResponse.model_validate(self.merged(found)) if found else None

    def put_responses(self, responses: Iterable[StoredResponse]) -> int:
        count = 0
        for count, response in enumerate(responses, start=1):  # noqa: B007 (the count is what it returns)
            self.docs[response.response_id] = stored(response, response.submitted_at)
        return count

    def add_responses(self, responses: Iterable[StoredResponse]) -> set[str]:
        """Store those not stored yet; the ids of those that were (a save sent twice)."""
        found = list(responses)
        known = {response.response_id for response in found if response.response_id in self.docs}
        self.put_responses(response for response in found if response.response_id not in known)
        return known

    def add_entries(self, responses: Sequence[StoredResponse], audit_of: Callable[[StoredResponse], dict]) -> set[str]:
        known = self.add_responses(responses)
        self.entries += [audit_of(response) for response in responses if response.response_id not in known]
        return known

    def replace_entry(self, response: StoredResponse, quarter: str, record: dict[str, Any]) -> None:
        self.docs[response.response_id] = stored(response, response.submitted_at)
        self.entries.append(record)
        if quarter != response.quarter:
            self._bury(response.response_id, response.unit_id, quarter)

    def delete_entry(self, response_id: str, unit_id: str, quarter: str, record: dict[str, Any]) -> None:
        self.docs.pop(response_id, None)
        self.entries.append(record)
        self._bury(response_id, unit_id, quarter)

    def _bury(self, response_id: str, unit_id: str, quarter: str) -> None:
        tombstone = {"response_id": response_id, "unit_id": unit_id, "quarter": quarter, "updated_at": commit_time()}
        self.deleted[f"{response_id}_{quarter}"] = tombstone

    def unit_responses(self, unit_id: str, quarter: str) -> Iterator[dict[str, Any]]:
        docs = [doc for doc in self.docs.values() if doc["unit_id"] == unit_id and doc["quarter"] == quarter]
        for doc in sorted(docs, key=lambda d: d["submitted_at"], reverse=True):
            yield self.merged(doc)

    def complaints_page(
        self, unit_id: str, quarters: list[str], after: str | None, size: int, status: str | None = None
    ) -> Page:
        docs = [d for q in quarters for d in self.unit_responses(unit_id, q) if d.get("suggestion")]
        docs = [d for d in docs if not status or (d.get("complaint_status") or "baru") == status]
        return _page(docs, after, size)

    def inbox_page(
        self, units: list[str] | None, quarters: list[str] | None, status: str | None, after: str | None, size: int
    ) -> Page:
        return _page(self._inbox(units, quarters, status), after, size)

    def inbox_counts(self, units: list[str] | None, quarters: list[str] | None) -> dict[str, int]:
        return {status: len(self._inbox(units, quarters, status)) for status in STATUS_ORDER}

    def _inbox(self, units: list[str] | None, quarters: list[str] | None, status: str | None) -> list[dict[str, Any]]:
        docs = [
            self.merged(d)
            for d in self.docs.values()
            if d.get("complaint_status")
            and (units is None or d["unit_id"] in units)
            and (quarters is None or d["quarter"] in quarters)
            and (not status or d["complaint_status"] == status)
        ]
        return sorted(docs, key=lambda d: (d["submitted_at"], d["response_id"]), reverse=True)

    def entries_page(self, unit_id: str, quarters: list[str], entered_by: str, after: str | None, size: int) -> Page:
        docs = [d for q in quarters for d in self.unit_responses(unit_id, q) if d.get("entered_by") == entered_by]
        return _page(docs, after, size)

    def mirror_status(self, response_id: str, status: str) -> None:
        self.docs[response_id]["complaint_status"] = status
        self.docs[response_id]["updated_at"] = commit_time()

    def flagged_page(self, unit_id: str, quarters: list[str], after: str | None, size: int) -> Page:
        auto = lambda d: set(d.get("flags") or []) - {FLAG_OPERATOR_SPAM}  # noqa: E731
        docs = [d for q in quarters for d in self.unit_responses(unit_id, q) if auto(d)]
        return _page(docs, after, size)

    def begin_import(self, import_id: str, record: dict[str, Any]) -> bool:
        if self.imports.get(import_id, {}).get("status") == "complete":
            return False
        writing = {"status": "writing", "updated_at": commit_time()}
        self.imports[import_id] = self.imports.get(import_id, {}) | record | writing
        return True

    def write_import_rows(self, import_id: str, responses: Sequence[StoredResponse]) -> tuple[int, int]:
        added = 0
        for response in responses:
            owner = self.docs.get(response.response_id, {}).get("import_id", "absent")
            if owner == "absent" or owner == import_id or self.imports.get(owner, {}).get("status") == "writing":
                added += 1
                self.docs[response.response_id] = stored(response, response.submitted_at) | {"import_id": import_id}
        return added, len(responses) - added

    def finish_import(self, import_id: str, record: dict[str, Any]) -> None:
        self.imports[import_id] |= {"status": "complete", "updated_at": commit_time()}
        self.entries.append(record)


class FakeFeed:
    """The ingester's reader over the fakes' documents, in (updated_at, id) order after a cursor."""

    def __init__(self, responses: FakeResponses, follow_ups: dict[str, dict[str, Any]]):
        self._responses, self._follow_ups = responses, follow_ups

    def _collection(self, feed: str) -> dict[str, dict[str, Any]]:
        r = self._responses
        return {
            "responses": r.docs,
            "deleted_responses": r.deleted,
            "followups": self._follow_ups,
            "imports": r.imports,
        }[feed]

    def changes(self, feed: str, after: Cursor | None, limit: int) -> list[tuple[Cursor, dict[str, Any]]]:
        found = sorted((Cursor(doc["updated_at"], key), doc) for key, doc in self._collection(feed).items())
        return [(cursor, dict(doc)) for cursor, doc in found if after is None or cursor > after][:limit]

    def count(self, feed: str, **equal: str) -> int:
        docs = self._collection(feed).values()
        return sum(all(doc.get(name) == value for name, value in equal.items()) for doc in docs)

    def unit_quarter(self, unit_id: str, quarter: str) -> list[dict[str, Any]]:
        docs = self._responses.docs.values()
        return [dict(doc) for doc in docs if doc["unit_id"] == unit_id and doc["quarter"] == quarter]


def _page(docs: list[dict[str, Any]], after: str | None, size: int) -> Page:
    ids = [d["response_id"] for d in docs]
    start = ids.index(after) + 1 if after in ids else 0
    shown = docs[start : start + size]
    return Page(shown, shown[-1]["response_id"] if start + size < len(docs) else None)


class FakeAccess:
    def __init__(self) -> None:
        self.operators: dict[str, Operator] = {}
        self.sessions: dict[str, tuple[str, datetime]] = {}
        self.session_details: dict[str, dict[str, Any]] = {}
        self.links: dict[str, dict[str, Any]] = {}

    def put_operator(self, operator: Operator) -> None:
        if operator.token_hash in self.operators:
            raise ValueError("exists")
        self.operators[operator.token_hash] = operator

    def operator(self, token_hash: str) -> Operator | None:
        return self.operators.get(token_hash)

    def revoke_operator(self, email: str) -> int:
        revoked = [op for op in self.operators.values() if op.email == email and op.revoked_at is None]
        for op in revoked:
            self.operators[op.token_hash] = op.model_copy(update={"revoked_at": datetime.now(timezone.utc)})
        return len(revoked)

    def list_operators(self) -> list[Operator]:
        return list(self.operators.values())

    def open_session(
        self, key: str, token_hash: str, expires_at: datetime, device: str = "", via: str = "token"
    ) -> None:
        self.sessions[key] = (token_hash, expires_at)
        self.session_details[key] = {"device": device, "via": via, "opened_at": datetime.now(timezone.utc)}

    def sessions_of(self, token_hash: str, now: datetime) -> list[dict[str, Any]]:
        return [
            {"key": key, "token_hash": owner, "expires_at": until, **self.session_details.get(key, {})}
            for key, (owner, until) in self.sessions.items()
            if owner == token_hash and until > now
        ]

    def put_sign_in_link(self, key: str, record: dict[str, Any]) -> None:
        self.links[key] = record | {"used_at": None}

    def sign_in_link(self, key: str) -> dict[str, Any] | None:
        return self.links.get(key)

    def sign_in_with_link(
        self, key: str, now: datetime, session_key: str, expires_at: datetime, device: str
    ) -> Operator | None:
        record = self.links.get(key)
        if record is None or record["used_at"] or record["expires_at"] <= now:
            return None
        record["used_at"] = now
        person = self.operators.get(record["token_hash"])
        if person is None or not person.active:
            return None
        self.open_session(session_key, person.token_hash, expires_at, device, "link")
        return person

    def session_operator(self, key: str, now: datetime) -> str | None:
        token_hash, expires_at = self.sessions.get(key, (None, now))
        return token_hash if expires_at > now else None

    def end_session(self, key: str) -> None:
        self.sessions.pop(key, None)


class FakeOps:
    def __init__(self, follow_ups: dict[str, dict[str, Any]]):
        self.run_ids: dict[str, str] = {}
        self.volumes: dict[tuple[str, str], int] = {}
        self.narratives: dict[str, dict[str, Any]] = {}
        self.run_times: dict[str, datetime] = {}
        self.admin: list[dict[str, Any]] = []
        self.plans: dict[str, dict[str, Any]] = {}
        self.published: dict[str, Publication] = {}
        self.follow_ups = follow_ups
        self.cursors: dict[str, Cursor] = {}
        self.skipped: list[dict[str, Any]] = []
        self.caught_up: datetime | None = None
        self.standard_versions: dict[tuple[str, str, date], Standard] = {}
        self.maklumat_docs: dict[str, dict[str, Any]] = {}

    def standards(self, unit_id: str | None = None) -> list[Standard]:
        found = [v for v in self.standard_versions.values() if unit_id in (None, v.unit_id)]
        return sorted(found, key=lambda s: (s.unit_id, s.service, s.effective_from))

    def add_standards(self, versions: list[Standard], record: dict[str, Any]) -> tuple[int, list[Standard]]:
        keys = [(v.unit_id, v.service, v.effective_from) for v in versions]
        conflicts = [
            v for k, v in zip(keys, versions) if k in self.standard_versions and self.standard_versions[k] != v
        ]
        new = {k: v for k, v in zip(keys, versions) if k not in self.standard_versions}
        if conflicts or not new:
            return 0, conflicts
        self.standard_versions |= new
        self.admin.append(record)
        return len(new), []

    def standard_dates(self, unit_id: str | None = None) -> dict[str, list[tuple[str, date]]]:
        found: dict[str, list[tuple[str, date]]] = {}
        for version in self.standards(unit_id):
            found.setdefault(version.unit_id, []).append((version.service, version.effective_from))
        return found

    def signed_maklumats(self) -> set[str]:
        return set(self.maklumat_docs)

    def maklumats(self) -> dict[str, Maklumat]:
        return {unit: Maklumat.model_validate(m) for unit, m in self.maklumat_docs.items()}

    def maklumat(self, unit_id: str) -> dict[str, Any] | None:
        return self.maklumat_docs.get(unit_id)

    def put_maklumat(self, unit_id: str, maklumat: dict[str, Any], record: dict[str, Any]) -> None:
        self.maklumat_docs[unit_id] = maklumat
        self.admin.append(record)

    def publications(self) -> list[Publication]:
        return list(self.published.values())

    def publish(self, publication: Publication) -> None:
        self.published[publication.period] = publication

    def narrative(self, unit_id: str, period: str) -> dict[str, Any] | None:
        return self.narratives.get(f"{unit_id}_{period}")

    def put_narrative(self, unit_id: str, period: str, narrative: dict[str, Any]) -> None:
        self.narratives[f"{unit_id}_{period}"] = narrative

    def service_volumes(self, quarters: list[str]) -> dict[tuple[str, str], int]:
        return {key: served for key, served in self.volumes.items() if key[1] in quarters}

    def unit_service_volumes(self, unit_id: str, quarters: list[str]) -> dict[str, int]:
        return {quarter: served for (unit, quarter), served in self.volumes.items() if unit == unit_id}

    def put_service_volume(self, unit_id: str, quarter: str, served: int, by: str, at: datetime) -> None:
        self.volumes[(unit_id, quarter)] = served

    def record_run(self, quarter: str, run_id: str, aggregated_at: datetime) -> None:
        self.run_ids[quarter] = run_id
        self.run_times[quarter] = aggregated_at

    def log_admin(self, record: dict[str, Any]) -> None:
        self.admin.append(record)

    def admin_log(self, limit: int) -> list[dict[str, Any]]:
        return sorted(self.admin, key=lambda r: r["at"], reverse=True)[:limit]

    def aggregated_at(self, periods: list[str]) -> dict[str, datetime | None]:
        return {period: self.run_times.get(period) for period in periods}

    def runs(self, quarters: list[str]) -> dict[str, str | None]:
        return {quarter: self.run(quarter) for quarter in quarters}

    def run(self, quarter: str) -> str | None:
        return self.run_ids.get(quarter)

    def plan(self, unit_id: str, quarter: str) -> dict[str, Any] | None:
        return self.plans.get(f"{unit_id}_{quarter}")

    def put_plan(self, unit_id: str, quarter: str, plan: dict[str, Any]) -> None:
        self.plans[f"{unit_id}_{quarter}"] = plan

    def plans_of(self, unit_ids: list[str], period: str) -> dict[str, list[dict[str, Any]]]:
        found = {unit_id: self.plans.get(f"{unit_id}_{period}") for unit_id in unit_ids}
        return {unit_id: plan.get("rows") or [] for unit_id, plan in found.items() if plan}

    def follow_up(self, response_id: str) -> dict[str, Any] | None:
        return self.follow_ups.get(response_id)

    def change_follow_up(
        self, response: dict[str, Any], changes_for: Callable[[dict[str, Any]], dict[str, Any]]
    ) -> dict[str, Any]:
        current = self.follow_ups.get(response["response_id"], {})
        changes = changes_for({**response, **current})
        self.follow_ups[response["response_id"]] = {
            **current,
            "unit_id": response["unit_id"],
            "quarter": response["quarter"],
            **changes,
            "updated_at": commit_time(),
        }
        return {**response, **current, **changes}

    def ingestion_cursors(self) -> dict[str, Cursor]:
        return dict(self.cursors)

    def advance_cursor(self, feed: str, expected: Cursor | None, new: Cursor, skipped: list[dict[str, Any]]) -> bool:
        if self.cursors.get(feed) != expected:
            return False
        self.cursors[feed] = new
        self.skipped += skipped
        return True

    def record_caught_up(self, at: datetime) -> None:
        self.caught_up = at

    def caught_up_at(self) -> datetime | None:
        return self.caught_up

    def skipped_documents(self) -> list[dict[str, Any]]:
        return list(self.skipped)


class FakeWarehouse:
    """The raw tables (each key's newest version, as the SQL reads them) and the index rows, with the
    reference of the SQL for the facts."""

    KEYS = {"responses": ("response_id", "quarter_start"), "followups": ("response_id",), "imports": ("import_id",)}

    def __init__(self) -> None:
        self.tables: dict[str, dict[tuple, dict[str, Any]]] = {name: {} for name in self.KEYS}
        self.index: list[dict[str, Any]] = []
        self.facts_at: dict[date, datetime] = {}  # quarters whose facts a run computed

    def ensure_tables(self) -> None:
        pass

    def add_versions(self, table: str, rows: list[dict[str, Any]]) -> int:
        kept = self.tables[table]
        for row in rows:
            key = tuple(row[name] for name in self.KEYS[table])
            old = kept.get(key)
            if old is None or old.get("updated_at") is None or (row.get("updated_at") or "") > old["updated_at"]:
                kept[key] = row
        return len(rows)

    def counts(self, quarter: Period) -> dict[str, int]:
        found: dict[str, int] = {}
        for row in self._live(quarter):
            found[row["unit_id"]] = found.get(row["unit_id"], 0) + 1
        return found

    def stored_ids(self, unit_id: str, quarter: Period) -> set[str]:
        return {row["response_id"] for row in self._live(quarter) if row["unit_id"] == unit_id}

    def _live(self, quarter: Period) -> list[dict[str, Any]]:
        start = quarter.start.isoformat()
        return [r for r in self.tables["responses"].values() if r["quarter_start"] == start and not r.get("deleted")]

    def current_rows(self, period: Period) -> list[dict[str, Any]]:
        """What current_responses.sql selects: live rows of complete imports, with their follow-ups."""
        follow_ups = {key[0]: row for key, row in self.tables["followups"].items()}
        complete = {key[0] for key, row in self.tables["imports"].items() if row.get("complete")}
        found = []
        for quarter in period.quarters:
            for row in self._live(quarter):
                if row.get("import_id") and row["import_id"] not in complete:
                    continue
                follow_up = follow_ups.get(row["response_id"], {})
                spam = follow_up.get("spam")
                counted = not row["flags"] if spam is None else not spam
                found.append(
                    row
                    | {
                        "complaint_status": follow_up.get("complaint_status") or row["complaint_status"],
                        "first_reply_at": follow_up.get("first_reply_at") or row["first_reply_at"],
                        "flags": [] if counted else row["flags"] or ["operator_spam"],
                        **corrected_label(row, follow_up),
                    }
                )
        return found

    def store_facts(self, quarter: Period, computed_at: datetime) -> None:
        self.facts_at[quarter.start] = computed_at

    def period_facts(self, period: Period) -> PeriodFacts:
        return facts_from_rows(self.current_rows(period))

    def facts_computed(self, period: Period) -> dict[date, datetime]:
        return {start: at for start, at in self.facts_at.items() if period.start <= start < period.end}

    def merge_index(self, period: Period, rows: list[dict[str, Any]], run_id: str) -> int:
        self.index = [row for row in self.index if row["period"] != period.key] + rows
        return len(rows)

    def index_rows(self, period: Period, unit_id: str | None = None) -> list[dict[str, Any]]:
        return [row for row in self.index if row["period"] == period.key and unit_id in (None, row["unit_id"])]

    def unit_history(self, unit_id: str, periods: list[Period]) -> list[dict[str, Any]]:
        keys = [period.key for period in periods]
        found = [row for row in self.index if row["unit_id"] == unit_id and row["period"] in keys]
        return sorted(found, key=lambda row: (row["period_start"], row["survey"]))


class FakeDevices:
    """The kiosk devices, kept as the Firestore adapter keeps them (digests only)."""

    def __init__(self) -> None:
        self.kept: dict[str, Device] = {}

    def add(self, device: Device) -> None:
        self.kept[device.device_id] = device

    def get(self, device_id: str) -> Device | None:
        return self.kept.get(device_id)

    def of_unit(self, unit_id: str) -> list[Device]:
        return [device for device in self.kept.values() if device.unit_id == unit_id]

    def device_for_key(self, key: str | None) -> Device | None:
        return devices.device_for_key(key, self.get)

    def enrol(self, token: str, now: datetime) -> tuple[Device, str] | None:
        parts = devices.split(token)
        device = self.kept.get(parts[0]) if parts else None
        if device is None or parts is None or not devices.may_enrol(device, parts[1], now):
            return None
        secret = "k" * 43
        self.kept[device.device_id] = device.model_copy(
            update={"key_hash": devices.digest(secret), "enrolled_at": now, "enrol_hash": None}
        )
        return self.kept[device.device_id], f"{device.device_id}.{secret}"

    def revoke(self, device_id: str, now: datetime) -> None:
        self.kept[device_id] = self.kept[device_id].model_copy(update={"revoked_at": now, "enrol_hash": None})


class FakeStorage:
    def __init__(self) -> None:
        self.files: dict[str, bytes] = {}

    def exists(self, name: str) -> bool:
        return name in self.files

    def get(self, name: str) -> bytes | None:
        return self.files.get(name)

    def put(self, name: str, data: bytes) -> None:
        self.files[name] = data


def fake_services(units: Iterable[Unit] = (), **settings: str) -> bootstrap.Services:
    """Services on the local defaults (plus `settings`, by variable name) with every adapter faked."""
    follow_ups: dict[str, dict[str, Any]] = {}
    responses = FakeResponses(follow_ups)
    return bootstrap.Services(
        config.load(settings),
        units=FakeUnits(units),
        responses=responses,
        access=FakeAccess(),
        ops=FakeOps(follow_ups),
        feed=FakeFeed(responses, follow_ups),
        warehouse=FakeWarehouse(),
        storage=FakeStorage(),
        devices=FakeDevices(),
    )
