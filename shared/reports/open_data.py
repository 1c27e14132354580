"""What the public sees of a published period: the open data and the static site's content.

Only final figures of a period the bureau published are ever public; nothing personal is:
no suggestion text, no receipt, no profile group smaller than `MIN_GROUP`. Everything here is
built from the aggregation's index rows (pure; the site writer renders and stores it).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from shared.reports import tables
from shared.rules import eligibility, questionnaire
from shared.rules.periods import Period
from shared.rules.standards import COMPONENTS, Maklumat, Standard
from shared.rules.vocabulary import REGION
from shared.text.formats import fixed

MIN_GROUP = 10  # a profile group of fewer respondents could point at a person
UNIT_FIELDS = (
    "period",
    "period_kind",
    "unit_id",
    "unit_name",
    "unit_type",
    "survey",
    "respondents",
    "service_users",
    "required_sample",
    "sample_reached",
    "index_value",
    "index_converted",
    "ci_low",
    "ci_high",
    "grade",
    "performance",
    "aggregation_run",
)
DIGITS = {name: digits for name, digits in tables.RECAP_DIGITS.items() if name in UNIT_FIELDS}  # as printed
ITEM_CODES = tuple(code for survey in questionnaire.SURVEYS for code in questionnaire.current(survey).codes)
DICTIONARY = {
    "period": "Periode: 2026-Q3 (triwulan), 2026-S1 (semester), 2026 (tahun)",
    "period_kind": "Jenis periode: quarter, semester, year",
    "unit_id": "Kode unit layanan; * = seluruh unit",
    "unit_name": "Nama unit layanan",
    "unit_type": "Jenis unit layanan",
    "survey": "Survei: skm (PermenPAN-RB 14/2017), ipkp dan ipak (skala 1–4) atau spkp dan spak (kit ZI, skala 1–6)",
    "respondents": "Jumlah responden yang dihitung",
    "service_users": "Jumlah pengguna layanan dalam periode",
    "required_sample": "Sampel minimal",
    "sample_reached": "Sampel minimal terpenuhi (true/false)",
    "index_value": "Indeks (nilai interval, skala 1-4), 4 desimal",
    "index_converted": "Indeks konversi (0-100), 2 desimal",
    "ci_low": "Batas bawah selang kepercayaan 95% indeks konversi",
    "ci_high": "Batas atas selang kepercayaan 95% indeks konversi",
    "grade": "Mutu pelayanan A-D",
    "performance": "Kinerja unit (label mutu)",
    "aggregation_run": "Kode proses agregasi yang menghasilkan angka ini",
    "nrr_<kode>": "Nilai rata-rata unsur (NRR) per unsur, 2 desimal; kode U1-U9, IPKP1-IPKP9, IPAK1-IPAK5",
}


LICENCES = {  # SKM_OPEN_DATA_LICENCE: what a reader may do with the open data
    "CC-BY-4.0": (
        "Creative Commons Atribusi 4.0 Internasional (CC BY 4.0)",
        "https://creativecommons.org/licenses/by/4.0/",
    ),
    "CC0-1.0": ("Creative Commons CC0 1.0 (domain publik)", "https://creativecommons.org/publicdomain/zero/1.0/"),
    "ODbL-1.0": ("Open Database License 1.0 (ODbL)", "https://opendatacommons.org/licenses/odbl/1-0/"),
}


@dataclass(frozen=True)
class Publisher:
    """Who publishes the results, under which licence, and where a reader writes to."""

    name: str  # the region (SKM_REGION_NAME)
    licence: str  # a key of LICENCES (SKM_OPEN_DATA_LICENCE)
    contact: str = ""  # an e-mail address (SKM_CONTACT_EMAIL); none set: no contact point is named

    @property
    def licence_name(self) -> str:
        return LICENCES[self.licence][0]

    @property
    def licence_url(self) -> str:
        return LICENCES[self.licence][1]


class NotPublishable(ValueError):
    """A provisional figure reached the publisher: it must never go public."""


@dataclass(frozen=True)
class Publication:
    """The bureau's decision to publish a period's final figures."""

    period: str
    published_by: str
    published_at: datetime


def public_row(row: Mapping[str, Any]) -> dict[str, Any]:
    """One index row as the public may see it: no suggestion's text (only how many named each
    element, by kind), no small profile groups."""
    if row.get("provisional"):
        raise NotPublishable(f"{row.get('period')} is provisional")
    public = {name: row.get(name) for name in UNIT_FIELDS}
    public["elements"] = [{"code": e["code"], "nrr": e["nrr"]} for e in row.get("elements") or []]
    public["suggestion_counts"] = [dict(c) for c in row.get("suggestion_counts") or []]
    public["profile"] = [
        {key: group[key] for key in ("dimension", "group_value", "respondents", "index_converted", "grade")}
        for group in row.get("profile") or []
        if group["respondents"] >= MIN_GROUP
    ]
    return public


def public_rows(rows: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    return [public_row(row) for row in rows]


def open_data_records(rows: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """One flat record per unit and survey (and the region-wide "*"), NRR per item as columns;
    numbers at the precision the reports display (82.31, 3.2926), as their exact decimal text:
    the CSV writes that text, the JSON the number it spells."""
    records = []
    for row in rows:
        record = {name: row.get(name) for name in UNIT_FIELDS}
        record |= {name: _fixed(row.get(name), digits) for name, digits in DIGITS.items()}
        record |= {f"nrr_{e['code']}": _fixed(e["nrr"], 2) for e in row.get("elements") or []}
        records.append(record)
    return records


def _fixed(value: Any, digits: int) -> str | None:
    return None if value is None else fixed(value, digits)


def data_columns() -> tuple[str, ...]:
    return UNIT_FIELDS + tuple(f"nrr_{code}" for code in ITEM_CODES)


def data_csv(records: Sequence[Mapping[str, Any]]) -> str:
    """The records for spreadsheets and portals; a flag as `true`/`false`, as the dictionary says."""
    flags = [{name: _flag(value) for name, value in record.items()} for record in records]
    return tables.csv_text(flags, data_columns())


def data_json(period: Period, records: Sequence[Mapping[str, Any]]) -> str:
    """The records for programs: numbers as JSON numbers, flags as booleans, absent as null."""
    typed = [{name: _number(name, value) for name, value in record.items()} for record in records]
    return json.dumps({"period": period.key, "records": typed}, ensure_ascii=False, indent=1, default=str)


def _flag(value: Any) -> Any:
    return ("true" if value else "false") if isinstance(value, bool) else value


def _number(name: str, value: Any) -> Any:
    """A decimal field's exact text as a JSON number (its shortest float spells the same digits)."""
    numeric = name in DIGITS or name.startswith("nrr_")
    return float(value) if numeric and value is not None else value


