"""The citizen's pages in a real browser (Debian's Chromium driven by Playwright), checked with axe-core."""

import pytest

from shared.rules.periods import JAKARTA, Period
from tests.helpers.area import accessibility_violations, new_phone
from tests.helpers.data import stored_responses

pytestmark = [pytest.mark.stack, pytest.mark.browser]
SKM = [f"U{i}" for i in range(1, 10)]


@pytest.fixture
def phone(browser):
    context = new_phone(browser, javascript=False)
    yield context.new_page()
    context.close()


def test_a_citizen_completes_the_form_on_a_small_screen(stack, store, phone, artifacts):
    phone.goto(f"{stack.url('submit')}/u/kelurahan-teluk-dalam")
    phone.screenshot(path=artifacts / "form-top.png")
    for code in SKM:
        phone.locator(f"input[name={code}][value='3']").check()
    phone.get_by_label("Jenis kelamin").select_option("P")
    phone.get_by_label("Layanan yang diterima").select_option("Surat pengantar")
    phone.get_by_label("Saran atau pengaduan (opsional)").fill("Ruang tunggu nyaman")
    phone.screenshot(path=artifacts / "form-filled.png", full_page=True)
    phone.get_by_role("button", name="Kirim survei").click()
    phone.wait_for_url("**/r/*")
    receipt = phone.locator("#receipt").inner_text()
    assert "status: Baru" in phone.locator("#complaint").inner_text()
    phone.screenshot(path=artifacts / "receipt.png")
    [doc] = stored_responses(store)
    assert doc["receipt"] == receipt and doc["profile"]["gender"] == "P"
    assert doc["profile"]["service"] == "Surat pengantar"


