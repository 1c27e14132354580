"""The submit function's handlers, in-process on fakes: statuses, stored records, headers."""

import re
import time
import uuid

from shared import config, signing
from shared.rules.vocabulary import FLAG_NO_FORM_TOKEN, FLAG_TOO_FAST
from tests.helpers.http import ANSWERS, UNIT, assert_secure, form_fields


def body(**extra):
    return {"submission_id": str(uuid.uuid4()), "unit_id": UNIT, "answers": ANSWERS, **extra}


def test_a_response_is_stored_once_and_a_retry_gets_the_same_receipt(submit, services):
    sent = body(suggestion="Antrean lama")
    first = submit.post("/api/v1/responses", json=sent)
    again = submit.post("/api/v1/responses", json=sent)
    assert (first.status_code, again.status_code) == (201, 200) and first.json == again.json
    [stored] = services.responses.docs.values()
    assert stored["complaint_status"] == "baru" and stored["answers"] == ANSWERS
    receipt = submit.get(f"/r/{first.json['receipt']}")
    assert receipt.status_code == 200 and first.json["receipt"] in receipt.text


def test_bad_requests_get_their_status_and_a_field_and_change_nothing(submit, services):
    missing = submit.post("/api/v1/responses", json=body(answers={"U1": 3}))
    assert missing.status_code == 422 and {e["field"] for e in missing.json["errors"]} >= {"answers.U2", "answers.U9"}
    assert submit.post("/api/v1/responses", json=body(unit_id="no-such-unit")).status_code == 404
    assert submit.post("/api/v1/responses", data="{", content_type="application/json").status_code == 400
    wrong_type = submit.post("/api/v1/responses", data="x=1")
    assert wrong_type.status_code == 415 and wrong_type.json["errors"][0]["field"] == "Content-Type"
    assert submit.post("/api/v1/responses", json=body(suggestion="x" * 40_000)).status_code == 413
    assert submit.get("/api/v1/responses").status_code == 405
    assert submit.get("/nothing-here").status_code == 404
    assert services.responses.docs == {}


def test_a_form_token_is_a_signature_and_any_forgery_only_flags(submit, services):
    secret = config.LOCAL_SUBMIT_SECRET
    cases = {
        "honest": signing.form_token(secret, "a" * 36, now=time.time() - 60),
        "fast": signing.form_token(secret, "b" * 36, now=time.time() + 60),  # never MIN_FILL_SECONDS old, however slow
        "non-ascii": "1.\u00e9",  # compare_digest on str raised here: a 500 before
        "huge timestamp": "9" * 5000 + ".abc",  # int() of 5,000 digits raised here
        "another id's": signing.form_token(secret, "z" * 36, now=time.time() - 60),
    }
    flags = {}
    for number, ((name, token), sid) in enumerate(zip(cases.items(), "abcde")):
        posted = submit.post(
            f"/u/{UNIT}", data=form_fields(sid * 36, token), environ_base={"REMOTE_ADDR": f"10.0.0.{number}"}
        )  # each its own citizen
        assert posted.status_code == 303, (name, posted.status_code)
        flags[name] = services.responses.docs[sid * 36]["flags"]
    assert flags == {
        "honest": [],
        "fast": [FLAG_TOO_FAST],
        "non-ascii": [FLAG_NO_FORM_TOKEN],
        "huge timestamp": [FLAG_NO_FORM_TOKEN],
        "another id's": [FLAG_NO_FORM_TOKEN],
    }
    assert signing.FORM != signing.LINK  # a form token is never a valid link signature, and vice versa


def test_a_form_with_errors_is_shown_again_with_every_answer_kept(submit, services):
    page = submit.get(f"/u/{UNIT}")
    submission_id = re.search(r'name="submission_id" value="([^"]+)"', page.text)[1]
    token = re.search(r'name="form_token" value="([^"]+)"', page.text)[1]
    fields = form_fields(submission_id, token, suggestion="Ruang tunggu panas")
    del fields["U3"]
    again = submit.post(f"/u/{UNIT}", data=fields)
    assert again.status_code == 422 and "Ruang tunggu panas" in again.text and submission_id in again.text
    assert '<a href="#q-U3">Pertanyaan nomor 3 belum dijawab.</a>' in again.text and services.responses.docs == {}


def test_english_pages_label_profile_options_in_english(submit):
    english = submit.get(f"/u/{UNIT}?lang=en").text
    assert "Bachelor (D4/S1)" in english and "Self-employed" in english
    assert "SD atau lebih rendah" in submit.get(f"/u/{UNIT}").text


def test_every_response_carries_the_security_headers(submit):
    for method, path, kwargs in [
        ("get", "/", {}),
        ("get", f"/u/{UNIT}", {}),
        ("get", "/r/AAAAAAAA", {}),
        ("get", "/healthz", {}),
        ("get", "/missing", {}),
        ("put", "/", {}),
        ("post", "/api/v1/responses", {"json": body(unit_id="x")}),
        ("get", f"/api/v1/units/{UNIT}/questionnaire", {}),
    ]:
        response = getattr(submit, method)(path, **kwargs)
        assert_secure(response)


