"""A unit's tablet at the counter: enrolled once by its link, one respondent after another in
Chromium (no JavaScript) at a tablet's 800x1280 and a phone's 360 px, through to the PDF."""

import re
import uuid

import pytest
import requests

from shared.rules.periods import JAKARTA, Period
from skm.local import trigger_aggregate
from tests.helpers.area import CHROMIUM, FLAGS, Area, pdf_text, report_link
from tests.helpers.data import add_operator, stored_responses

pytestmark = [pytest.mark.stack, pytest.mark.browser]
UNIT = "kelurahan-teluk-dalam"  # SKM only


@pytest.fixture(scope="module")
def chromium():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
        yield browser
        browser.close()


def register_tablet(stack, area: Area, name: str = "Tablet loket 1") -> str:
    period = Period.now(zone=JAKARTA).key
    made = area.post(f"/u/{UNIT}/{period}/devices", {"name": name})
    assert made.status_code == 200 and "<svg" in made.text  # the link, and its QR code for the camera
    return re.search(r'id="enrol-link" href="([^"]+)"', made.text).group(1).replace("&amp;", "&")


def answer_all(page, score: str) -> None:
    for i in range(1, 10):
        page.locator(f"input[name=U{i}][value='{score}']").click()  # a tap on the label's radio


@pytest.mark.parametrize("viewport", [{"width": 800, "height": 1280}, {"width": 360, "height": 740}])
def test_a_kiosk_serves_one_respondent_after_another(stack, store, chromium, artifacts, viewport):
    area = Area(stack, add_operator(store, "lurah@contoh.go.id", units=[UNIT]))
    link = register_tablet(stack, area)
    tablet = chromium.new_context(viewport=viewport, locale="id-ID", java_script_enabled=False, has_touch=True)
    page = tablet.new_page()
    page.goto(link)
    page.screenshot(path=artifacts / f"kiosk-enrol-{viewport['width']}.png")
    with page.expect_navigation():
        page.get_by_role("button", name="Aktifkan kios").click()
    assert page.url.endswith("/k?lang=id")
    assert requests.post(link, timeout=10).status_code == 410  # the link works once
    height = page.locator("input[name=U1][value='4']").locator("xpath=..").bounding_box()["height"]
    assert height >= 60  # large touch targets
    page.screenshot(path=artifacts / f"kiosk-form-{viewport['width']}.png")
    answer_all(page, "4")
    page.locator("#suggestion").fill("Antrean <b>lama</b>")
    with page.expect_navigation():
        page.get_by_role("button", name="Kirim survei").click()
    assert "/k/selesai" in page.url and page.locator("#receipt").inner_text()  # to follow the complaint up
    assert "Antrean" not in page.content()  # nothing of the answers on the thank-you screen
    page.screenshot(path=artifacts / f"kiosk-thanks-{viewport['width']}.png")
    page.wait_for_url("**/k?lang=id", timeout=15_000)  # back to a fresh form by itself
    assert page.locator("input[type=radio]:checked").count() == 0 and page.locator("#suggestion").input_value() == ""
    with page.expect_navigation():
        page.get_by_role("button", name="English").click()  # a visitor who reads English
    assert page.locator("html").get_attribute("lang") == "en"
    answer_all(page, "3")
    with page.expect_navigation():
        page.get_by_role("button", name="Send survey").click()
    assert page.locator("#receipt").count() == 0  # no suggestion: no code to show
    page.wait_for_url("**/k?lang=id", timeout=15_000)  # the next person starts in Bahasa Indonesia again
    stored = stored_responses(store)
    assert [doc["channel"] for doc in stored] == ["kiosk", "kiosk"] and len({doc["device_id"] for doc in stored}) == 1
    assert all(doc["flags"] == [] for doc in stored)  # the device stands for the form token
    tablet.close()


def test_a_device_key_sends_through_the_api_until_it_is_revoked_and_reaches_the_pdf(
    stack, store, chromium, bureau, artifacts
):
    area = Area(stack, add_operator(store, "lurah@contoh.go.id", units=[UNIT]))
    link = register_tablet(stack, area)
    tablet = chromium.new_context(java_script_enabled=False, locale="id-ID")
    page = tablet.new_page()
    page.goto(link)
    with page.expect_navigation():
        page.get_by_role("button", name="Aktifkan kios").click()
    key = next(c["value"] for c in tablet.cookies() if c["name"] == "skm_kiosk")
    cookie = next(c for c in tablet.cookies() if c["name"] == "skm_kiosk")
    assert cookie["httpOnly"] and cookie["sameSite"] == "Strict"

    def send(unit_id=UNIT, auth=f"Bearer {key}", address="198.51.100.9"):
        body = {"submission_id": str(uuid.uuid4()), "unit_id": unit_id, "answers": {f"U{i}": 4 for i in range(1, 10)}}
        headers = {"Authorization": auth, "X-Forwarded-For": address}
        return requests.post(f"{stack.url('submit')}/api/v1/responses", json=body, headers=headers, timeout=10)

    assert [send().status_code for _ in range(3)] == [201] * 3  # no form token needed
    assert send().status_code == 429  # the device's own pace: 3 a minute
    assert send(auth="Bearer " + key[:-2] + "xx").status_code == 401
    assert send(unit_id="dpmptsp").status_code == 403  # a kiosk sends for its own unit only
    assert {(d["channel"], tuple(d["flags"])) for d in stored_responses(store)} == {("kiosk", ())}
    running = Period.now(zone=JAKARTA)
    trigger_aggregate(stack.url("aggregate"), running.key)
    text = pdf_text(report_link(stack, bureau, unit_id=UNIT, period=running.key), artifacts / "kiosk.pdf")
    assert "Kios di loket" in text
    device_id = key.split(".")[0]
    revoked = area.post(f"/u/{UNIT}/{running.key}/devices/{device_id}/revoke", {})
    assert revoked.status_code == 303
    assert send().status_code == 401
    page.goto(f"{stack.url('submit')}/k")
    assert "bukan kios terdaftar" in page.content()
    tablet.close()
