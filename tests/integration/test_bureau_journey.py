"""The bureau runs a period from the browser alone (issue 18): signs in with a one-time link, adds
a unit and an operator (who signs in with their own link), reads the dashboard, gets the recap
and publishes. Every page at 360 px: no sideways scrolling, no axe-core violation, under 30 KB.
The guide's pictures (functions/report/skm_report/guide/) are taken here, so they stay current."""

from __future__ import annotations

from pathlib import Path

import pytest
import requests

from tests.helpers.data import Q3, add_operator

pytestmark = [pytest.mark.stack, pytest.mark.browser]
GUIDE = Path(__file__).resolve().parents[2] / "functions" / "report" / "skm_report" / "guide"
PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 900}
BAD_UNITS = "kode_unit;nama;jenis\nKel Y;;Kelurahan\n".encode("utf-16")


class Checked:
    """A Chromium page of the operator area that checks each page it lands on."""

    def __init__(self, browser, artifacts: Path, viewport: dict, name: str):
        self.context = browser.new_context(viewport=viewport, locale="id-ID", java_script_enabled=True)
        self.page = self.context.new_page()
        self.artifacts, self.width, self.name = artifacts, viewport["width"], name
        self.sizes: dict[str, int] = {}

    def look(self, label: str, guide: str = "", anchor: str = "") -> None:
        from axe_playwright_python.sync_playwright import Axe

        page = self.page
        size = len(page.content().encode())
        self.sizes[label] = size
        assert size < 30_000, (label, size)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= self.width, (label, width)
        violations = Axe().run(page).response["violations"]
        assert [f"{v['id']}: {v['help']}" for v in violations] == [], label
        page.screenshot(path=self.artifacts / f"{self.name}-{label}.png", full_page=True)
        if guide:
            if anchor:
                page.evaluate(f"document.querySelector('{anchor}').scrollIntoView()")
            page.screenshot(path=GUIDE / f"{guide}.png")

    def click(self, text: str) -> None:
        with self.page.expect_navigation():
            self.page.click(text)


def link_path(stack, link: str) -> str:
    return stack.url("report") + "/operator/masuk/" + link.rsplit("/", 1)[1]


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["360", "1280"])
def test_the_bureau_runs_a_period_from_the_browser_alone(q3_data, stack, store, browser, artifacts, viewport):
    from skm.admin import sign_in_link

    add_operator(store, "biro-organisasi@contoh.go.id", bureau=True)
    bureau = Checked(browser, artifacts, viewport, f"bureau-{viewport['width']}")
    guide = viewport == PHONE  # the guide shows the phone
    page = bureau.page
    page.goto(link_path(stack, sign_in_link("biro-organisasi@contoh.go.id", "test")))
    bureau.look("sign-in", "masuk" if guide else "")
    bureau.click("button[type=submit]")
    page.select_option("#period", Q3.key)
    bureau.click("text=Tampilkan")
    assert page.locator("table.dash tbody tr").count() == len(store.units.list_units())
    bureau.look("home", "beranda" if guide else "", "#filter")

    bureau.click("a[href*='/operator/units']")
    page.fill("#f-unit_id", f"kelurahan-baru-{viewport['width']}")
    page.fill("#f-name", "Kelurahan Baru")
    page.fill("#f-type", "Kelurahan")
    page.fill("#f-service_users_per_quarter", "1.500")
    bureau.click("#add ~ form button[type=submit]")
    assert store.units.get_unit(f"kelurahan-baru-{viewport['width']}").service_users_per_quarter == 1500
    bureau.look("units", "unit-layanan" if guide else "", "#add")
    page.set_input_files("#units-file", files=[{"name": "unit.csv", "mimeType": "text/csv", "buffer": BAD_UNITS}])
    bureau.click("#import ~ form button[type=submit]")
    assert "Baris 2, kolom A (unit_id)" in page.inner_text("main")
    bureau.look("units-refused")
    page.goto(f"{stack.url('report')}/operator/units/kelurahan-baru-{viewport['width']}")
    bureau.look("unit-edit")

    page.goto(f"{stack.url('report')}/operator/operators")
    page.fill("#email", f"lurah-{viewport['width']}@contoh.go.id")
    page.check(f"input[name=units][value=kelurahan-baru-{viewport['width']}]")
    bureau.click("#add ~ form button[type=submit]")
    bureau.look("operator-link", "tautan-masuk" if guide else "")
    their_link = page.input_value("#sign-in-link")
    lurah = Checked(browser, artifacts, viewport, f"lurah-{viewport['width']}")
    lurah.page.goto(link_path(stack, their_link))
    lurah.click("button[type=submit]")
    assert lurah.page.locator("table.dash tbody tr").count() == 1
    lurah.look("home")

    page.goto(f"{stack.url('report')}/operator/operators")
    assert "Chrome, Linux" in page.text_content("#people")  # the new operator's phone, in their device list
    bureau.look("operators")
    page.goto(f"{stack.url('report')}/operator?period={Q3.key}")
    bureau.click("button[value=pdf]")
    bureau.look("recap-link", "laporan" if guide else "")
    pdf = requests.get(page.get_attribute("#report-link", "href"), timeout=60)
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")

    page.goto(f"{stack.url('report')}/operator?period={Q3.key}")
    bureau.click("text=Terbitkan periode ini")
    bureau.look("publish-confirm")
    bureau.click("text=Ya, terbitkan")
    assert "diterbitkan" in page.inner_text("main")
    bureau.look("published", "terbitkan" if guide else "")
    assert (stack.workdir / "public" / Q3.key / "index.html").exists()

    unit = f"{stack.url('report')}/operator/u/puskesmas-teluk-dalam/{Q3.key}"
    page.goto(unit)
    bureau.look("unit", "pengaduan" if guide else "", "#complaints")
    page.goto(unit + "#devices")
    bureau.look("unit-kiosk", "kios" if guide else "", "#devices")
    page.fill("#device-name", "Tablet loket 1")
    bureau.click("text=Daftarkan tablet")
    bureau.look("kiosk-link")
    page.goto(unit)
    page.locator("input[type=date][id^=due_]").first.fill("2020-01-01")
    bureau.click("#plan ~ form button[type=submit]")
    assert "tidak boleh sebelum hari ini" in page.inner_text("#plan ~ p.err")
    bureau.look("unit-refused-plan")
    page.goto(unit)
    bureau.click("#official ~ form button[value=pdf]")
    bureau.look("official-link")
    page.goto(unit + "/paper")
    bureau.look("paper", "kertas" if guide else "")
    page.goto(f"{stack.url('report')}/operator/panduan")
    bureau.look("guide")
    page.goto(f"{stack.url('report')}/operator/u/no-such-unit/{Q3.key}")
    bureau.look("message")
    signed_out = Checked(browser, artifacts, viewport, f"signed-out-{viewport['width']}")
    signed_out.page.goto(f"{stack.url('report')}/operator")
    assert "skm operator" not in signed_out.page.content()  # the help points to a sign-in link
    signed_out.look("sign-in-page")
    print(viewport["width"], "page bytes:", bureau.sizes)
