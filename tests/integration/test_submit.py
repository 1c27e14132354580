"""The submit function over HTTP against the Firestore emulator."""

import re
import uuid

import pytest
import requests

from tests.helpers.data import opened_a_minute_ago, stored_responses

pytestmark = pytest.mark.stack
UNIT = "kelurahan-teluk-dalam"
SKM_ANSWERS = {f"U{i}": 3 for i in range(1, 10)}


def submission(**overrides):
    return {"submission_id": str(uuid.uuid4()), "unit_id": UNIT, "answers": dict(SKM_ANSWERS), **overrides}


def post(stack, body, **kwargs):
    return requests.post(f"{stack.url('submit')}/api/v1/responses", json=body, timeout=10, **kwargs)


def test_a_response_is_stored_once_and_a_retry_gets_the_same_receipt(stack, store):
    body = submission(
        profile={"age": 34, "gender": "P", "education": "S1", "occupation": "swasta"}, suggestion="Antrean terlalu lama"
    )
    body["form_token"] = opened_a_minute_ago(body["submission_id"])
    first = post(stack, body)
    assert first.status_code == 201
    receipt = first.json()["receipt"]
    assert re.fullmatch(r"[34679ACDEFGHJKMNPQRTUVWXY]{8}", receipt)
    assert re.fullmatch(r"\d{4}-Q[1-4]", first.json()["quarter"])
    again = post(stack, body)
    assert (again.status_code, again.json()) == (200, first.json())
    [doc] = stored_responses(store)
    assert doc["response_id"] == body["submission_id"] and doc["receipt"] == receipt
    assert doc["answers"] == SKM_ANSWERS and doc["profile"]["occupation"] == "SWASTA"
    assert doc["quarter"] == first.json()["quarter"] and doc["submitted_at"] is not None
    assert doc["questionnaires"] == {"skm": 1} and doc["schema_version"] == 1 and doc["flags"] == []


def test_invalid_answers_get_422_with_field_errors_and_store_nothing(stack, store):
    body = submission()
    del body["answers"]["U3"]
    body["answers"]["U1"] = 7
    response = post(stack, body)
    assert response.status_code == 422
    errors = {e["field"]: e["message"] for e in response.json()["errors"]}
    assert errors == {
        "answers.U3": "Silakan pilih salah satu jawaban.",
        "answers.U1": "Jawaban harus bernilai 1 sampai 4.",
    }
    english = post(stack, {**body, "lang": "en"}).json()["errors"]
    assert {e["message"] for e in english} == {"Please choose one answer.", "The answer must be between 1 and 4."}
    assert stored_responses(store) == []


@pytest.mark.parametrize(
    ("body", "status"),
    [
        ({"submission_id": "x"}, 422),
        ([1, 2, 3], 422),
        ("just text", 422),
    ],
)
def test_malformed_bodies_are_client_errors(stack, store, body, status):
    assert post(stack, body).status_code == status
    assert stored_responses(store) == []


def test_other_client_errors(stack, store):
    unknown = post(stack, submission(unit_id="kelurahan-tidak-ada"))
    assert unknown.status_code == 404 and unknown.json()["errors"][0]["field"] == "unit_id"
    bad_json = requests.post(
        f"{stack.url('submit')}/api/v1/responses",
        data=b"{oops",
        headers={"Content-Type": "application/json"},
        timeout=10,
    )
    assert bad_json.status_code == 400
    wrong_method = requests.get(f"{stack.url('submit')}/api/v1/responses", timeout=10)
    assert wrong_method.status_code == 405 and "POST" in wrong_method.headers["Allow"]
    assert requests.get(f"{stack.url('submit')}/nothing/here", timeout=10).status_code == 404
    assert stored_responses(store) == []


def test_the_form_is_served_from_questionnaire_data_in_both_languages(stack, store):
    page = requests.get(f"{stack.url('submit')}/u/puskesmas-teluk-dalam", timeout=10)
    assert page.status_code == 200 and '<html lang="id">' in page.text
    assert "Sangat mahal" in page.text and "Dikelola dengan baik" in page.text
    assert 'name="IPAK5"' in page.text and 'name="IPKP9"' in page.text
    english = requests.get(f"{stack.url('submit')}/u/puskesmas-teluk-dalam?lang=en", timeout=10)
    assert '<html lang="en">' in english.text and "Very expensive" in english.text
    by_header = requests.get(
        f"{stack.url('submit')}/u/{UNIT}", headers={"Accept-Language": "en-US,en;q=0.9"}, timeout=10
    )
    assert "Send survey" in by_header.text
    missing = requests.get(f"{stack.url('submit')}/u/tidak-ada", timeout=10)
    assert missing.status_code == 404 and "tidak ditemukan" in missing.text
    index = requests.get(f"{stack.url('submit')}/", timeout=10)
    assert "Puskesmas Teluk Dalam" in index.text and 'href="/u/dpmptsp?lang=id"' in index.text


