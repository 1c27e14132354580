"""The area's home is the period's dashboard (issue 18, points 1 and 4), in-process on fakes."""

import re

from tests.handlers.test_report_handlers import PUSKESMAS, Q3, aggregated, operator, sign_in


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
    assert first == PUSKESMAS and f"/operator/u/{PUSKESMAS}/{Q3.key}?lang=id#complaints" in by_complaints
    assert report.get(f"/operator?period={Q3.key}&sort=nonsense&page=99").status_code == 200


def test_a_unit_operator_sees_only_their_units(report, services):
    aggregated(services)
    sign_in(report, operator(services, [PUSKESMAS]))
    home = report.get(f"/operator?period={Q3.key}").text
    assert re.findall(r'<td><a href="/operator/u/([^/]+)/', home) == [PUSKESMAS]
    assert "/operator/units" not in home and "/operator/operators" not in home
