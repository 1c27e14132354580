"""Aggregate function: a Pub/Sub CloudEvent rolls one quarter up into BigQuery."""

import base64
import binascii
import json
import time
import traceback
from dataclasses import asdict

import functions_framework
from cloudevents.http import CloudEvent

from shared import aggregation, bootstrap
from shared.web import log

bootstrap.start("aggregate")  # bad settings: the function does not start


def message_data(event: CloudEvent) -> dict | None:
    """The JSON payload of a Pub/Sub message, or None when there is none."""
    encoded = ((event.data or {}).get("message") or {}).get("data")
    if not encoded:
        return None
    return json.loads(base64.b64decode(encoded))


@functions_framework.cloud_event
def aggregate(event: CloudEvent) -> None:
    try:
        quarter = aggregation.quarter_for_message(message_data(event))
    except (ValueError, binascii.Error, AttributeError) as error:
        # A malformed message would fail the same way on every redelivery: log and drop it.
        log("ERROR", "aggregate: bad message", event_id=event["id"], error=str(error))
        return
    services = bootstrap.services()
    if services.settings.local:
        services.warehouse.ensure_tables()  # Terraform owns the tables in production
    log("INFO", "aggregate: start", quarter=quarter.key, event_id=event["id"])
    started = time.monotonic()
    try:
        summary = aggregation.aggregate(
            quarter,
            services.units,
            services.stream,
            services.operators,
            services.warehouse,
            services.settings.sample_rule,
            services.settings.region_name,
        )
    except Exception as error:
        # Logged as one structured line, then raised so that Pub/Sub redelivers the event;
        # a re-run replaces whatever a failed run left behind.
        log(
            "ERROR",
            "aggregate: failed",
            quarter=quarter.key,
            event_id=event["id"],
            error=f"{type(error).__name__}: {error}",
            traceback=traceback.format_exc(limit=8),
        )
        raise
    log("INFO", "aggregate: done", seconds=round(time.monotonic() - started, 1), **asdict(summary))