def test_an_outage_answers_503_with_retry_after_and_the_form_keeps_every_answer(submit, services, monkeypatch):
    from google.api_core import exceptions

    def down(*args, **kwargs):
        raise exceptions.RetryError("Timeout of 4.0s exceeded", exceptions.ServiceUnavailable("connection refused"))

    monkeypatch.setattr(services.responses, "create_response", down)
    api = submit.post("/api/v1/responses", json=body())
    assert api.status_code == 503 and api.headers["Retry-After"] == "15"
    assert "coba lagi" in api.json["errors"][0]["message"].lower()
    page = submit.get(f"/u/{UNIT}")
    submission_id = re.search(r'name="submission_id" value="([^"]+)"', page.text).group(1)
    token = re.search(r'name="form_token" value="([^"]+)"', page.text).group(1)
    sent = form_fields(submission_id, token, U4="1", age="41", suggestion="Loket 3 <tutup> & sepi")
    again = submit.post(f"/u/{UNIT}", data=sent)
    assert again.status_code == 503 and again.headers["Retry-After"] == "15"
    assert "Coba lagi sebentar" in again.text and f'value="{submission_id}"' in again.text
    assert 'name="U4" value="1" checked' in again.text and 'value="41"' in again.text
    assert "Loket 3 &lt;tutup&gt; &amp; sepi" in again.text
    monkeypatch.setattr(services.units, "get_unit", down)
    assert submit.get(f"/u/{UNIT}").status_code == 503  # an HTML page, not a traceback
    assert "text/html" in submit.get("/r/AAAA3333").content_type
    assert services.responses.docs == {}


def test_a_score_is_an_integer_nothing_else(submit, services):
    for score in (True, "3", 3.0, 3.5, None, [3]):
        answered = submit.post("/api/v1/responses", json=body(answers={**ANSWERS, "U4": score}))
        assert answered.status_code == 422, score
        assert [e["field"] for e in answered.json["errors"]] == ["answers.U4"]
    assert submit.post("/api/v1/responses", json=body(profile={"age": True})).status_code == 422
    assert services.responses.docs == {}


def test_unprintable_characters_never_reach_the_store_and_deep_json_is_a_400(submit, services):
    sent = body(suggestion="antre\x00an\x07 lama\ud800", profile={"service": "Gigi\x00"})
    assert submit.post("/api/v1/responses", json=sent).status_code == 201
    [stored] = services.responses.docs.values()
    assert stored["suggestion"] == "antrean lama" and stored["profile"]["service"] == "Gigi"
    deep = submit.post("/api/v1/responses", data="[" * 16_000, content_type="application/json")
    assert deep.status_code == 400 and deep.json["errors"][0]["message"]


def test_an_enrolment_link_works_once_and_only_by_post(submit, services):
    from datetime import datetime, timezone

    from shared.rules import devices

    device, token = devices.new_device(UNIT, "Tablet loket 1", "lurah@contoh.go.id", datetime.now(timezone.utc))
    services.devices.add(device)
    assert submit.get("/k").status_code == 403  # not a kiosk yet
    asked = submit.get(f"/k/enrol/{token}")  # a link preview must not spend the link
    assert asked.status_code == 200 and services.devices.get(device.device_id).key_hash is None
    assert submit.post(f"/k/enrol/{token}", headers={"Origin": "https://evil.example"}).status_code == 403
    enrolled = submit.post(f"/k/enrol/{token}")
    assert enrolled.status_code == 303 and "HttpOnly" in enrolled.headers["Set-Cookie"]
    assert submit.post(f"/k/enrol/{token}").status_code == 410
    assert submit.get("/k/enrol/not-a-token").status_code == 404
    form = submit.get("/k")
    assert form.status_code == 200 and 'autocomplete="off"' in form.text and 'name="form_token"' not in form.text
    assert form.headers["Cache-Control"] == "no-store"
    sid = re.search(r'name="submission_id" value="([^"]+)"', form.text).group(1)
    sent = submit.post("/k", data={"submission_id": sid, "lang": "id", **ANSWERS})
    assert sent.status_code == 303 and sent.headers["Location"].startswith("/k/selesai")
    [stored] = services.responses.docs.values()
    assert (stored["channel"], stored["device_id"], stored["flags"]) == ("kiosk", device.device_id, [])
    thanks = submit.get(sent.headers["Location"])
    assert 'http-equiv="refresh"' in thanks.text and thanks.headers["Cache-Control"] == "no-store"
    # A complaint's receipt code is shown once, and never in an address the tablet keeps (issue 26, 13).
    form = submit.get("/k")
    sid = re.search(r'name="submission_id" value="([^"]+)"', form.text).group(1)
    sent = submit.post("/k", data={"submission_id": sid, "lang": "id", **ANSWERS, "suggestion": "Antrean lama"})
    (complaint,) = [doc for doc in services.responses.docs.values() if doc["suggestion"]]
    assert complaint["receipt"] not in sent.headers["Location"]
    assert complaint["receipt"] in submit.get(sent.headers["Location"]).text
    assert complaint["receipt"] not in submit.get(sent.headers["Location"]).text  # back in history: gone


def test_receipt_lookups_are_limited_per_client(submit, services):
    """Issue 26, point 13: a script guessing codes gets 429 after a person's share."""
    codes = ["ACDEFG" + a + b for a in "HJK" for b in "MNPQRTUVW"][:25]
    guesses = [submit.get(f"/r/{code}") for code in codes]
    assert [g.status_code for g in guesses[:20]] == [404] * 20
    assert guesses[20].status_code == 429 and int(guesses[20].headers["Retry-After"]) > 0
    assert "Terlalu banyak pencarian kode" in guesses[20].text
    assert submit.get("/r?kode=ACDEFGHJ").status_code == 429
    other = submit.get("/r/ACDEFGHJ", environ_base={"REMOTE_ADDR": "10.9.9.9"})
    assert other.status_code == 404  # another client is not slowed down


def test_a_bearer_key_that_is_not_a_live_device_is_refused(submit, services):
    wrong = submit.post("/api/v1/responses", json=body(), headers={"Authorization": "Bearer abcdefghij." + "x" * 43})
    assert wrong.status_code == 401 and wrong.json["errors"][0]["field"] == "Authorization"
    assert submit.post("/api/v1/responses", json=body(), headers={"Authorization": "Basic eDp5"}).status_code == 401
    assert services.responses.docs == {}
