"""Wiring, in one place: the only module that builds settings, clients and repositories.

Each function asks `services()` for what it uses; everything is built on first use (cold
starts pay only for what a request needs) and once per instance. Tests `install()` a
`Services` with fakes in place of any adapter.
"""

from __future__ import annotations

import os
from functools import cached_property
from typing import TYPE_CHECKING, Any

from shared import config

FIRESTORE_CALL_SECONDS = 4.0  # per call of an HTTP function: a request makes one to three
WAREHOUSE_CALL_SECONDS = 20.0  # per query of an HTTP function (a report makes one or two)

if TYPE_CHECKING:  # the adapters import cloud clients: only when first used
    from shared.adapters.bigquery_warehouse import BigQueryWarehouse
    from shared.adapters.change_feed import FirestoreChangeFeed
    from shared.adapters.continuation import PubSubContinuation
    from shared.adapters.firestore import Collections
    from shared.adapters.firestore_access import FirestoreAccess
    from shared.adapters.firestore_devices import FirestoreDevices
    from shared.adapters.firestore_ops import FirestoreOps
    from shared.adapters.firestore_responses import FirestoreResponses
    from shared.adapters.firestore_units import FirestoreUnits
    from shared.adapters.public_site import PublicSite
    from shared.adapters.report_storage import ReportStorage
    from shared.rules.abuse import LookupLimiter, RateLimiter


class Services:
    """Settings and adapters of one instance; `overrides` replace any of them (tests)."""

    def __init__(self, settings: config.Settings, **overrides: Any):
        self.settings = settings
        unknown = set(overrides) - {name for name in dir(type(self)) if not name.startswith("_")}
        if unknown:
            raise TypeError(f"no such service: {', '.join(sorted(unknown))}")
        self.__dict__.update(overrides)  # cached_property reads the instance dict first

    function: str | None = None  # set by `start`: which function's declared Firestore access applies

    @property
    def serves_requests(self) -> bool:
        """An HTTP function: its calls to a store are bounded, so an outage is answered in seconds."""
        return self.function in ("submit", "report")

    @cached_property
    def collections(self) -> Collections:
        """Every Firestore collection, as this function may use it; one client per database."""
        from shared.adapters.firestore import Collections, client_for, database_name

        # A request-serving function answers 503 after a few seconds of outage; the
        # aggregation's long streams keep the library's deadlines (they resume on their own).
        seconds = FIRESTORE_CALL_SECONDS if self.serves_requests else None
        clients: dict[str, Any] = {}

        def client_of(key: str) -> Any:
            if key not in clients:
                clients[key] = client_for(self.settings, database_name(self.settings, key), seconds)
            return clients[key]

        return Collections(client_of, self.function)

    @cached_property
    def units(self) -> FirestoreUnits:
        from shared.adapters.firestore_units import FirestoreUnits

        return FirestoreUnits(self.collections)

    @cached_property
    def responses(self) -> FirestoreResponses:
        from shared.adapters.firestore_responses import FirestoreResponses

        return FirestoreResponses(self.collections)

    @cached_property
    def access(self) -> FirestoreAccess:
        """Operators, their sessions and sign-in links (the access database)."""
        from shared.adapters.firestore_access import FirestoreAccess

        return FirestoreAccess(self.collections)

    @cached_property
    def ops(self) -> FirestoreOps:
        """Runs, plans, follow-ups, volumes, report texts, publications, audit trails (the ops database)."""
        from shared.adapters.firestore_ops import FirestoreOps

        return FirestoreOps(self.collections)

    @cached_property
    def devices(self) -> FirestoreDevices:
        from shared.adapters.firestore_devices import FirestoreDevices

        return FirestoreDevices(self.collections)

    @cached_property
    def feed(self) -> FirestoreChangeFeed:
        """What changed in Firestore since the ingester's cursors."""
        from shared.adapters.change_feed import FirestoreChangeFeed

        return FirestoreChangeFeed(self.collections)

    @cached_property
    def continuation(self) -> PubSubContinuation:
        """Where a run that ran out of time hands on the rest (the aggregation's own topic)."""
        from shared.adapters.continuation import PubSubContinuation

        return PubSubContinuation(self.settings)

    @cached_property
    def warehouse(self) -> BigQueryWarehouse:
        from shared.adapters.bigquery_warehouse import BigQueryWarehouse, client_for

        seconds = WAREHOUSE_CALL_SECONDS if self.serves_requests else None
        return BigQueryWarehouse(client_for(self.settings), self.settings.dataset, seconds)

    @cached_property
    def storage(self) -> ReportStorage:
        from shared.adapters.report_storage import storage_for

        return storage_for(self.settings)

    @cached_property
    def public_site(self) -> PublicSite:
        from shared.adapters.public_site import public_site_for

        return public_site_for(self.settings)

    @cached_property
    def limiters(self) -> tuple[RateLimiter, ...]:
        """A citizen's phone or browser: counted by its address (an IPv6 one by its /64)."""
        from shared.rules.abuse import limiters

        return limiters(self.settings.submit_secret, self.settings.rate_limit)

    @cached_property
    def device_limiters(self) -> tuple[RateLimiter, ...]:
        """A registered kiosk: counted by its device, at its own pace."""
        from shared.rules.abuse import limiters

        return limiters(self.settings.submit_secret, self.settings.device_rate_limit)

    @cached_property
    def receipt_lookups(self) -> LookupLimiter:
        """Receipt codes looked up, per client, on this instance."""
        from shared.rules.abuse import LookupLimiter

        return LookupLimiter(limit=self.settings.receipt_lookups_per_minute)


_services: Services | None = None


def services() -> Services:
    global _services
    if _services is None:
        _services = Services(config.load(os.environ))
    return _services


def install(replacement: Services | None) -> None:
    """Use `replacement` from now on (None: build from the environment again on next use)."""
    global _services
    _services = replacement


def start(function: str) -> config.Settings:
    """Called at a function's import: bad or missing settings stop it from starting at all.

    From then on the instance uses Firestore only as `ACCESS[function]` declares."""
    settings = config.require_for(services().settings, function)
    services().function = function
    return settings
