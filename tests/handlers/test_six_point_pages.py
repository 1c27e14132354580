"""The six-point ZI kit in the operator area, in-process on fakes: a paper form typed in, read
back as typed, its scale enforced."""

from tests.helpers.http import operator, sign_in


def test_a_six_point_paper_form_is_typed_in_read_back_and_its_scale_enforced(report, services):
    from shared.rules.records import Unit

    services.units.put_units(
        [Unit(unit_id="inspektorat", name="Inspektorat", type="Perangkat Daerah", surveys=("skm", "spkp", "spak"))]
    )
    csrf = sign_in(report, operator(services, ["inspektorat"]))
    base = "/operator/u/inspektorat/2026-Q3/paper"
    row = {"r1_id": "paper-row-0000000009", "r1_skm": "443444344", "r1_spkp": "4" * 20 + "33333", "r1_spak": "66665555"}
    wrong = report.post(base, data={"day": "2026-09-15", "csrf": csrf, **row, "r1_spak": "66667555"})
    assert wrong.status_code == 422 and "1 sampai 6" in wrong.text  # a 7 on a six-point form
    assert report.post(base, data={"day": "2026-09-15", "csrf": csrf, **row}).status_code == 303
    page = report.get(base).text
    assert '<span class="typed">6 6 6 6 5 5 5 5</span>' in page and "SPKP" in page
    [saved] = [r for r in services.responses.docs.values() if r["unit_id"] == "inspektorat"]
    assert saved["answers"]["SPKP25"] == 3 and saved["questionnaires"] == {"skm": 1, "spkp": 1, "spak": 1}
