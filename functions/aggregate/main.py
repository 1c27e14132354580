"""Aggregate function: a Pub/Sub CloudEvent rolls a period (or the periods a quarter closes, or the
daily run's) up into BigQuery, then rewrites a published period's public pages."""

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
    services = bootstrap.services()
    try:
        periods = runs.wanted(message_data(event), services, datetime.now(timezone.utc))
    except MALFORMED as error:  # it would fail alike on every redelivery: log it and drop it
        LOG.error("aggregate: bad message", extra=fields(event_id=event["id"], error=str(error)))
        return
    if services.settings.local:
        services.warehouse.ensure_tables()  # Terraform owns the tables in production
    for period in periods:  # a quarter before the semester and year that pool it
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
