"""Firestore clients, and the collections each repository keeps its records in.

Two databases: `(default)` holds what citizens send (units, responses, rate-limit counters);
the operators' database (`SKM_OPS_DATABASE`) holds what operators and the aggregation write,
so IAM can let the report function write there and only read responses.
"""

from __future__ import annotations

import os

from google.cloud import firestore

from shared.config import Settings

UNITS = "units"
RESPONSES = "responses"
RATE_LIMITS = "rate_limits"  # counters per hashed client, unit and window; deleted by a TTL policy
OPERATORS = "operators"  # operators/{sha256 of the token}                      (ops database)
PLANS = "plans"  # plans/{unit_id}_{quarter}: a unit's follow-up plan         (ops database)
FOLLOWUPS = "followups"  # followups/{response_id}: reply, status, verdict     (ops database)
RUNS = "runs"  # runs/{quarter}: the quarter's latest aggregation run          (ops database)
BATCH_SIZE = 400  # below Firestore's 500 writes per batch


def client_for(settings: Settings, database: str = "(default)") -> firestore.Client:
    if settings.local and settings.firestore_emulator_host:
        os.environ.setdefault("FIRESTORE_EMULATOR_HOST", settings.firestore_emulator_host)
    return firestore.Client(project=settings.project, database=database)