def test_the_keyboard_alone_completes_the_form(stack, store, browser):
    context = new_phone(browser, javascript=True)
    page = context.new_page()
    page.goto(f"{stack.url('submit')}/u/dpmptsp")
    page.keyboard.press("Tab")  # the language switch in the header
    page.keyboard.press("Tab")  # first radio of question 1
    for _ in SKM:
        page.keyboard.press("ArrowDown")  # selects the next answer in the group
        page.keyboard.press("Tab")  # on to the next group
    focused = page.evaluate("document.activeElement.id")
    assert focused == "age"
    page.get_by_role("button", name="Kirim survei").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/r/*")
    [doc] = stored_responses(store)
    assert set(doc["answers"].values()) == {2}
    context.close()


def test_a_missing_answer_keeps_the_others_selected_in_english(stack, store, phone, artifacts):
    phone.goto(f"{stack.url('submit')}/u/kelurahan-teluk-dalam?lang=en")
    for code in SKM[:-1]:
        phone.locator(f"input[name={code}][value='4']").check()
    phone.get_by_role("button", name="Send survey").click()
    assert phone.locator("#e-U9").inner_text() == "Please choose one answer."
    assert phone.locator("#errors").inner_text().count("\n") >= 1
    assert phone.locator("input[name=U1][value='4']").is_checked()
    phone.screenshot(path=artifacts / "form-error-summary.png")
    phone.locator("#q-U9").scroll_into_view_if_needed()
    phone.screenshot(path=artifacts / "form-error.png")
    assert stored_responses(store) == []


def test_switching_language_mid_form_keeps_every_answer_and_enter_still_sends_the_survey(
    stack, store, phone, artifacts
):
    phone.goto(f"{stack.url('submit')}/u/kelurahan-teluk-dalam")
    for code in SKM[:5]:
        phone.locator(f"input[name={code}][value='2']").check()
    phone.get_by_label("Umur").fill("34")
    phone.get_by_label("Saran atau pengaduan (opsional)").fill("Antrean lama; parkir sempit")
    phone.get_by_role("button", name="English").click()
    assert phone.locator("html").get_attribute("lang") == "en" and phone.locator("#age").input_value() == "34"
    assert all(phone.locator(f"input[name={code}][value='2']").is_checked() for code in SKM[:5])
    assert phone.get_by_label("Suggestion or complaint (optional)").input_value() == "Antrean lama; parkir sempit"
    phone.screenshot(path=artifacts / "form-switched-language.png", full_page=True)
    assert stored_responses(store) == []  # switching sent nothing
    for code in SKM[5:]:
        phone.locator(f"input[name={code}][value='3']").check()
    phone.locator("#age").press("Enter")  # the survey's own button is the form's default
    phone.wait_for_url("**/r/*")
    [doc] = stored_responses(store)
    assert doc["suggestion"] == "Antrean lama; parkir sempit" and doc["profile"]["age"] == 34
    assert doc["answers"] == {**dict.fromkeys(SKM[:5], 2), **dict.fromkeys(SKM[5:], 3)}


def test_the_units_index_leads_to_a_form(stack, store, phone, artifacts):
    phone.goto(f"{stack.url('submit')}/")
    phone.get_by_label("Cari unit layanan").fill("teluk")
    with phone.expect_navigation():  # a screenshot during the navigation fails
        phone.get_by_role("button", name="Cari").click()
    phone.screenshot(path=artifacts / "units.png")
    with phone.expect_navigation():
        phone.get_by_role("link", name="Puskesmas Teluk Dalam").click()
    assert phone.locator("h2").all_inner_texts() == [
        "Indeks Persepsi Kualitas Pelayanan",
        "Indeks Persepsi Anti Korupsi",
    ]
    phone.screenshot(path=artifacts / "form-puskesmas.png", full_page=True)


@pytest.mark.parametrize(
    "path",
    [
        "/u/puskesmas-teluk-dalam",
        "/u/kelurahan-teluk-dalam?lang=en",
        "/",
        "/u/tidak-ada",
        "/?q=zzz",
        "/r",
        "/r?kode=12",
    ],
)
def test_pages_have_no_accessibility_violations(stack, store, browser, path):
    assert accessibility_violations(browser, stack.url("submit") + path) == []


def test_error_and_receipt_pages_have_no_accessibility_violations(stack, store, browser):
    def submit_half(page):
        page.locator("input[name=U1][value='2']").check()
        page.get_by_role("button", name="Kirim survei").click()
        page.wait_for_selector("#errors")

    assert accessibility_violations(browser, f"{stack.url('submit')}/u/dpmptsp", submit_half) == []

    def submit_all(page):
        for code in SKM:
            page.locator(f"input[name={code}][value='4']").check()
        page.locator("#suggestion").fill("Terima kasih")
        page.get_by_role("button", name="Kirim survei").click()
        page.wait_for_selector("#receipt")

    assert accessibility_violations(browser, f"{stack.url('submit')}/u/dpmptsp", submit_all) == []


def test_an_operator_answers_a_complaint_without_javascript(
    stack, store, warehouse, q3_data, phone, browser, artifacts
):
    from tests.helpers.data import Q3, add_operator

    token = add_operator(store, "kapus@contoh.go.id", units=["puskesmas-teluk-dalam"])["Authorization"].split()[1]
    area = f"{stack.url('report')}/operator"
    phone.goto(area)
    phone.click("summary")  # the token is the API users' way in; operators use a sign-in link
    phone.fill("#token", token)
    with phone.expect_navigation():
        phone.click("button[type=submit]")
    phone.screenshot(path=artifacts / "operator-home.png", full_page=True)
    assert (
        phone.locator("#period option[selected]").get_attribute("value") == Period.now(zone=JAKARTA).key
    )  # the running one
    phone.select_option("#period", Q3.key)
    with phone.expect_navigation():
        phone.click("text=Tampilkan")
    with phone.expect_navigation():
        phone.click("text=Puskesmas Teluk Dalam")
    assert f"/operator/u/puskesmas-teluk-dalam/{Q3.key}?" in phone.url
    first = phone.locator("#complaints ~ .box").first
    first.locator("textarea[name=reply]").fill("Terima kasih, loket kedua dibuka mulai Senin.")
    first.locator("select[name=status]").select_option("ditanggapi")
    with phone.expect_navigation():
        first.locator("button[type=submit]").click()
    phone.screenshot(path=artifacts / "operator-unit.png", full_page=True)
    assert phone.locator("#complaints ~ .box .status-ditanggapi").count() >= 1
    with phone.expect_navigation():
        phone.click("text=Dapatkan tautan laporan")
    assert phone.locator("#report-link").get_attribute("href").startswith(f"{stack.url('report')}/reports/IKM_")
    cookie = phone.context.cookies()[0]
    assert cookie["httpOnly"] and cookie["sameSite"] == "Strict"
    assert accessibility_violations(browser, area) == []


def signed_in_page(browser, store, stack, viewport, email="lurah@contoh.go.id", units=("puskesmas-teluk-dalam",)):
    """A Chromium page of the operator area, signed in as a unit operator, without JavaScript."""
    from tests.helpers.data import add_operator

    token = add_operator(store, email, units=list(units))["Authorization"].split()[1]
    context = browser.new_context(viewport=viewport, locale="id-ID", java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{stack.url('report')}/operator")
    page.click("summary")
    page.fill("#token", token)
    with page.expect_navigation():
        page.click("button[type=submit]")
    return page


@pytest.mark.parametrize("viewport", [{"width": 360, "height": 740}, {"width": 800, "height": 1280}])
def test_paper_forms_are_typed_with_the_keyboard_only(stack, store, browser, artifacts, viewport):
    """Two questionnaires of a unit running SKM, IPKP and IPAK, typed with keys alone; a bad cell
    is marked and keeps what was typed, then the fixed batch saves."""
    page = signed_in_page(browser, store, stack, viewport)
    page.goto(f"{stack.url('report')}/operator/u/puskesmas-teluk-dalam/2026-Q4/paper")
    page.screenshot(path=artifacts / f"paper-empty-{viewport['width']}.png", full_page=True)
    page.locator("input[name=r1_skm]").focus()
    keys = 0
    for answers in (
        ["444434444", "444444444", "44444", "2", "61", "3", "7", "2"],  # skm ipkp ipak gender age edu occ service
        ["33333333", "333333333", "33333", "1", "", "", "", ""],  # SKM one digit short
    ):
        for cell in answers:
            page.keyboard.type(cell)
            page.keyboard.press("Tab")
            keys += len(cell) + 1
        page.keyboard.press("Tab")  # past the suggestion, to the next row
        keys += 1
    # digits and Tabs: 29 + 9 and 23 + 9; an SKM-only form with its profile takes 9+1+2+1+1 + 6 Tabs = 20
    assert keys == 70
    with page.expect_navigation():
        page.keyboard.press("Enter")  # Enter saves
    assert page.locator("[aria-invalid=true]").count() == 1
    assert "tertulis 8" in page.locator("#e-2").inner_text()
    assert page.locator("input[name=r1_ipkp]").input_value() == "444444444"  # nothing typed is lost
    page.screenshot(path=artifacts / f"paper-refused-{viewport['width']}.png", full_page=True)
    page.locator("#e-2").scroll_into_view_if_needed()
    page.screenshot(path=artifacts / f"paper-refused-{viewport['width']}-row.png")
    page.locator("input[name=r2_skm]").fill("333333333")
    with page.expect_navigation():
        page.locator("input[name=r2_skm]").press("Enter")
    assert "2 kuesioner tersimpan." in page.locator("[role=status]").inner_text()
    page.screenshot(path=artifacts / f"paper-saved-{viewport['width']}.png", full_page=True)
    stored = sorted(stored_responses(store), key=lambda doc: doc["answers"]["U1"])
    assert [doc["channel"] for doc in stored] == ["paper", "paper"]
    assert stored[1]["answers"]["U5"] == 3 and stored[1]["profile"] == {
        "age": 61,
        "gender": "P",
        "education": "SMA",
        "occupation": "LAINNYA",
        "service": "Kesehatan ibu dan anak",
    }
    page.context.close()
