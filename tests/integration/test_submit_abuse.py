"""Abuse controls, size and type limits, and the extra read endpoints of submit."""

import gzip
import re
import time
import uuid

import pytest
import requests

from shared import config, signing
from tests.helpers.data import stored_responses

pytestmark = pytest.mark.stack
UNIT = "dpmptsp"
ANSWERS = dict(zip([f"U{i}" for i in range(1, 10)], [3, 4, 3, 2, 3, 4, 3, 3, 4]))


def api(stack, body, **kwargs):
    return requests.post(f"{stack.url('submit')}/api/v1/responses", json=body, timeout=10, **kwargs)


def body(**overrides):
    return {"submission_id": str(uuid.uuid4()), "unit_id": UNIT, "answers": dict(ANSWERS), **overrides}


def form_fields(token_age: float = 30, **extra):
    submission_id = str(uuid.uuid4())
    token = signing.form_token(config.LOCAL_SUBMIT_SECRET, submission_id, now=time.time() - token_age)
    return {
        "submission_id": submission_id,
        "form_token": token,
        "lang": "id",
        **{k: str(v) for k, v in ANSWERS.items()},
        **extra,
    }


def test_oversized_and_wrongly_typed_bodies_are_refused(stack, store):
    huge = body(suggestion="x" * 40_000)
    assert api(stack, huge).status_code == 413
    as_text = requests.post(
        f"{stack.url('submit')}/api/v1/responses", data='{"a": 1}', headers={"Content-Type": "text/plain"}, timeout=10
    )
    assert as_text.status_code == 415 and as_text.json()["errors"][0]["field"] == "Content-Type"
    json_to_form = requests.post(f"{stack.url('submit')}/u/{UNIT}", json=body(), timeout=10)
    assert json_to_form.status_code == 415
    big_form = requests.post(f"{stack.url('submit')}/u/{UNIT}", data=form_fields(suggestion="y" * 40_000), timeout=10)
    assert big_form.status_code == 413
    assert stored_responses(store) == []


def test_the_rate_limit_answers_429_with_retry_after_and_keeps_what_it_accepted(stack, store):
    # The stack's functions allow 10 responses per client and unit in 100 seconds (and 400 a day).
    client = {"X-Forwarded-For": "198.51.100.7, 203.0.113.50"}  # the trusted proxy appended 203.0.113.50
    statuses = [api(stack, body(unit_id="kelurahan-teluk-dalam"), headers=client).status_code for _ in range(12)]
    assert statuses[:10] == [201] * 10 and statuses[10:] == [429, 429]
    limited = api(stack, body(unit_id="kelurahan-teluk-dalam"), headers={"X-Forwarded-For": "203.0.113.50"})
    assert limited.status_code == 429 and 1 <= int(limited.headers["Retry-After"]) <= 100
    assert "detik" in limited.json()["errors"][0]["message"]
    assert len(stored_responses(store)) == 10
    assert api(stack, body(unit_id="dpmptsp"), headers=client).status_code == 201  # another unit: own limit
    another_client = {"X-Forwarded-For": "192.0.2.77"}
    assert api(stack, body(unit_id="kelurahan-teluk-dalam"), headers=another_client).status_code == 201
    typed = form_fields(suggestion="Antrean panjang sekali", age="52")
    form = requests.post(f"{stack.url('submit')}/u/kelurahan-teluk-dalam", data=typed, headers=client, timeout=10)
    assert form.status_code == 429 and "Terlalu banyak" in form.text and form.headers["Retry-After"]
    # Refused, yet nothing typed is lost: the same form comes back with every answer in it.
    assert "Antrean panjang sekali" in form.text and 'value="52"' in form.text
    assert f'value="{typed["submission_id"]}"' in form.text and 'name="U1" value="3" checked' in form.text
    counters = [doc.to_dict() for doc in store.collections.read("rate_limits").stream()]
    assert [c["count"] for c in counters] == [10, 10]  # the minute's and the day's; one-off clients write none
    assert all("expires_at" in c for c in counters)
    assert "203.0.113.50" not in str(counters) and "198.51.100.7" not in str(counters)


def test_an_ipv6_client_rotating_addresses_in_its_64_shares_one_limit(stack, store):
    rotated = [{"X-Forwarded-For": f"2001:db8:42:7:{i:x}::{i + 1:x}"} for i in range(12)]
    statuses = [api(stack, body(unit_id="dpmptsp"), headers=headers).status_code for headers in rotated]
    assert statuses[:10] == [201] * 10 and statuses[10:] == [429, 429]
    other_network = {"X-Forwarded-For": "2001:db8:42:8::1"}
    assert api(stack, body(unit_id="dpmptsp"), headers=other_network).status_code == 201


