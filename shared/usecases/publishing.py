"""Use case: publishing a period's final figures on the public site, and keeping the site true.

The bureau publishes an ended, aggregated period (the browser and `skm publish` call `publish`);
from then on every aggregation run and every saved plan of that period rewrites its pages
(`rewrite`). Provisional figures never go public. `shared.reports.site` writes the pages.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any, Protocol

from shared.reports import site
from shared.reports.open_data import Publication, Publisher
from shared.rules import access, periods
from shared.rules.periods import Period
from shared.rules.standards import Maklumat, Standard
from shared.rules.vocabulary import REGION


class Sources(Protocol):
    def publications(self) -> list[Publication]: ...
    def publish(self, publication: Publication) -> None: ...
    def plans_of(self, unit_ids: list[str], period: str) -> dict[str, list[dict[str, Any]]]: ...
    def log_admin(self, record: dict[str, Any]) -> None: ...
    def standards(self, unit_id: str | None = None) -> list[Standard]: ...
    def maklumats(self) -> dict[str, Maklumat]: ...


class Rows(Protocol):
    def index_rows(self, period: Period, unit_id: str | None = None) -> list[dict[str, Any]]: ...


class Store(Protocol):
    def put(self, path: str, data: bytes) -> None: ...
    def shown_run(self, period: str) -> tuple[str, Any]: ...
    def switch_run(self, period: str, run: str, seen: Any) -> bool: ...
    def keep_versions(self, period: str, newest: str) -> None: ...


WRITE_ATTEMPTS = 5  # writers racing on one period: each retry shows the newest rows


class SiteBusy(RuntimeError):
    """Other writers kept switching the period's pages while this one wrote them."""


class NotFinal(ValueError):
    """The period has no final figures yet: it is running, or was last computed while it ran."""


@dataclass(frozen=True)
class Site:
    """Where a deployment's public site comes from and goes to, and how it is written."""

    sources: Sources  # publications and plans (the ops store)
    warehouse: Rows
    store: Store
    publisher: Publisher
    base_url: str
    minimum: int  # respondents a unit needs to be graded and ranked (SKM_MIN_RESPONDENTS)


def deployed(services: Any) -> Site:
    """The public site of a deployment, from its services (stores and settings)."""
    settings = services.settings
    return Site(
        services.ops,
        services.warehouse,
        services.public_site,
        Publisher(settings.region_name, settings.open_data_licence, settings.contact_email),
        settings.public_base_url,
        settings.min_respondents,
    )


def final_rows(period: Period, warehouse: Rows) -> list[dict[str, Any]]:
    rows = warehouse.index_rows(period)
    if not rows or any(row.get("provisional") for row in rows):
        raise NotFinal(f"{period.key} has no final figures yet: aggregate it after it has ended, then publish")
    return rows


def publish(period: Period, by: str, now: datetime, target: Site) -> int:
    """The bureau's decision: record it, audit it and write the period's pages; NotFinal if it
    has no final figures (provisional ones never go public). Returns the files written."""
    rows = final_rows(period, target.warehouse)
    target.sources.publish(Publication(period.key, by, now))
    target.sources.log_admin(access.admin_record(by, "period_published", period.key, now))
    return write(period, target, rows, published_periods(target))


def rewrite(period: Period, target: Site) -> int:
    """Write a published period's pages and data, and what all periods share; 0 if it is not
    published. Called after every aggregation run and every saved plan of the period."""
    published = published_periods(target)
    if period.key not in published:
        return 0
    return write(period, target, final_rows(period, target.warehouse), published)


def published_periods(target: Site) -> dict[str, Publication]:
    return {p.period: p for p in target.sources.publications()}


def write(period: Period, target: Site, rows: list[dict[str, Any]], published: dict[str, Publication]) -> int:
    """Write the period's files from `rows`, never over a newer run's: the run they show is
    recorded last, only if no other writer recorded one meanwhile (a plan saved while a run
    wrote, say); otherwise the newest rows are read again and written again. A writer killed
    mid-way is repaired by the next (the run's redelivery). Returns the files written."""
    for _ in range(WRITE_ATTEMPTS):
        run = run_of(rows)
        shown, seen = target.store.shown_run(period.key)
        if shown > run:  # these rows are older than the pages: show the newest instead
            rows = final_rows(period, target.warehouse)
            if run_of(rows) < shown:
                return 0
            continue
        written = write_files(period, target, rows, published)
        if target.store.switch_run(period.key, run, seen):
            return written + 1  # and the run file
        rows = final_rows(period, target.warehouse)
    raise SiteBusy(period.key)


def run_of(rows: list[dict[str, Any]]) -> str:
    """When the run that made the rows ran, as UTC ISO text ("" for rows that do not say)."""
    stamps = [row.get("aggregated_at") for row in rows if row.get("aggregated_at")]
    moments = [stamp if isinstance(stamp, datetime) else datetime.fromisoformat(str(stamp)) for stamp in stamps]
    return max(moments).astimezone(timezone.utc).isoformat() if moments else ""


VERSIONS = "v"  # {period}/v/{version}/: each version of a period's files, whole


def write_files(period: Period, target: Site, rows: list[dict[str, Any]], published: dict[str, Publication]) -> int:
    """The period's files from its final `rows` and every publication, each read once.

    A version's pages are written whole into a folder of their own, then the period's entry
    page is switched to them in one write: a writer killed before that leaves the previous
    version whole in view, never pages of two runs. The links others keep (a unit's page and
    badge, the open data) are then written at their usual places too, and the versions but
    the newest two removed."""
    previous = period.previous()
    history = {
        p.key: (rows if p == period else target.warehouse.index_rows(p))
        for p in periods.trend(period)
        if p.key in published
    }
    unit_ids = sorted({row["unit_id"] for row in rows if row["unit_id"] != REGION})
    content = site.PeriodContent(
        period,
        published[period.key],
        rows,
        target.minimum,
        history.get(previous.key, []),
        history,
        target.sources.plans_of(unit_ids, period.key),
        target.sources.standards(),
        target.sources.maklumats(),
    )
    key, publisher, base_url = period.key, target.publisher, target.base_url
    listed = site.listing(content)
    version_files = site.period_files(content, publisher, base_url, "../../../", listed)
    version = hashlib.sha256(b"".join(path.encode() + data for path, data in sorted(version_files.items()))).hexdigest()
    name = version[:16]
    files = {f"{key}/{VERSIONS}/{name}/{path}": data for path, data in version_files.items()}
    files[f"{key}/index.html"] = site.region_page(listed, 1, publisher, "../", here=f"{VERSIONS}/{name}/")
    # The addresses others link to: the same badges and data; unit pages one folder nearer the root.
    files |= {f"{key}/{path}": data for path, data in version_files.items() if path.endswith((".svg", ".csv", ".json"))}
    files |= {
        f"{key}/{path}": data for path, data in site.unit_pages(content, listed, publisher, base_url, "../").items()
    }
    files |= site.site_files(list(published.values()), publisher, base_url, target.minimum)
    for path, data in files.items():  # in this order: the version, the entry page, the rest
        target.store.put(path, data)
    target.store.keep_versions(key, name)
    return len(files)
