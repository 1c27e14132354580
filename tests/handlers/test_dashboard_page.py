"""The area's home is the period's dashboard (issue 18, points 1 and 4), in-process on fakes."""

import re

from tests.helpers.data import Q3
from tests.helpers.http import PUSKESMAS, aggregated, operator, sign_in


def test_the_bureau_sees_every_unit_of_the_period_sorted_and_filtered_on_the_server(report, services):
    aggregated(services)
    sign_in(report, operator(services, bureau=True))
    home = report.get(f"/operator?period={Q3.key}")
    assert home.status_code == 200 and len(home.data) < 30_000
    names = re.findall(r'<td><a href="/operator/u/([^/]+)/', home.text)
    assert set(names) == {unit.unit_id for unit in services.units.list_units()}
    assert "pengaduan belum ditanggapi" in home.text and 'class="bar"' in home.text
    kelurahan = report.get(f"/operator?period={Q3.key}&type=Kelurahan&sort=name").text
    assert re.findall(r'<td><a href="/operator/u/([^/]+)/', kelurahan) == ["kelurahan-teluk-dalam"]
    by_complaints = report.get(f"/operator?period={Q3.key}&sort=complaints").text
    first = re.findall(r'<td><a href="/operator/u/([^/]+)/', by_complaints)[0]
    inbox = f"/operator/complaints?lang=id&amp;unit={PUSKESMAS}&amp;period={Q3.key}&amp;status=baru"
    assert first == PUSKESMAS and inbox in by_complaints  # each unit's count leads to its complaints
    assert report.get(f"/operator?period={Q3.key}&sort=nonsense&page=99").status_code == 200


def test_a_unit_operator_sees_only_their_units(report, services):
    aggregated(services)
    sign_in(report, operator(services, [PUSKESMAS]))
    home = report.get(f"/operator?period={Q3.key}").text
    assert re.findall(r'<td><a href="/operator/u/([^/]+)/', home) == [PUSKESMAS]
    assert "/operator/units" not in home and "/operator/operators" not in home


def test_the_inbox_filters_by_status_thanks_praise_in_one_press_and_flags_late_complaints(report, services):
    from datetime import datetime, timedelta, timezone

    aggregated(services)
    csrf = sign_in(report, operator(services, [PUSKESMAS]))
    base = f"/operator/u/{PUSKESMAS}/{Q3.key}"
    is_new = lambda r: (services.responses.merged(r).get("complaint_status") or "baru") == "baru"  # noqa: E731
    docs = services.responses.docs.values()
    complaints = [r for r in docs if r["unit_id"] == PUSKESMAS and r.get("suggestion") and is_new(r)]
    praise, late = complaints[0], complaints[1]
    late["submitted_at"] = datetime.now(timezone.utc) - timedelta(hours=73)
    page = report.get(base).text
    assert page.count("Lewat target tanggap (72 jam)") >= 1 and f'id="r-{late["response_id"]}"' in page
    thanked = report.post(f"{base}/complaint/{praise['response_id']}", data={"csrf": csrf, "praise": "1"})
    assert thanked.status_code == 303
    assert services.ops.follow_ups[praise["response_id"]]["reply"].startswith("Terima kasih atas apresiasi")
    done = report.get(f"{base}?status=selesai").text
    assert f'id="r-{praise["response_id"]}"' in done and f'id="r-{late["response_id"]}"' not in done
    new = report.get(f"{base}?status=baru").text
    assert f'id="r-{praise["response_id"]}"' not in new and f'id="r-{late["response_id"]}"' in new
