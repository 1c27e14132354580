"""The public results site: plain HTML pages and open data files, written whole for a published
period (shared.reports.open_data decides what may be public; shared.usecases.publishing decides
when). No JavaScript; each page small."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from shared.reports import open_data, promises, suggestion_analysis
from shared.reports.open_data import Publication, Publisher
from shared.rules import comparison, follow_up, questionnaire
from shared.rules.periods import Period
from shared.rules.questionnaire import text
from shared.rules.standards import Maklumat, Standard
from shared.rules.vocabulary import REGION
from shared.templates import environment
from shared.text import changes, formats

LANG = "id"
UNITS_PER_PAGE = 60  # keeps each region page under 20 KB, whatever the number of units


def page_name(number: int) -> str:
    return "index.html" if number == 1 else f"index-{number}.html"


@dataclass
class PeriodContent:
    """Everything one published period's pages show."""

    period: Period
    publication: Publication
    rows: list[dict[str, Any]]  # the period's index rows (final, never provisional)
    minimum: int  # respondents a unit needs to be graded and ranked (SKM_MIN_RESPONDENTS)
    previous: list[dict[str, Any]] = field(default_factory=list)  # the previous period's, if published
    history: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # published period -> its rows
    plans: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # unit -> plan rows
    standards: list[Standard] = field(default_factory=list)  # every version of every unit's standards
    maklumats: dict[str, Maklumat] = field(default_factory=dict)  # unit -> its signed maklumat

    def __post_init__(self) -> None:
        self._by_unit: dict[str, list[Standard]] = {}
        for version in self.standards:
            self._by_unit.setdefault(version.unit_id, []).append(version)

    def in_force(self, unit_id: str) -> dict[str, Standard]:
        """The unit's services' standards in force on the period's last day."""
        return promises.by_service_in_force(self.unit_standards(unit_id), self.period.last_day)

    def unit_standards(self, unit_id: str) -> list[Standard]:
        return self._by_unit.get(unit_id, [])


def templates() -> Any:
    return environment(Path(__file__).parent.parent / "site_templates")


def render(name: str, root: str, publisher: Publisher, **context: Any) -> bytes:
    html = (
        templates()
        .get_template(name)
        .render(root=root, region=publisher.name, publisher=publisher, n=partial(formats.number, lang=LANG), **context)
    )
    return html.encode()


@dataclass
class Listing:
    """What a period's region pages list, worked out once for every page made from it."""

    label: str
    public: list[dict[str, Any]]  # the public rows (open_data.public_rows)
    units: list[dict[str, Any]]  # ranked first, then the few ("data belum cukup")
    pages: list[list[dict[str, Any]]]  # the units as listed, UNITS_PER_PAGE a page
    whole: dict[str, Any] | None  # the region-wide SKM row
    published: str


def listing(content: PeriodContent) -> Listing:
    public = open_data.public_rows(content.rows)
    previous = {row["unit_id"]: row for row in content.previous if row["survey"] == "skm"}
    units = open_data.units_of(public, content.minimum)
    raw = {row["unit_id"]: row for row in content.rows if row["survey"] == "skm"}

    def listed_unit(unit: dict[str, Any]) -> dict[str, Any]:
        measured = raw[unit["unit_id"]] | {"enough": unit["enough"]}  # the public row lacks the score sums
        plan = content.plans.get(unit["unit_id"]) or []
        moved = comparison.standing(measured, previous.get(unit["unit_id"]), plan)
        return unit | {
            "change": changes.change_text(moved["change_verdict"], moved["change_points"]),
            "plan_status": plan_status(moved["follow_up_done"], moved["follow_up_planned"]),
        }

    listed = [listed_unit(unit) for unit in units]
    pages = [listed[start : start + UNITS_PER_PAGE] for start in range(0, len(listed), UNITS_PER_PAGE)] or [[]]
    whole = next((r for r in public if r["unit_id"] == REGION and r["survey"] == "skm"), None)
    published = formats.date_text(content.publication.published_at.date(), LANG)
    return Listing(formats.period_name(content.period, LANG), public, units, pages, whole, published)


def period_files(
    content: PeriodContent,
    publisher: Publisher,
    base_url: str = "",
    root: str = "../",
    listed: Listing | None = None,
) -> dict[str, bytes]:
    """The period's region pages, a page per unit (and its badge) and its open data, by their
    paths inside the period's folder; `root` leads from that folder to the site's root."""
    listed = listed or listing(content)
    files = {
        page_name(number): region_page(listed, number, publisher, root) for number in range(1, len(listed.pages) + 1)
    }
    files |= unit_pages(content, listed, publisher, base_url, root)
    for unit in listed.units:
        files[f"u/{unit['unit_id']}.svg"] = badge(unit, content.period, unit["enough"])
    records = open_data.open_data_records(listed.public)
    files["data.csv"] = open_data.data_csv(records).encode()
    files["data.json"] = open_data.data_json(content.period, records).encode()
    in_force = {unit["unit_id"]: content.in_force(unit["unit_id"]) for unit in listed.units}
    listed_ids = set(in_force)
    maklumats = {unit: m for unit, m in content.maklumats.items() if unit in listed_ids}
    files["standards.json"] = open_data.standards_json(content.period, in_force, maklumats).encode()
    return files


def region_page(listed: Listing, number: int, publisher: Publisher, root: str, here: str = "") -> bytes:
    """One page of the period's units; `here` leads from where the page stands to the folder of
    the pages it links (the entry page, written beside a version's folder, links into it)."""
    return render(
        "period.html",
        root,
        publisher,
        here=here,
        label=listed.label,
        units=listed.pages[number - 1],
        first=(number - 1) * UNITS_PER_PAGE + 1,
        whole=listed.whole,
        published=listed.published,
        pages=[(n, page_name(n)) for n in range(1, len(listed.pages) + 1)] if len(listed.pages) > 1 else [],
        current=number,
    )


