"""The ops store (`SKM_OPS_DATABASE`): aggregation runs, plans, complaint follow-ups, service volumes,
report texts, publications and the audit trails of paper entries and of the bureau's changes."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from google.cloud import firestore
from google.cloud.firestore_v1.base_query import FieldFilter

from shared.adapters.firestore import (
    ADMIN_LOG,
    FOLLOWUPS,
    INGESTION,
    MAKLUMAT,
    NARRATIVES,
    PLANS,
    PUBLICATIONS,
    RUNS,
    SERVICE_VOLUMES,
    SKIPPED,
    STANDARDS,
    Collections,
)
from shared.reports.open_data import Publication
from shared.rules.standards import Maklumat, Standard
from shared.usecases.aggregation.ingestion import Cursor

TOKEN_HASH = re.compile(r"[0-9a-f]{64}")


class FirestoreOps:
    def __init__(self, collections: Collections):
        self._c = collections

    # The audit trail of the bureau's changes ----------------------------------------------
    def log_admin(self, record: dict[str, Any]) -> None:
        self._c.write(ADMIN_LOG).document().set(record)

    def admin_log(self, limit: int) -> list[dict[str, Any]]:
        query = self._c.read(ADMIN_LOG).order_by("at", direction=firestore.Query.DESCENDING).limit(limit)
        return [doc.to_dict() for doc in query.stream()]

    # The ingester's cursors ------------------------------------------------------------
    def ingestion_cursors(self) -> dict[str, Cursor]:
        """Each feed's last document brought into BigQuery (none yet: from the start)."""
        found = {}
        for snapshot in self._c.read(INGESTION).stream():
            data = snapshot.to_dict() or {}
            if data.get("doc_id"):
                found[snapshot.id] = Cursor(data["at"], data["doc_id"])
        return found

    def advance_cursor(self, feed: str, expected: Cursor | None, new: Cursor, skipped: list[dict[str, Any]]) -> bool:
        """Move a feed's cursor from `expected` to `new`, with the malformed documents the chunk
        skipped, in one transaction; False (nothing written) if another run moved it meanwhile."""
        ref = self._c.write(INGESTION).document(feed)

        @firestore.transactional
        def move(transaction: firestore.Transaction) -> bool:
            data = ref.get(transaction=transaction).to_dict() or {}
            current = Cursor(data["at"], data["doc_id"]) if data.get("doc_id") else None
            if current != expected:
                return False
            transaction.set(ref, {"at": new.at, "doc_id": new.doc_id, "moved_at": firestore.SERVER_TIMESTAMP})
            for record in skipped:
                key = f"{record['feed']}_{record['doc_id']}"
                transaction.set(self._c.write(SKIPPED).document(key), record | {"at": firestore.SERVER_TIMESTAMP})
            return True

        return move(self._c.client(INGESTION).transaction())

    def record_caught_up(self, at: datetime) -> None:
        """Every change made before `at` is in BigQuery: what reports call "data sampai"."""
        self._c.write(INGESTION).document("state").set({"caught_up_at": at})

    def caught_up_at(self) -> datetime | None:
        snapshot = self._c.read(INGESTION).document("state").get()
        return snapshot.get("caught_up_at") if snapshot.exists else None

    def skipped_documents(self) -> list[dict[str, Any]]:
        """The malformed documents the ingester could not bring in (the reconciliation counts them)."""
        return [doc.to_dict() or {} for doc in self._c.read(SKIPPED).stream()]

    # Aggregation runs ----------------------------------------------------------------
    def record_run(self, quarter: str, run_id: str, aggregated_at: datetime) -> None:
        """The quarter's current aggregation run: the report function names cached files by it
        and so answers a repeated request without asking BigQuery."""
        self._c.write(RUNS).document(quarter).set({"run_id": run_id, "aggregated_at": aggregated_at})

    def run(self, quarter: str) -> str | None:
        return self.runs([quarter])[quarter]

    def aggregated_at(self, periods: list[str]) -> dict[str, datetime | None]:
        """When each period's current run started (None: never aggregated), in one round trip."""
        return self._run_field(periods, "aggregated_at")

    def runs(self, periods: list[str]) -> dict[str, str | None]:
        """The current run of each period (None: never aggregated), in one round trip."""
        return self._run_field(periods, "run_id")

    def _run_field(self, periods: list[str], field: str) -> dict[str, Any]:
        found = {snapshot.id: snapshot.get(field) for snapshot in self._c.get_all(RUNS, periods) if snapshot.exists}
        return {period: found.get(period) for period in periods}

    # Follow-up plans -----------------------------------------------------------------
    def plan(self, unit_id: str, quarter: str) -> dict[str, Any] | None:
        snapshot = self._c.read(PLANS).document(f"{unit_id}_{quarter}").get()
        return snapshot.to_dict() if snapshot.exists else None

    def put_plan(self, unit_id: str, quarter: str, plan: dict[str, Any]) -> None:
        self._c.write(PLANS).document(f"{unit_id}_{quarter}").set(plan)

    # Publication ---------------------------------------------------------------------
    def publications(self) -> list[Publication]:
        return [
            Publication(doc.id, doc.get("published_by"), doc.get("published_at"))
            for doc in self._c.read(PUBLICATIONS).stream()
        ]

    def publish(self, publication: Publication) -> None:
        record = {"published_by": publication.published_by, "published_at": publication.published_at}
        self._c.write(PUBLICATIONS).document(publication.period).set(record)

    def plans_of(self, unit_ids: list[str], period: str) -> dict[str, list[dict[str, Any]]]:
        """Each unit's plan rows for the period, in one round trip."""
        found = self._c.get_all(PLANS, [f"{unit_id}_{period}" for unit_id in unit_ids])
        return {s.id.rsplit("_", 1)[0]: (s.to_dict() or {}).get("rows") or [] for s in found if s.exists}

    # Service standards and the maklumat ------------------------------------------------
    def standards(self, unit_id: str | None = None) -> list[Standard]:
        """Every stored version of a unit's standards (of every unit: None), oldest first."""
        query = self._c.read(STANDARDS)
        if unit_id is not None:
            query = query.where(filter=FieldFilter("unit_id", "==", unit_id))
        found = [Standard.model_validate(doc.to_dict()) for doc in query.stream()]
        return sorted(found, key=lambda s: (s.unit_id, s.service, s.effective_from))

    def add_standards(self, versions: list[Standard], record: dict[str, Any]) -> tuple[int, list[Standard]]:
        """Store new versions and the audit record in one transaction. A version already stored
        as it is counts as unchanged; one stored with other content is never rewritten: it is
        returned, and then nothing is written. (added, conflicting)."""
        client = self._c.client(STANDARDS)
        refs = [self._c.write(STANDARDS).document(standard_id(version)) for version in versions]

        @firestore.transactional
        def store(transaction: firestore.Transaction) -> tuple[int, list[Standard]]:
            stored = {snapshot.id: snapshot for snapshot in client.get_all(refs, transaction=transaction)}
            conflicts, new = [], []
            for ref, version in zip(refs, versions):
                snapshot = stored.get(ref.id)
                if snapshot is None or not snapshot.exists:
                    new.append((ref, version))
                elif Standard.model_validate(snapshot.to_dict()) != version:
                    conflicts.append(version)
            if conflicts or not new:
                return 0, conflicts
            for ref, version in new:
                transaction.create(ref, version.model_dump(mode="json"))
            transaction.create(self._c.write(ADMIN_LOG).document(), record)
            return len(new), []

        return store(client.transaction())

    def standard_dates(self, unit_id: str | None = None) -> dict[str, list[tuple[str, date]]]:
        """Unit -> (service, effective date) of every stored version: what a readiness check needs,
        read without the components' text."""
        query = self._c.read(STANDARDS).select(["unit_id", "service", "effective_from"])
        if unit_id is not None:
            query = query.where(filter=FieldFilter("unit_id", "==", unit_id))
        found: dict[str, list[tuple[str, date]]] = {}
        for doc in query.stream():
            found.setdefault(doc.get("unit_id"), []).append(
                (doc.get("service"), date.fromisoformat(doc.get("effective_from")))
            )
        return found

    def signed_maklumats(self) -> set[str]:
        """The units whose head has signed a maklumat."""
        return {doc.id for doc in self._c.read(MAKLUMAT).select(["signer_name"]).stream()}

    def maklumats(self) -> dict[str, Maklumat]:
        """Every unit's signed maklumat (the public site shows them all)."""
        return {doc.id: Maklumat.model_validate(doc.to_dict()) for doc in self._c.read(MAKLUMAT).stream()}

    def maklumat(self, unit_id: str) -> dict[str, Any] | None:
        snapshot = self._c.read(MAKLUMAT).document(unit_id).get()
        return snapshot.to_dict() if snapshot.exists else None

    def put_maklumat(self, unit_id: str, maklumat: dict[str, Any], record: dict[str, Any]) -> None:
        """The unit's maklumat and its audit record, in one commit."""
        batch = self._c.client(MAKLUMAT).batch()
        batch.set(self._c.write(MAKLUMAT).document(unit_id), maklumat)
        batch.set(self._c.write(ADMIN_LOG).document(), record)
        batch.commit()

    # The official report's narrative -------------------------------------------------
    def narrative(self, unit_id: str, period: str) -> dict[str, Any] | None:
        snapshot = self._c.read(NARRATIVES).document(f"{unit_id}_{period}").get()
        return snapshot.to_dict() if snapshot.exists else None

    def put_narrative(self, unit_id: str, period: str, narrative: dict[str, Any]) -> None:
        self._c.write(NARRATIVES).document(f"{unit_id}_{period}").set(narrative)

    # Service volumes -----------------------------------------------------------------
    def service_volumes(self, quarters: list[str]) -> dict[tuple[str, str], int]:
        """(unit, quarter) -> citizens served, as operators recorded them; one query per period."""
        query = self._c.read(SERVICE_VOLUMES).where(filter=FieldFilter("quarter", "in", quarters))
        return {(doc.get("unit_id"), doc.get("quarter")): doc.get("served") for doc in query.stream()}

    def unit_service_volumes(self, unit_id: str, quarters: list[str]) -> dict[str, int]:
        """quarter -> citizens served, for one unit: the operator area's form."""
        ids = [f"{unit_id}_{quarter}" for quarter in quarters]
        snapshots = self._c.get_all(SERVICE_VOLUMES, ids)
        return {snapshot.get("quarter"): snapshot.get("served") for snapshot in snapshots if snapshot.exists}

    def put_service_volume(self, unit_id: str, quarter: str, served: int, by: str, at: datetime) -> None:
        record = {"unit_id": unit_id, "quarter": quarter, "served": served, "recorded_by": by, "recorded_at": at}
        self._c.write(SERVICE_VOLUMES).document(f"{unit_id}_{quarter}").set(record)

    # Complaint follow-ups ------------------------------------------------------------
    def follow_up(self, response_id: str) -> dict[str, Any] | None:
        """A response's follow-up (reply, status, spam verdict, label correction); None before any."""
        snapshot = self._c.read(FOLLOWUPS).document(response_id).get()
        return snapshot.to_dict() if snapshot.exists else None

    def change_follow_up(
        self, response: dict[str, Any], changes_for: Callable[[dict[str, Any]], dict[str, Any]]
    ) -> dict[str, Any]:
        """Apply `changes_for(response with its follow-up)` to the response's follow-up, in a transaction.

        The transaction makes two operators answering the same complaint at once safe: the
        rules in `changes_for` always see the latest state. The response itself is never written.
        """
        ref = self._c.write(FOLLOWUPS).document(response["response_id"])

        @firestore.transactional
        def change(transaction: firestore.Transaction) -> dict[str, Any]:
            snapshot = ref.get(transaction=transaction)
            merged = {**response, **(snapshot.to_dict() or {})}
            changes = changes_for(merged)
            owner = {"unit_id": response["unit_id"], "quarter": response["quarter"]}
            transaction.set(ref, owner | changes | {"updated_at": firestore.SERVER_TIMESTAMP}, merge=True)
            return {**merged, **changes}

        return change(self._c.client(FOLLOWUPS).transaction())


def standard_id(version: Standard) -> str:
    """One document per unit, service and effective date: a service's name may hold any character."""
    service = hashlib.sha256(version.service.encode()).hexdigest()[:16]
    return f"{version.unit_id}_{service}_{version.effective_from.isoformat()}"