def test_a_plain_form_post_redirects_to_the_receipt(stack, store):
    form = {
        "submission_id": str(uuid.uuid4()),
        "lang": "id",
        **{k: str(v) for k, v in SKM_ANSWERS.items()},
        "gender": "L",
        "age": "41",
        "suggestion": "<script>alert('x')</script>",
    }
    response = requests.post(f"{stack.url('submit')}/u/{UNIT}", data=form, allow_redirects=False, timeout=10)
    assert response.status_code == 303
    receipt_path = response.headers["Location"]
    assert re.fullmatch(r"/r/[34679ACDEFGHJKMNPQRTUVWXY]{8}\?lang=id", receipt_path)
    receipt = requests.get(stack.url("submit") + receipt_path, timeout=10)
    assert receipt.status_code == 200 and receipt_path[3:11] in receipt.text
    [doc] = stored_responses(store)
    assert doc["suggestion"] == "<script>alert('x')</script>" and doc["profile"]["age"] == 41
    assert doc["channel"] == "web"


def test_a_wrong_form_comes_back_with_answers_kept_and_errors_beside_questions(stack, store):
    form = {"submission_id": str(uuid.uuid4()), "lang": "id", "U1": "4", "U2": "2", "suggestion": "<b>halo</b>"}
    response = requests.post(f"{stack.url('submit')}/u/{UNIT}", data=form, allow_redirects=False, timeout=10)
    assert response.status_code == 422
    assert 'name="U1" value="4" checked' in response.text and 'name="U2" value="2" checked' in response.text
    assert response.text.count("Silakan pilih salah satu jawaban.") == 7
    assert '<a href="#q-U3">Ada 7 pertanyaan yang belum dijawab, mulai nomor 3.</a>' in response.text  # one line
    assert "&lt;b&gt;halo&lt;/b&gt;" in response.text and "<b>halo</b>" not in response.text
    assert stored_responses(store) == []


def test_a_receipt_names_one_response_even_when_a_code_is_drawn_twice(stack, store, monkeypatch):
    """25^8 codes: about three colliding pairs per million responses; the second draws again."""
    from shared.rules.periods import JAKARTA
    from shared.usecases import submission as use_case

    monkeypatch.setattr(use_case, "new_receipt", lambda: "AAAA3333")
    first, second = submission(suggestion="pertama"), submission(suggestion="kedua")
    receipts = [use_case.accept(body, store.units, store.responses, zone=JAKARTA).receipt for body in (first, second)]
    assert receipts[0] == "AAAA3333" and receipts[1] != "AAAA3333"
    assert store.responses.find_by_receipt("AAAA3333").suggestion == "pertama"
    assert store.responses.find_by_receipt(receipts[1]).suggestion == "kedua"
    retry = use_case.accept(second, store.units, store.responses, zone=JAKARTA)  # a retry keeps its receipt
    assert retry.receipt == receipts[1] and not retry.created
    assert len(stored_responses(store)) == 2


def test_the_json_api_checks_the_same_form_token_and_fill_time_as_the_form(stack, store):
    questionnaire = f"{stack.url('submit')}/api/v1/units/{UNIT}/questionnaire"
    assert "form_token" not in requests.get(questionnaire, timeout=10).json()  # cacheable without one
    fresh = submission()
    handed = requests.get(questionnaire, params={"submission_id": fresh["submission_id"]}, timeout=10)
    assert handed.headers["Cache-Control"] == "no-store" and handed.json()["form_token"]
    assert requests.get(questionnaire, params={"submission_id": "x"}, timeout=10).status_code == 422
    cases = {
        "too-fast": {**fresh, "form_token": handed.json()["form_token"]},  # sent the moment it was opened
        "no-form-token": submission(),
        "forged": submission(form_token="1.x"),
        "honeypot": {**(b := submission()), "form_token": opened_a_minute_ago(b["submission_id"]), "website": "x"},
        "honest": {**(h := submission()), "form_token": opened_a_minute_ago(h["submission_id"])},
    }
    for case, body in cases.items():
        assert post(stack, body).status_code == 201, case  # stored, never refused: flags only exclude
    flags = {doc["response_id"]: doc["flags"] for doc in stored_responses(store)}
    assert flags[cases["too-fast"]["submission_id"]] == ["too-fast"]
    assert (
        flags[cases["no-form-token"]["submission_id"]] == flags[cases["forged"]["submission_id"]] == ["no-form-token"]
    )
    assert flags[cases["honeypot"]["submission_id"]] == ["honeypot"]
    assert flags[cases["honest"]["submission_id"]] == []
    assert {doc["channel"] for doc in stored_responses(store)} == {"api"}  # stored with how it arrived
