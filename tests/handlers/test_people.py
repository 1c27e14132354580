"""The bureau manages operators in the browser and signs them in with one-time links (issue 18,
points 2 and 3), in-process on fakes."""

import re
from datetime import datetime, timedelta, timezone

from shared.rules import access
from tests.helpers.http import PUSKESMAS, client_of, operator, sign_in

PHONE = "Mozilla/5.0 (Linux; Android 13) AppleWebKit/537.36 Chrome/120.0 Mobile Safari/537.36"


def fresh_client():
    from functions.report.skm_report.app import app

    return client_of(app)


def test_the_bureau_adds_an_operator_who_signs_in_with_a_one_time_link(report, services):
    csrf = sign_in(report, operator(services, bureau=True))
    refused = report.post("/operator/operators", data={"csrf": csrf, "email": "kapus", "units": [PUSKESMAS]})
    assert (
        refused.status_code == 422 and "alamat email yang lengkap" in refused.text and 'value="kapus"' in refused.text
    )
    no_unit = report.post("/operator/operators", data={"csrf": csrf, "email": "kapus@contoh.go.id"})
    assert no_unit.status_code == 422 and "minimal satu unit" in no_unit.text
    added = report.post("/operator/operators", data={"csrf": csrf, "email": "Kapus@Contoh.go.id", "units": [PUSKESMAS]})
    assert added.status_code == 200 and "Tautan masuk untuk kapus@contoh.go.id" in added.text and "<svg" in added.text
    link = re.search(r'id="sign-in-link" readonly value="([^"]+)"', added.text)[1]
    path = link.removeprefix(services.settings.report_base_url)
    device = fresh_client()
    shown = device.get(path)
    assert shown.status_code == 200 and "kapus@contoh.go.id" in shown.text
    assert device.get(path).status_code == 200  # a link preview (a GET) does not spend it
    opened = device.post(path, headers={"User-Agent": PHONE})
    assert opened.status_code == 303 and "Max-Age=2592000" in opened.headers["Set-Cookie"]
    home = device.get("/operator")
    assert home.status_code == 200 and "kapus@contoh.go.id" in home.text and "Puskesmas" in home.text
    assert fresh_client().post(path).status_code == 410  # once only
    assert "sudah dipakai" in fresh_client().get(path).text
    person = next(p for p in services.access.list_operators() if p.email == "kapus@contoh.go.id")
    (session,) = services.access.sessions_of(person.token_hash, datetime.now(timezone.utc))
    assert session["device"] == "Chrome, Android" and session["via"] == "link"
    assert session["expires_at"] - datetime.now(timezone.utc) > timedelta(days=29)
    listing = report.get("/operator/operators")
    assert "Chrome, Android" in listing.text and "menambah operator" in listing.text
    signed_out = report.post(
        f"/operator/operators/{person.token_hash}/sessions/{session['key']}/end", data={"csrf": csrf}
    )
    assert signed_out.status_code == 303 and device.get("/operator").status_code == 200
    assert "Token operator" in device.get("/operator").text  # back on the sign-in page
    assert "mengeluarkan perangkat milik" in report.get("/operator/operators").text


def test_a_link_expires_and_revoking_an_operator_ends_their_sessions(report, services):
    csrf = sign_in(report, operator(services, bureau=True))
    added = report.post("/operator/operators", data={"csrf": csrf, "email": "lurah@contoh.go.id", "units": [PUSKESMAS]})
    path = re.search(r'readonly value="([^"]+)"', added.text)[1].removeprefix(services.settings.report_base_url)
    key = access.link_key(path.rsplit("/", 1)[1])
    services.access.links[key]["expires_at"] = datetime.now(timezone.utc) - timedelta(seconds=1)
    assert fresh_client().post(path).status_code == 410
    person = next(p for p in services.access.list_operators() if p.email == "lurah@contoh.go.id")
    again = report.post(f"/operator/operators/{person.token_hash}/link", data={"csrf": csrf})
    device = fresh_client()
    device.post(re.search(r'readonly value="([^"]+)"', again.text)[1].removeprefix(services.settings.report_base_url))
    assert "lurah@contoh.go.id" in device.get("/operator").text
    assert report.post(f"/operator/operators/{person.token_hash}/revoke", data={"csrf": csrf}).status_code == 303
    assert device.get("/operator").status_code == 200 and "Token operator" in device.get("/operator").text
    assert "mencabut akses" in report.get("/operator/operators").text


def test_only_the_bureau_manages_operators(report, services):
    csrf = sign_in(report, operator(services, [PUSKESMAS]))
    assert report.get("/operator/operators").status_code == 403
    bureau = operator(services, bureau=True)
    assert report.post("/operator/operators", data={"csrf": csrf, "email": "x@y.id", "bureau": "1"}).status_code == 403
    assert report.post(f"/operator/operators/{access.token_hash(bureau)}/link", data={"csrf": csrf}).status_code == 403
    assert fresh_client().get("/operator/masuk/not-a-code").status_code == 410


def test_an_operators_units_are_ticked_from_checkboxes_grouped_by_type_and_filtered_by_name(report, services):
    from shared.rules.records import Unit

    many = [Unit(unit_id=f"kel-{n:02d}", name=f"Kelurahan Nomor {n}", type="Kelurahan") for n in range(12)]
    services.units.put_units(many)
    sign_in(report, operator(services, bureau=True))
    page = report.get("/operator/operators").text
    assert 'type="checkbox" name="units" value="kel-07"' in page and "<select" not in page.split('id="add"')[1]
    assert '<p class="meta">Kelurahan</p>' in page and 'id="cari"' in page
    narrowed = report.get("/operator/operators?cari=nomor+1").text.split('id="add"')[1]
    assert 'value="kel-10"' in narrowed and 'value="kel-01"' in narrowed and 'value="kel-07"' not in narrowed


def test_signing_in_refuses_a_post_sent_from_another_site(report, services):
    """Issue 26, point 15 (login CSRF): a page elsewhere cannot sign a browser in as someone."""
    token = operator(services, bureau=True)
    evil = {"Origin": "https://evil.example"}
    refused = fresh_client().post("/operator/login", data={"token": token}, headers=evil)
    assert refused.status_code == 403 and "dari situs lain" in refused.text and "Set-Cookie" not in refused.headers
    for site in ("cross-site", "same-site"):  # another service on a shared domain is another site
        crossed = fresh_client().post("/operator/login", data={"token": token}, headers={"Sec-Fetch-Site": site})
        assert crossed.status_code == 403
    null = {"Origin": "null", "Sec-Fetch-Site": "same-origin"}  # what Chromium sends under no-referrer
    assert fresh_client().post("/operator/login", data={"token": token}, headers=null).status_code == 303
    own = {"Origin": services.settings.report_base_url, "Sec-Fetch-Site": "same-origin"}
    assert fresh_client().post("/operator/login", data={"token": token}, headers=own).status_code == 303
    assert fresh_client().post("/operator/login", data={"token": token}).status_code == 303  # a script: no Origin
    csrf = sign_in(report, token)
    added = report.post("/operator/operators", data={"csrf": csrf, "email": "lurah@contoh.go.id", "units": [PUSKESMAS]})
    path = re.search(r'readonly value="([^"]+)"', added.text)[1].removeprefix(services.settings.report_base_url)
    assert fresh_client().post(path, headers={"Referer": "https://evil.example/x"}).status_code == 403
    assert fresh_client().post(path, headers={"Referer": services.settings.report_base_url + path}).status_code == 303
