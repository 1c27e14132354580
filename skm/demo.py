"""The demo journey: units -> 240 responses over HTTP -> aggregation -> PDF report."""

from __future__ import annotations

import random
import time
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import requests

from shared.rules.abuse import MIN_FILL_SECONDS
from shared.rules.periods import Period
from shared.rules.records import Profile, StoredResponse, Unit

DEMO_UNITS = Path(__file__).with_name("demo_units.csv")
GOOGLE_FORMS_EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "google-forms"  # docs/import.md
RESPONSES_PER_UNIT = 60
# How well each demo unit serves, as the chance of a higher answer: gives A..C grades.
QUALITY = {"kelurahan-teluk-dalam": 0.55, "puskesmas-teluk-dalam": 0.75, "disdukcapil": 0.35, "dpmptsp": 0.9}
SUGGESTIONS = [
    "Antrean terlalu lama, tolong hubungi saya di 0812-3456-7890",
    "Petugas ramah, terima kasih",
    "Ruang tunggu panas, mohon tambah kipas",
    "Informasi persyaratan kurang jelas",
    "<b>Pelayanan cepat</b> & mudah",
]


def generated_bodies(
    units: list[Unit], per_unit: int = RESPONSES_PER_UNIT, seed: int = 2026
) -> Iterator[dict[str, Any]]:
    """Plausible submissions following the JSON contract, deterministic for a seed."""
    rng = random.Random(seed)
    for unit in units:
        quality = QUALITY.get(unit.unit_id, 0.6)
        codes = [code for q in unit.questionnaires() for code in q.codes]
        for _ in range(per_unit):
            answers = {
                code: min(
                    4, max(1, 2 + (rng.random() < quality) + (rng.random() < quality * 0.8) - (rng.random() < 0.08))
                )
                for code in codes
            }
            body: dict[str, Any] = {
                "submission_id": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
                "unit_id": unit.unit_id,
                "answers": answers,
            }
            if rng.random() < 0.7:
                body["profile"] = {
                    "age": rng.randint(17, 75),
                    "gender": rng.choice("LP"),
                    "education": rng.choice(["SD", "SMP", "SMA", "D1-D3", "S1", "S2"]),
                    "occupation": rng.choice(["PNS", "SWASTA", "WIRAUSAHA", "PELAJAR", "LAINNYA"]),
                }
            if rng.random() < 0.2:
                body["suggestion"] = rng.choice(SUGGESTIONS)
            yield body


# The demo's citizens each use their own phone: the demo stack trusts one proxy hop
# (as production does behind Google's front end) and each body comes from its own
# carrier-grade NAT address, so the per-client rate limit sees many clients.
DEMO_ENV = {
    "SKM_TRUSTED_PROXY_HOPS": "1",
    "SKM_CONTACT_EMAIL": "ppid@kota-contoh.example",
    "SKM_TIMEZONE": "Asia/Makassar",  # the demo units are in Banjarmasin: its times are WITA
}


def send_all(submit_url: str, bodies: Iterator[dict[str, Any]], workers: int = 8) -> dict[int, int]:
    """Each citizen opens the questionnaire (which hands out the form token), takes the time a
    person takes, then POSTs the answers; returns a count per HTTP status."""
    session = requests.Session()

    def opened(body: dict[str, Any]) -> dict[str, Any]:
        questionnaire = session.get(
            f"{submit_url}/api/v1/units/{body['unit_id']}/questionnaire",
            params={"submission_id": body["submission_id"]},
            timeout=30,
        )
        questionnaire.raise_for_status()
        return {**body, "form_token": questionnaire.json()["form_token"]}

    def post(numbered: tuple[int, dict[str, Any]]) -> int:
        n, body = numbered
        client = {"X-Forwarded-For": f"100.64.{n // 250}.{n % 250 + 1}"}
        return session.post(f"{submit_url}/api/v1/responses", json=body, headers=client, timeout=30).status_code

    counts: dict[int, int] = {}
    with ThreadPoolExecutor(workers) as pool:
        ready = list(pool.map(opened, bodies))
        time.sleep(MIN_FILL_SECONDS + 0.5)  # answering takes a person longer than this
        for status in pool.map(post, enumerate(ready)):
            counts[status] = counts.get(status, 0) + 1
    return counts


