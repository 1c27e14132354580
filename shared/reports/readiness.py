"""A unit's readiness for the Ombudsman's compliance assessment, from what the product holds: its
service standards in force, its maklumat signed, complaints answered within the target, the
period's results published and its follow-up plan done. Pure: the area hands in the facts."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from shared.rules import follow_up

CHECKS = ("standar", "maklumat", "pengaduan", "hasil", "tindak_lanjut")


@dataclass(frozen=True)
class Readiness:
    unit_id: str
    passed: Mapping[str, bool]  # each of CHECKS
    services: tuple[int, int]  # (services with a standard in force, services the unit lists)

    @property
    def ready(self) -> bool:
        return all(self.passed.values())

    @property
    def done(self) -> int:
        return sum(self.passed.values())

    @property
    def missing(self) -> list[str]:
        return [check for check in CHECKS if not self.passed[check]]


def readiness(
    unit_id: str,
    services: Sequence[str],
    versions: Iterable[tuple[str, date]],
    day: date,
    index: Mapping[str, Any] | None,
    plan: Sequence[Mapping[str, Any]],
    maklumat_signed: bool,
    published: bool,
    target_hours: int,
) -> Readiness:
    """`versions`: the unit's stored (service, effective date) pairs; `day`: the period's last day.
    A unit that lists no service needs one standard; complaints count as answered in time when
    their median reply is within the target or none came in; a plan is done when every action
    planned is done (a period with no plan yet is not)."""
    begun = {service for service, effective in versions if effective <= day}
    wanted = list(services) or sorted(begun)[:1] or ["Layanan"]
    covered = sum(1 for service in wanted if service in begun)
    received = int((index or {}).get("suggestions_received") or 0)
    median = (index or {}).get("median_reply_hours")
    done, planned = follow_up.completion(list(plan))
    passed = {
        "standar": covered == len(wanted),
        "maklumat": maklumat_signed,
        "pengaduan": received == 0 or (median is not None and float(median) <= target_hours),
        "hasil": published,
        "tindak_lanjut": planned > 0 and done == planned,
    }
    return Readiness(unit_id, passed, (covered, len(wanted)))


def share(found: Iterable[Readiness]) -> tuple[int, int]:
    """(units ready, units): the region's share of units an assessor would find ready."""
    listed = list(found)
    return sum(1 for unit in listed if unit.ready), len(listed)