def test_honeypot_and_hurried_forms_are_stored_with_flags(stack, store):
    filled = requests.post(
        f"{stack.url('submit')}/u/{UNIT}", data=form_fields(website="http://spam"), allow_redirects=False, timeout=10
    )
    # Served "a minute from now": however long this request waits on a busy machine, it reaches the
    # server less than MIN_FILL_SECONDS after its form was served (a token a second old was not,
    # once the machine was busy enough).
    hurried = requests.post(
        f"{stack.url('submit')}/u/{UNIT}", data=form_fields(token_age=-60), allow_redirects=False, timeout=10
    )
    human = requests.post(f"{stack.url('submit')}/u/{UNIT}", data=form_fields(), allow_redirects=False, timeout=10)
    assert {filled.status_code, hurried.status_code, human.status_code} == {303}
    flags = sorted(tuple(doc["flags"]) for doc in stored_responses(store))
    assert flags == [(), ("honeypot",), ("too-fast",)]


def test_satisfied_citizens_behind_one_address_are_all_counted(stack, store):
    """A busy counter's Wi-Fi: six people within a minute answer "Sangat baik" to everything (a
    whole day of them: bench/abuse.py)."""
    same = {f"U{i}": 4 for i in range(1, 10)}
    for _ in range(6):
        sent = body(answers=same)
        sent["form_token"] = signing.form_token(config.LOCAL_SUBMIT_SECRET, sent["submission_id"], now=time.time() - 90)
        assert api(stack, sent, headers={"X-Forwarded-For": "192.0.2.77"}).status_code == 201
    assert [doc["flags"] for doc in stored_responses(store)] == [[]] * 6


def test_the_receipt_page_shows_how_to_follow_a_complaint(stack, store):
    created = api(stack, body(suggestion="Toilet rusak")).json()["receipt"]
    page = requests.get(f"{stack.url('submit')}/r/{created}", timeout=10)
    assert page.status_code == 200 and created in page.text and "status: Baru" in page.text
    plain = api(stack, body()).json()["receipt"]
    assert "status" not in requests.get(f"{stack.url('submit')}/r/{plain}", timeout=10).text
    assert requests.get(f"{stack.url('submit')}/r/AAAAAAAA", timeout=10).status_code == 404
    assert requests.get(f"{stack.url('submit')}/r/0OIL", timeout=10).status_code == 404


def test_the_questionnaire_api_serves_the_units_forms_as_data(stack, store):
    response = requests.get(f"{stack.url('submit')}/api/v1/units/puskesmas-teluk-dalam/questionnaire", timeout=10)
    assert response.status_code == 200
    data = response.json()
    assert data["unit"]["surveys"] == ["skm", "ipkp", "ipak"] and "Imunisasi" in data["unit"]["services"]
    assert [q["id"] for q in data["questionnaires"]] == ["skm", "ipkp", "ipak"]
    assert data["questionnaires"][0]["items"][3]["options"][3]["label"] == {"id": "Gratis", "en": "Free"}
    assert requests.get(f"{stack.url('submit')}/api/v1/units/nope-nope/questionnaire", timeout=10).status_code == 404


def test_units_are_searchable_and_grouped_by_type(stack, store):
    everything = requests.get(f"{stack.url('submit')}/", timeout=10).text
    assert everything.index("<h2>Kelurahan</h2>") < everything.index("<h2>Perangkat Daerah</h2>")
    found = requests.get(f"{stack.url('submit')}/", params={"q": "puskes"}, timeout=10).text
    assert "Puskesmas Teluk Dalam" in found and "Kelurahan Teluk Dalam" not in found
    none = requests.get(f"{stack.url('submit')}/", params={"q": "<script>", "lang": "en"}, timeout=10).text
    assert "No service unit matches." in none and 'value="&lt;script&gt;"' in none


def test_pages_are_small_compressed_and_locked_down(stack, store):
    response = requests.get(
        f"{stack.url('submit')}/u/puskesmas-teluk-dalam", headers={"Accept-Encoding": "gzip"}, stream=True, timeout=10
    )
    sent = response.raw.read()
    assert response.headers["Content-Encoding"] == "gzip" and len(sent) < 15 * 1024
    html = gzip.decompress(sent).decode()
    assert "<script" not in html and not re.search(r"(src|href)=\"https?://", html)
    assert response.headers["Cache-Control"] == "no-store"
    assert "default-src 'none'" in response.headers["Content-Security-Policy"]