def dictionary_json() -> str:
    fields = [{"name": name, "description": text} for name, text in DICTIONARY.items()]
    return json.dumps({"fields": fields}, ensure_ascii=False, indent=1)


def catalog(publications: Sequence[Publication], base_url: str, publisher: Publisher) -> dict[str, Any]:
    """A DCAT-style catalog of every published period, with the stable URLs of its files, its
    licence, publisher and contact point, for a Satu Data Indonesia (CKAN) harvester."""
    region = publisher.name
    agent = {"@type": "foaf:Agent", "name": region}
    contact = {"contactPoint": {"@type": "vcard:Kind", "fn": region, "hasEmail": f"mailto:{publisher.contact}"}}
    datasets = []
    for publication in sorted(publications, key=lambda p: Period.parse(p.period)):
        key = publication.period
        datasets.append(
            {
                "@type": "dcat:Dataset",
                "identifier": f"skm-{key}",
                "title": f"Hasil Survei Kepuasan Masyarakat {region} {key}",
                "issued": publication.published_at.isoformat(),
                "landingPage": f"{base_url}/{key}/",
                "distribution": [
                    {
                        "@type": "dcat:Distribution",
                        "mediaType": "text/csv",
                        "downloadURL": f"{base_url}/{key}/data.csv",
                    },
                    {
                        "@type": "dcat:Distribution",
                        "mediaType": "application/json",
                        "downloadURL": f"{base_url}/{key}/data.json",
                    },
                    {
                        "@type": "dcat:Distribution",
                        "title": "Standar pelayanan dan maklumat yang berlaku",
                        "mediaType": "application/json",
                        "downloadURL": f"{base_url}/{key}/standards.json",
                    },
                ],
                "conformsTo": f"{base_url}/dictionary.json",
                "license": publisher.licence_url,
                "publisher": agent,
                **(contact if publisher.contact else {}),
            }
        )
    return {
        "@context": "https://www.w3.org/ns/dcat.jsonld",
        "@type": "dcat:Catalog",
        "title": f"Survei Kepuasan Masyarakat {region}",
        "license": publisher.licence_url,
        "publisher": agent,
        **(contact if publisher.contact else {}),
        "dataset": datasets,
    }


def units_of(rows: Iterable[Mapping[str, Any]], minimum: int) -> list[dict[str, Any]]:
    """The period's units for its region page, best first (the recap's ranking)."""
    return eligibility.ranked([row for row in rows if row["unit_id"] != REGION], minimum=minimum)


def standards_json(
    period: Period, in_force: Mapping[str, Mapping[str, Standard]], maklumats: Mapping[str, Maklumat]
) -> str:
    """The standards in force at the period's end and the signed maklumat of each listed unit
    (`in_force`: unit -> service -> version): what UU 25/2009 obliges a unit to publish anyway."""
    units = []
    for unit_id, services in sorted(in_force.items()):
        maklumat = maklumats.get(unit_id)
        units.append(
            {
                "unit_id": unit_id,
                "maklumat": maklumat.model_dump(mode="json") if maklumat else None,
                "services": [
                    {
                        "service": v.service,
                        "decree_number": v.decree_number,
                        "decree_date": v.decree_date.isoformat(),
                        "effective_from": v.effective_from.isoformat(),
                        "time": v.time.model_dump() if v.time else None,
                        "cost_rupiah": v.cost.rupiah if v.cost else None,
                        "components": {c.key: v.components[c.key] for c in COMPONENTS if c.key in v.components},
                    }
                    for _, v in sorted(services.items())
                ],
            }
        )
    return json.dumps({"period": period.key, "units": units}, ensure_ascii=False, indent=1)