def earlier_quarter(
    units: list[Unit], quarter: Period, zone: Any, per_unit: int = RESPONSES_PER_UNIT
) -> Iterator[StoredResponse]:
    """The same kind of responses, spread over a quarter (typed in from paper forms), so the
    demo has final figures to publish (and the benchmarks a busy unit)."""
    rng = random.Random(2025)
    start = quarter.starts_at(zone=zone)
    seconds = int((quarter.ends_at(zone=zone) - start).total_seconds())
    for body in generated_bodies(units, per_unit, seed=2025):
        unit = next(u for u in units if u.unit_id == body["unit_id"])
        yield StoredResponse(
            response_id=f"demo-{body['submission_id']}",
            unit_id=unit.unit_id,
            quarter=quarter.key,
            receipt="",
            questionnaires={q.survey: q.version for q in unit.questionnaires()},
            answers=body["answers"],
            profile=Profile.model_validate(body.get("profile", {})),
            suggestion=body.get("suggestion", ""),
            channel="paper",
            submitted_at=start + timedelta(seconds=rng.randrange(seconds)),
            complaint_status="baru" if body.get("suggestion") else None,
        )


def demo_standards(today: date) -> list[list[Any]]:
    """Disdukcapil's standards as its staff would import them, in two workbooks: the decree of a
    year ago for two services, then the revision of one of them in force since this quarter began
    (the earlier quarter keeps the old promise)."""
    from shared.rules.periods import JAKARTA, Period
    from shared.rules.standards import Cost, Duration, Standard

    began = Period.of(datetime.combine(today, datetime.min.time(), JAKARTA), zone=JAKARTA).start
    year_ago = date(today.year - 1, 1, 2)
    common = {
        "prosedur": "Pemohon mengambil nomor antrean, menyerahkan berkas di loket, petugas memverifikasi dan "
        "merekam data, dokumen diserahkan di loket pengambilan.",
        "pengaduan": "Kotak saran di ruang tunggu, WhatsApp 0811-5000-000, SP4N-LAPOR!; ditanggapi paling lama "
        "3 hari kerja.",
        "dasar_hukum": "UU Nomor 24 Tahun 2013; Perpres Nomor 96 Tahun 2018.",
        "kompetensi": "Operator tersertifikasi administrasi kependudukan.",
        "jumlah_pelaksana": "6 orang",
    }

    def version(service: str, effective: date, number: str, days: int, **texts: str) -> Standard:
        components = common | texts | {"waktu": f"{days} hari kerja", "biaya": "Gratis"}
        return Standard(
            unit_id="disdukcapil",
            service=service,
            decree_number=number,
            decree_date=effective - timedelta(days=10),
            effective_from=effective,
            components=components,
            time=Duration(amount=days, unit="hari kerja"),
            cost=Cost(rupiah=0),
        )

    ktp_old = version(
        "KTP elektronik",
        year_ago,
        f"800/12/Disdukcapil/{year_ago.year - 1}",
        3,
        persyaratan="Fotokopi KK; surat pengantar RT/RW",
        produk="KTP elektronik",
    )
    akta = version(
        "Akta kelahiran",
        year_ago,
        f"800/12/Disdukcapil/{year_ago.year - 1}",
        5,
        persyaratan="Surat keterangan lahir; KK; KTP orang tua",
        produk="Kutipan akta kelahiran",
    )
    ktp_new = version(
        "KTP elektronik",
        began,
        f"800/41/Disdukcapil/{(began - timedelta(days=10)).year}",
        1,
        persyaratan="Cukup NIK (KK tidak perlu difotokopi)",
        produk="KTP elektronik, dicetak di tempat",
    )
    return [[ktp_old, akta], [ktp_new]]
