"""Suggestions in the operator area, in-process on fakes: exports masked for anyone but the
unit's own operators, and a label corrected, refused when wrong, and kept with its history."""

from shared.rules.periods import Period
from tests.helpers.data import quarter_data
from tests.helpers.http import PUSKESMAS, operator, sign_in

Q3 = Period.parse("2026-Q3")
PHONE = "0812-3456-7890"


def with_a_phone_number(services) -> str:
    first = quarter_data()[PUSKESMAS][0]
    services.responses.put_responses([first.model_copy(update={"suggestion": f"antre lama, telp {PHONE}"})])
    return first.response_id


def test_exports_show_what_was_written_to_the_units_own_operator_and_mask_it_for_the_bureau(report, services):
    with_a_phone_number(services)
    sign_in(report, operator(services, [PUSKESMAS]))
    own = report.get(f"/operator/u/{PUSKESMAS}/{Q3.key}/responses.csv").text
    assert PHONE in own
    sign_in(report, operator(services, bureau=True))
    for path in ("responses.csv", "responses.xlsx", "complaints.xlsx"):
        answer = report.get(f"/operator/u/{PUSKESMAS}/{Q3.key}/{path}")
        assert answer.status_code == 200 and PHONE.encode() not in answer.data, path
    assert "[nomor HP]" in report.get(f"/operator/u/{PUSKESMAS}/{Q3.key}/responses.csv").text


def test_an_operator_corrects_a_label_and_the_history_is_kept(report, services):
    response_id = with_a_phone_number(services)
    csrf = sign_in(report, operator(services, [PUSKESMAS]))
    path = f"/operator/label/{response_id}"
    page = report.get(path)
    assert page.status_code == 200 and "antre lama" in page.text and 'value="U3" checked' in page.text
    refused = report.post(path, data={"csrf": csrf, "kind": "marah", "elements": ["U3"]})
    assert refused.status_code == 422 and "Pilih jenis" in refused.text
    unknown = report.post(path, data={"csrf": csrf, "kind": "saran", "elements": ["U3", "X9"]})
    assert unknown.status_code == 422 and "Unsur tidak dikenal" in unknown.text
    assert services.ops.follow_up(response_id) is None  # a refusal changes nothing
    saved = report.post(path, data={"csrf": csrf, "kind": "saran", "elements": ["U9", "U3"]})
    assert saved.status_code == 303
    kept = services.ops.follow_up(response_id)
    assert kept["label"]["kind"] == "saran" and kept["label"]["elements"] == ["U3", "U9"]  # questionnaire order
    assert kept["label_history"][0]["before"] is None and kept["label"]["by"] == "op@contoh.go.id"
    report.post(path, data={"csrf": csrf, "kind": "keluhan", "elements": ["U3"]})
    history = services.ops.follow_up(response_id)["label_history"]
    assert [h["kind"] for h in history] == ["saran", "keluhan"] and history[1]["before"]["kind"] == "saran"
    assert "label diperbaiki operator" in report.get(f"/operator/u/{PUSKESMAS}/{Q3.key}").text
    assert report.post(path, data={"kind": "saran"}).status_code == 403  # no CSRF token


def test_another_units_operator_cannot_see_or_correct_a_label(report, services):
    response_id = with_a_phone_number(services)
    csrf = sign_in(report, operator(services, ["dpmptsp"]))
    path = f"/operator/label/{response_id}"
    assert report.get(path).status_code == 403
    assert report.post(path, data={"csrf": csrf, "kind": "saran"}).status_code == 403
    assert services.ops.follow_up(response_id) is None
