"""Units repository: `units/{unit_id}` in the (default) database."""

from __future__ import annotations

import re
import time
from collections.abc import Iterable

from shared.adapters.firestore import BATCH_SIZE, UNITS, Collections
from shared.outage import is_outage
from shared.rules.records import UNIT_ID_PATTERN, Unit

UNIT_CACHE_SECONDS = 60.0
UNIT_ID = re.compile(UNIT_ID_PATTERN)


class FirestoreUnits:
    def __init__(self, collections: Collections):
        self._c = collections
        self._cache: dict[str, tuple[float, Unit | None]] = {}

    def get_unit(self, unit_id: str) -> Unit | None:
        """A unit, cached briefly per instance: the form and submit read it on every request."""
        if not UNIT_ID.match(unit_id):  # also keeps reserved ids like __x__ away from Firestore
            return None
        cached = self._cache.get(unit_id)
        if cached and time.monotonic() - cached[0] < UNIT_CACHE_SECONDS:
            return cached[1]
        try:
            snapshot = self._c.read(UNITS).document(unit_id).get()
        except Exception as error:
            if cached and is_outage(error):  # a stale copy still serves the form during an outage
                return cached[1]
            raise
        unit = Unit.model_validate(snapshot.to_dict()) if snapshot.exists else None
        self._cache[unit_id] = (time.monotonic(), unit)
        return unit

    def list_units(self) -> list[Unit]:
        return sorted(
            (Unit.model_validate(doc.to_dict()) for doc in self._c.read(UNITS).stream()),
            key=lambda unit: (unit.type, unit.name),
        )

    def put_units(self, units: Iterable[Unit]) -> int:
        count, db, collection = 0, self._c.client(UNITS), self._c.write(UNITS)
        batch = db.batch()
        for count, unit in enumerate(units, start=1):
            batch.set(collection.document(unit.unit_id), unit.model_dump(mode="json"))
            if count % BATCH_SIZE == 0:
                batch.commit()
                batch = db.batch()
        batch.commit()
        self._cache.clear()
        return count
