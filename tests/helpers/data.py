"""A seeded quarter of responses with every feature the aggregation handles (profiles, flags,
complaints with replies, an item dropped mid-quarter), and reading the stack's stores."""

from __future__ import annotations

import random
import time
import uuid
from datetime import datetime, timedelta

from shared import config, signing
from shared.rules import access, questionnaire
from shared.rules.periods import JAKARTA, Period
from shared.rules.records import Profile, StoredResponse

Q3 = Period.parse("2026-Q3")


EDUCATION = ["SD", "SMP", "SMA", "D1-D3", "S1", "S2"]


OCCUPATION = ["PNS", "TNI", "POLRI", "SWASTA", "WIRAUSAHA", "PELAJAR", "LAINNYA"]


def random_profile(rng: random.Random, services: list[str]) -> Profile:
    maybe = lambda values: rng.choice([None, *values, *values])  # noqa: E731 (about a third left empty)
    return Profile(
        gender=maybe("LP"),
        age=rng.choice([None, rng.randint(15, 80)]),
        education=maybe(EDUCATION),
        occupation=maybe(OCCUPATION),
        service=maybe(services),
    )


def random_responses(rng, unit_id, surveys, count, quarter=Q3, flags=(), services=(), drop=(), version=1):
    """`count` responses; items in `drop` are left out, as if a new version removed them."""
    codes = [code for s in surveys for code in questionnaire.current(s).codes if code not in drop]
    start = datetime.combine(quarter.start, datetime.min.time(), JAKARTA)
    for _ in range(count):
        submitted = start + timedelta(minutes=rng.randint(0, 60 * 24 * 80))
        suggestion = rng.choice(["", "", "", "Antrean lama", "Petugas ramah <b>sekali</b>"])
        replied = submitted + timedelta(minutes=rng.randint(5, 60 * 72)) if suggestion and rng.random() < 0.6 else None
        yield StoredResponse(
            response_id=str(uuid.UUID(int=rng.getrandbits(128))),
            unit_id=unit_id,
            quarter=quarter.key,
            receipt="ACDEFGHJ",
            questionnaires=dict.fromkeys(surveys, version),
            answers={code: rng.choice([1, 2, 3, 3, 4, 4]) for code in codes},
            profile=random_profile(rng, list(services)),
            flags=list(flags),
            suggestion=suggestion,
            complaint_status=("ditanggapi" if replied else "baru") if suggestion else None,
            first_reply_at=replied,
            submitted_at=submitted,
        )


def quarter_data(seed: int = 7) -> dict[str, list[StoredResponse]]:
    rng = random.Random(seed)
    return {
        "puskesmas-teluk-dalam": list(
            random_responses(rng, "puskesmas-teluk-dalam", ("skm", "ipkp", "ipak"), 97, services=["Gigi", "Imunisasi"])
        ),
        "kelurahan-teluk-dalam": list(random_responses(rng, "kelurahan-teluk-dalam", ("skm",), 21))
        + list(random_responses(rng, "kelurahan-teluk-dalam", ("skm",), 10, drop=("U9",), version=2))
        + list(random_responses(rng, "kelurahan-teluk-dalam", ("skm",), 5, flags=["straight-lining"])),
        # another quarter's responses must not leak in
        "dpmptsp": list(random_responses(rng, "dpmptsp", ("skm",), 12, quarter=Period.parse("2026-Q2"))),
    }


def rows_by_key(warehouse, quarter=Q3):
    return {(r["unit_id"], r["survey"]): r for r in warehouse.index_rows(quarter)}


def opened_a_minute_ago(submission_id: str) -> str:
    """The form token the questionnaire API handed out when the form was opened, a minute ago."""
    return signing.form_token(config.LOCAL_SUBMIT_SECRET, submission_id, now=time.time() - 60)


def add_operator(store, email: str, units=(), bureau: bool = False) -> dict[str, str]:
    """A stored operator; returns the Authorization header of their token."""
    token = access.new_token()
    store.access.put_operator(
        access.Operator(email=email, units=list(units), bureau=bureau, token_hash=access.token_hash(token))
    )
    return {"Authorization": f"Bearer {token}"}


def stored_responses(store) -> list[dict]:
    return [doc.to_dict() for doc in store.collections.read("responses").stream()]


def raw_rows(warehouse, table: str = "responses") -> list[dict]:
    """A raw table's current rows: each key's newest version, as the figures read them."""
    from shared.adapters.bigquery_warehouse import KEYS

    keys = ", ".join(KEYS[table])
    sql = (
        f"SELECT * FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY {keys} ORDER BY updated_at DESC NULLS LAST) "
        f"AS newest FROM `{warehouse._table(table)}`) WHERE newest = 1"
    )
    return [{k: v for k, v in dict(row).items() if k != "newest"} for row in warehouse._query(sql)]
