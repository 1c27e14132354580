"""Firestore clients, the collections each repository keeps its records in, and who may touch them.

Three databases, because Firestore's IAM stops at the database:
- `(default)` holds what citizens send (units, responses, rate-limit counters, receipts) and the
  audit trail of entries typed or imported, so an entry and its audit record are one commit;
- the operators' database (`SKM_OPS_DATABASE`) holds follow-ups, plans and run markers;
- the access database (`SKM_ACCESS_DATABASE`) holds operators and their sessions, which the
  citizen-facing submit function must not read.

`ACCESS` declares what each function's code reads and writes. `Collections` hands a
repository a collection only if its function declares that use, so an undeclared use fails
in every test that runs the function; `tests/infra` checks that `infra/iam.tf` grants exactly
what `ACCESS` implies, database by database.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from google.cloud import firestore

from shared.config import Settings

UNITS = "units"
RESPONSES = "responses"
RATE_LIMITS = "rate_limits"  # counters per hashed client, unit and window; deleted by a TTL policy
RECEIPTS = "receipts"  # receipts/{code} -> response id: makes a receipt unique at write time
CHANGES = "quarter_changes"  # quarter_changes/{quarter}: when a quarter's data last changed in BigQuery
DELETED = "deleted_responses"  # deleted_responses/{response_id}_{quarter}: tombstones the ingester brings in
INGESTION = "ingestion"  # ingestion/{feed}: the ingester's cursor; ingestion/state: when it last caught up
SKIPPED = "ingestion_skipped"  # ingestion_skipped/{feed}_{doc_id}: malformed documents, for the reconciliation
FOLLOWUPS = "followups"  # followups/{response_id}: reply, status, verdict
PLANS = "plans"  # plans/{unit_id}_{quarter}: a unit's follow-up plan
RUNS = "runs"  # runs/{quarter}: the quarter's latest aggregation run
OPERATORS = "operators"  # operators/{sha256 of the token}
SESSIONS = "sessions"  # sessions/{sha256 of the session id}: the operator area's sessions
DEVICES = "devices"  # devices/{device_id}: a unit's kiosk tablets (digests of their keys)
SERVICE_VOLUMES = "service_volumes"  # service_volumes/{unit_id}_{quarter}: citizens served, from the register
PUBLICATIONS = "publications"  # publications/{period}: the bureau published its final figures (who, when)
NARRATIVES = "narratives"  # narratives/{unit_id}_{period}: what the operator wrote into the official report
STANDARDS = "standards"  # standards/{unit_id}_{service digest}_{effective date}: one version of a service's standard
MAKLUMAT = "maklumat"  # maklumat/{unit_id}: the head's pledge, as the unit publishes it now
IMPORTS = "imports"  # imports/{id}: a file's import; its rows count once it is "complete"
ENTRY_LOG = "entry_log"  # one document per paper entry created, corrected or deleted: the audit trail
ADMIN_LOG = "admin_log"  # one document per change to units, operators and their sign-ins: who, when, what
SIGN_IN_LINKS = "sign_in_links"  # sign_in_links/{sha256 of the code}: one-time links that open a device session
BATCH_SIZE = 400  # below Firestore's 500 writes per batch

MAIN, OPS, ACCESS_DB = "main", "ops", "access"
DATABASE_OF = {
    UNITS: MAIN,
    RESPONSES: MAIN,
    RATE_LIMITS: MAIN,
    RECEIPTS: MAIN,
    CHANGES: MAIN,
    DELETED: MAIN,
    INGESTION: OPS,
    SKIPPED: OPS,
    DEVICES: MAIN,
    FOLLOWUPS: OPS,
    PLANS: OPS,
    RUNS: OPS,
    ENTRY_LOG: MAIN,
    IMPORTS: MAIN,
    ADMIN_LOG: OPS,
    NARRATIVES: OPS,
    STANDARDS: OPS,
    MAKLUMAT: OPS,
    PUBLICATIONS: OPS,
    SERVICE_VOLUMES: OPS,
    OPERATORS: ACCESS_DB,
    SESSIONS: ACCESS_DB,
    SIGN_IN_LINKS: ACCESS_DB,
}


@dataclass(frozen=True)
class Access:
    reads: frozenset[str]
    writes: frozenset[str]


def _access(reads: set[str], writes: set[str]) -> Access:
    return Access(frozenset(reads | writes), frozenset(writes))  # a write path reads what it writes


ACCESS = {
    # the form and receipts; a complaint's reply on the receipt page
    "submit": _access({UNITS, FOLLOWUPS}, {RESPONSES, RATE_LIMITS, RECEIPTS, DEVICES}),
    # what changed since the ingester's cursors, into BigQuery (marking the quarters it touched);
    # counts per unit and quarter for the reconciliation; the run markers
    # ... and, for a published period, its public site (its plans, the publications, the units'
    # standards and maklumat)
    "aggregate": _access(
        {UNITS, RESPONSES, DELETED, IMPORTS, FOLLOWUPS, SERVICE_VOLUMES, PLANS, PUBLICATIONS, STANDARDS, MAKLUMAT},
        {RUNS, CHANGES, INGESTION, SKIPPED},
    ),
    # reports, the operator area, sign-in; paper forms typed in and files imported there; the
    # bureau's units, operators and their sign-in links
    "report": _access(
        {RUNS, INGESTION},
        {
            RESPONSES,
            DELETED,
            IMPORTS,
            CHANGES,
            DEVICES,
            FOLLOWUPS,
            PLANS,
            NARRATIVES,
            STANDARDS,
            MAKLUMAT,
            SESSIONS,
            ENTRY_LOG,
            SERVICE_VOLUMES,
        }
        | {PUBLICATIONS}
        | {UNITS, OPERATORS, SIGN_IN_LINKS, ADMIN_LOG},
    ),
}


def valid_id(value: str) -> bool:
    """Whether Firestore takes `value` as a document id; it answers the others with an error."""
    reserved = value in (".", "..") or (value.startswith("__") and value.endswith("__"))
    return 0 < len(value.encode("utf-8", "replace")) <= 1500 and "/" not in value and not reserved


class Undeclared(PermissionError):
    """A function used a collection its entry in `ACCESS` does not declare."""


class Collections:
    """The collections of every database, as one function may use them (`function=None`: the CLI)."""

    def __init__(self, client_of: Callable[[str], firestore.Client], function: str | None = None):
        self._client_of = client_of  # database key -> client
        self._access = ACCESS[function] if function else None
        self._function = function

    def read(self, name: str) -> Any:
        self._check(name, write=False)
        return self._client_of(DATABASE_OF[name]).collection(name)

    def write(self, name: str) -> Any:
        self._check(name, write=True)
        return self._client_of(DATABASE_OF[name]).collection(name)

    def get_all(self, name: str, ids: list[str]) -> Any:
        """Snapshots of several documents of one collection, in one round trip."""
        collection = self.read(name)
        return self._client_of(DATABASE_OF[name]).get_all([collection.document(i) for i in ids])

    def client(self, name: str) -> firestore.Client:
        """The database client of a collection this function writes (batches, transactions)."""
        self._check(name, write=True)
        return self._client_of(DATABASE_OF[name])

    def _check(self, name: str, write: bool) -> None:
        if self._access is None:
            return
        allowed = self._access.writes if write else self._access.reads
        if name not in allowed:
            raise Undeclared(f"{self._function} {'writes' if write else 'reads'} {name}: not declared in ACCESS")


def database_name(settings: Settings, key: str) -> str:
    return {MAIN: "(default)", OPS: settings.ops_database, ACCESS_DB: settings.access_database}[key]


def client_for(settings: Settings, database: str = "(default)", call_seconds: float | None = None) -> firestore.Client:
    """A client; with `call_seconds`, each of its calls gives up after that long, retries included."""
    if settings.local and settings.firestore_emulator_host:
        os.environ.setdefault("FIRESTORE_EMULATOR_HOST", settings.firestore_emulator_host)
    client = firestore.Client(project=settings.project, database=database)
    if call_seconds:
        bound_calls(client, call_seconds)
    return client


def bound_calls(client: firestore.Client, seconds: float) -> None:
    """Cap the deadline of every RPC the client makes, transactions and streams included.

    The library's defaults retry for 60 s (300 s for queries), so in an outage a request
    would hold its instance's slot for a minute or more; a request-serving function rather
    answers 503 after a few seconds. Each method keeps its own retry predicate; only the
    deadlines change. The library offers no public setting for this, so the wrapped methods
    of its transport are adjusted; `tests/unit` checks that they still exist.
    """
    wrapped = client._firestore_api._transport._wrapped_methods
    for method in wrapped.values():
        if method._retry is not None:
            method._retry = method._retry.with_timeout(seconds)
        method._timeout = seconds
