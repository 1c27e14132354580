"""Aggregate function: a Pub/Sub CloudEvent brings what changed in Firestore into BigQuery, then
rolls a period (or the periods a quarter closes, or the daily run's) up into indices there and
rewrites a published period's public pages. Messages:

- `{"ingest": true}` (every few minutes): bring changes in, nothing else;
- `{"daily": true}`, `{"period": "2026-Q3"}`, `{}` (a quarter just ended): bring changes in, then compute;
- `{"reconcile": true}` (nightly) or `{"reconcile": "2026-Q1"}`: compare counts and heal gaps.

A run that has more to bring in than its time allows publishes its own message again and stops;
the next invocation goes on from the cursors, and computes once nothing is left waiting.
"""

import base64
import binascii
import json
import time
from dataclasses import asdict
from datetime import datetime, timezone

import functions_framework
from cloudevents.http import CloudEvent

from shared import bootstrap
from shared.log import fields, logger
from shared.usecases import publishing
from shared.usecases.aggregation import runs

LOG = logger("aggregate")
MALFORMED = (ValueError, binascii.Error, AttributeError, TypeError)

bootstrap.start("aggregate")  # bad settings: the function does not start


def message_data(event: CloudEvent) -> dict | None:
    """The JSON payload of a Pub/Sub message, or None when there is none."""
    encoded = ((event.data or {}).get("message") or {}).get("data")
    return json.loads(base64.b64decode(encoded)) if encoded else None


@functions_framework.cloud_event
def aggregate(event: CloudEvent) -> None:
    services, now = bootstrap.services(), datetime.now(timezone.utc)
    try:
        data = runs.checked_message(message_data(event))
    except MALFORMED as error:  # it would fail alike on every redelivery: log it and drop it
        LOG.error("aggregate: bad message", extra=fields(event_id=event["id"], error=str(error)))
        return
    if services.settings.local:
        services.warehouse.ensure_tables()  # Terraform owns the tables in production
    if data.get("reconcile"):
        gaps = runs.reconcile(data, services, now)
        LOG.info("aggregate: reconciled", extra=fields(event_id=event["id"], gaps=len(gaps)))
        return
    if not ingest(event, data, services, now):
        return
    for period in runs.wanted(data, services, now):  # a quarter before the semester and year that pool it
        compute(event, period, services)


def ingest(event: CloudEvent, data: dict, services: bootstrap.Services, now: datetime) -> bool:
    """Bring changes in; False when time ran out and a continuation carries the message on."""
    started = time.monotonic()
    done = runs.catch_up(services, now)
    LOG.info(
        "aggregate: ingested",
        extra=fields(
            event_id=event["id"],
            seconds=round(time.monotonic() - started, 1),
            **asdict(done) | {"quarters": sorted(done.quarters)},
        ),
    )
    if not done.caught_up:
        services.continuation.publish(data)
        LOG.info("aggregate: continued", extra=fields(event_id=event["id"], payload=data))
    return done.caught_up


def compute(event: CloudEvent, period, services: bootstrap.Services) -> None:
    started = time.monotonic()
    LOG.info("aggregate: start", extra=fields(period=period.key, event_id=event["id"]))
    try:
        summary = runs.run(period, services)
    except Exception as error:  # logged, then raised so Pub/Sub redelivers; a re-run replaces what this left
        failed = fields(period=period.key, event_id=event["id"], error=f"{type(error).__name__}: {error}")
        LOG.exception("aggregate: failed", extra=failed)
        raise
    LOG.info("aggregate: done", extra=fields(seconds=round(time.monotonic() - started, 1), **asdict(summary)))
    if not summary.provisional and (files := publishing.rewrite(period, publishing.deployed(services))):
        LOG.info("aggregate: public site written", extra=fields(period=period.key, files=files))