def unit_pages(
    content: PeriodContent, listed: Listing, publisher: Publisher, base_url: str, root: str
) -> dict[str, bytes]:
    pages = {
        f"u/{unit['unit_id']}.html": unit_page(content, unit, listed.public, listed.label, publisher, base_url, root)
        for unit in listed.units
    }
    pages |= {
        f"u/{unit['unit_id']}-standar.html": standard_page(content, unit, listed.label, publisher, root)
        for unit in listed.units
    }
    return pages


def standard_page(
    content: PeriodContent, unit: Mapping[str, Any], label: str, publisher: Publisher, root: str = "../"
) -> bytes:
    """The unit's maklumat and each service's standard in force at the period's end; versions set
    for later are named with their date, never shown as this period's."""
    last_day = content.period.last_day
    services = [
        {
            "service": service,
            "decree": promises.decree(standard, LANG),
            "delivery": promises.components(standard, "delivery"),
            "internal": promises.components(standard, "internal"),
        }
        for service, standard in sorted(content.in_force(unit["unit_id"]).items())
    ]
    upcoming = [
        {"service": v.service, "from": formats.date_text(v.effective_from, LANG)}
        for v in promises.upcoming(content.unit_standards(unit["unit_id"]), last_day)
    ]
    maklumat = content.maklumats.get(unit["unit_id"])
    return render(
        "standard.html",
        root + "../",
        publisher,
        unit=unit,
        label=label,
        period_end=formats.date_text(last_day, LANG),
        services=services,
        upcoming=upcoming,
        maklumat=maklumat,
        maklumat_signed=formats.date_text(maklumat.signed_on, LANG) if maklumat else "",
    )


def unit_page(
    content: PeriodContent,
    unit: Mapping[str, Any],
    public: Sequence[Mapping[str, Any]],
    label: str,
    publisher: Publisher,
    base_url: str,
    root: str = "../",
) -> bytes:
    said = suggestion_analysis.summary(unit)
    in_force = content.in_force(unit["unit_id"])
    promised = promises.beside_elements(in_force)
    elements = [
        {
            **e,
            "name": questionnaire.element_name("skm", e["code"], LANG),
            "said": said.get(e["code"]),
            "promised": promised.get(e["code"]),
        }
        for e in unit["elements"]
    ]
    others = [
        {**row, "title": text(questionnaire.current(row["survey"]).title, LANG)}
        for row in public
        if row["unit_id"] == unit["unit_id"] and row["survey"] != "skm"
    ]
    history = [
        {**row, "label": formats.period_short_name(Period.parse(key), LANG)}
        for key, rows in sorted(content.history.items(), key=lambda item: Period.parse(item[0]))
        for row in rows
        if row["unit_id"] == unit["unit_id"] and row["survey"] == "skm" and not row.get("provisional")
    ]
    today = content.publication.published_at.date()
    plan = [
        {**row, "due_text": formats.date_text(row.get("due"), LANG), "overdue": follow_up.overdue(row, today)}
        for row in content.plans.get(unit["unit_id"]) or []
    ]
    return render(
        "unit.html",
        root + "../",
        publisher,
        unit={**unit, "elements": elements},
        citizens_wrote=any(sum(kinds.values()) for kinds in said.values()),
        others=others,
        history=history,
        plan=plan,
        label=label,
        base_url=base_url,
        period_key=content.period.key,
        enough=unit["enough"],
        minimum=content.minimum,
        standards=len(in_force),
        maklumat=unit["unit_id"] in content.maklumats,
    )


GRADE_COLOURS = {"A": "#2e7d32", "B": "#558b2f", "C": "#b35c00", "D": "#a4161a"}


def badge(unit: Mapping[str, Any], period: Period, enough: bool = True) -> bytes:
    """A small SVG a unit places on its own website: "IKM 82,31 · B · TW III 2026"."""
    shown = f"{formats.number(unit['index_converted'], 2)} · {unit['grade'] or '–'}" if enough else "data belum cukup"
    value = f"{shown} · {formats.period_short_name(period, LANG)}"
    width = 44 + 7 * len(value)
    colour = GRADE_COLOURS.get(unit["grade"] or "", "#555") if enough else "#555"
    svg = templates().get_template("badge.svg").render(width=width, value=value, text=f"IKM {value}", colour=colour)
    return svg.encode()


def plan_status(done: int | None, planned: int | None) -> str:
    """ "2/3 selesai", or – without a plan."""
    return f"{done}/{planned} selesai" if planned else "–"


def scales() -> list[tuple[str, str]]:
    """Each survey's title and its grades with ranges and source: two indices, two scales."""
    return [
        (text(questionnaire.current(survey).title, LANG), formats.bands_text(survey, LANG))
        for survey in questionnaire.SURVEYS
    ]


def site_files(
    publications: Sequence[Publication], publisher: Publisher, base_url: str, minimum: int
) -> dict[str, bytes]:
    """What every period shares: the home page, the method, the data dictionary and the catalog."""
    listed = sorted((Period.parse(p.period) for p in publications), reverse=True)
    choices = [{"key": p.key, "label": formats.period_name(p, LANG)} for p in listed]
    return {
        "index.html": render("home.html", "", publisher, periods=choices),
        "method.html": render(
            "method.html", "", publisher, min_group=open_data.MIN_GROUP, minimum=minimum, scales=scales()
        ),
        "dictionary.json": open_data.dictionary_json().encode(),
        "catalog.json": json.dumps(
            open_data.catalog(publications, base_url, publisher), ensure_ascii=False, indent=1
        ).encode(),
    }
