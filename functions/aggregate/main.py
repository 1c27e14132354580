"""Aggregate function: a Pub/Sub CloudEvent rolls a period (or the periods a quarter closes) up into BigQuery."""

import base64
import binascii
import json
import time
import traceback
from dataclasses import asdict
from datetime import datetime, timezone

import functions_framework
from cloudevents.http import CloudEvent

from shared import bootstrap
from shared.log import fields, logger
from shared.rules.periods import Period
from shared.usecases.aggregation import runs

LOG = logger("aggregate")

bootstrap.start("aggregate")  # bad settings: the function does not start


def message_data(event: CloudEvent) -> dict | None:
    """The JSON payload of a Pub/Sub message, or None when there is none."""
    encoded = ((event.data or {}).get("message") or {}).get("data")
    if not encoded:
        return None
    return json.loads(base64.b64decode(encoded))


@functions_framework.cloud_event
def aggregate(event: CloudEvent) -> None:
    services = bootstrap.services()
    settings = services.settings
    try:
        data = message_data(event)
        if isinstance(data, dict) and data.get("daily"):
            periods = runs.daily_periods(datetime.now(timezone.utc), settings.zone, settings.kinds, changed(services))
        else:
            periods = runs.periods_for_message(data, zone=settings.zone, kinds=settings.kinds)
    except (ValueError, binascii.Error, AttributeError, TypeError) as error:
        # A malformed message would fail the same way on every redelivery: log and drop it.
        LOG.error("aggregate: bad message", extra=fields(event_id=event["id"], error=str(error)))
        return
    if settings.local:
        services.warehouse.ensure_tables()  # Terraform owns the tables in production
    for period in periods:  # a quarter before the semester and year that pool it
        run(services, period, event["id"])


def changed(services: bootstrap.Services) -> list[Period]:
    """Quarters that got responses after their current run started (or that never ran)."""
    marks = services.responses.changed_quarters()
    started = services.operators.aggregated_at(list(marks))
    return [Period.parse(key) for key, at in marks.items() if (ran := started[key]) is None or at > ran]


def run(services: bootstrap.Services, period: Period, event_id: str) -> None:
    LOG.info("aggregate: start", extra=fields(period=period.key, event_id=event_id))
    started = time.monotonic()
    settings = services.settings
    try:
        summary = runs.aggregate(
            period,
            services.units,
            services.stream,
            services.operators,
            services.warehouse,
            settings.sample_rule,
            settings.region_name,
            zone=settings.zone,
        )
    except Exception as error:
        # Logged as one structured line, then raised so that Pub/Sub redelivers the event;
        # a re-run replaces whatever a failed run left behind.
        LOG.error(
            "aggregate: failed",
            extra=fields(
                period=period.key,
                event_id=event_id,
                error=f"{type(error).__name__}: {error}",
                traceback=traceback.format_exc(limit=8),
            ),
        )
        raise
    LOG.info("aggregate: done", extra=fields(seconds=round(time.monotonic() - started, 1), **asdict(summary)))
    if not summary.provisional:
        publish_again(services, period)


def publish_again(services: bootstrap.Services, period: Period) -> None:
    """A published period computed again has its public pages rewritten at once."""
    from shared.reports import site

    files = site.write_site(period, *site.deployed(services))
    if files:
        LOG.info("aggregate: public site written", extra=fields(period=period.key, files=files))
