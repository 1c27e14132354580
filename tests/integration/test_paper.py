"""Paper questionnaires typed in the operator area: a batch goes through to the PDF; a bad cell
keeps everything typed; corrections and deletions are the author's, and audited."""

import re

import pytest
import requests

from skm.local import trigger_aggregate
from tests.helpers.area import Area, pdf_text, report_link
from tests.helpers.data import add_operator, stored_responses

pytestmark = pytest.mark.stack
UNIT = "kelurahan-teluk-dalam"  # SKM only
Q3 = "2026-Q3"


def grid(rows: dict[int, dict[str, str]], day: str = "2026-09-15") -> dict[str, str]:
    form = {"day": day}
    for n, cells in rows.items():
        form |= {f"r{n}_{name}": value for name, value in cells.items()}
        form.setdefault(f"r{n}_id", f"row-id-{n:02d}-{day}-abcdef")
    return form


def audit_log(store):
    return [doc.to_dict() for doc in store.responses._c.read("entry_log").stream()]


def test_a_paper_batch_goes_through_to_the_pdf(stack, store, bureau, artifacts):
    area = Area(stack, add_operator(store, "lurah@contoh.go.id", units=[UNIT]))
    rows = {n: {"skm": "444444443" if n % 2 else "444444444", "gender": "2", "age": "61"} for n in range(1, 5)}
    saved = area.post(f"/u/{UNIT}/{Q3}/paper", grid(rows))
    assert saved.status_code == 303 and "saved=4" in saved.headers["Location"]
    again = area.post(f"/u/{UNIT}/{Q3}/paper", grid(rows))  # the same save twice (a double click)
    assert again.status_code == 303 and "saved=0" in again.headers["Location"]
    stored = stored_responses(store)
    assert len(stored) == 4 and {d["channel"] for d in stored} == {"paper"}
    assert {d["entered_by"] for d in stored} == {"lurah@contoh.go.id"} and stored[0]["profile"]["gender"] == "P"
    trigger_aggregate(stack.url("aggregate"), Q3)
    text = pdf_text(report_link(stack, bureau, unit_id=UNIT, period=Q3), artifacts / "paper.pdf")
    # U9: two 3s and two 4s -> 3.5; IKM (8x4 + 3.5)/9 = 3.9444 -> 98.61
    assert "98,61" in text and "Kuesioner kertas" in text
    assert [record["action"] for record in audit_log(store)] == ["created"] * 4


def test_a_bad_cell_is_marked_and_nothing_typed_is_lost_or_stored(stack, store):
    area = Area(stack, add_operator(store, "lurah@contoh.go.id", units=[UNIT]))
    rows = {
        1: {"skm": "444444444", "suggestion": "Antrean <b>lama</b>"},
        2: {"skm": "44444444", "age": "61"},  # eight digits
        3: {"skm": "444454444", "gender": "3"},  # a 5, and no gender 3
    }
    refused = area.post(f"/u/{UNIT}/{Q3}/paper", grid(rows))
    assert refused.status_code == 422
    assert "Tulis 9 angka, satu per pertanyaan (tertulis 8)" in refused.text
    assert "U5: Jawaban harus bernilai 1 sampai 4." in refused.text and "Pilih salah satu: L, P." in refused.text
    assert 'value="44444444"' in refused.text and 'value="Antrean &lt;b&gt;lama&lt;/b&gt;"' in refused.text
    assert len(re.findall(r'aria-invalid="true"', refused.text)) == 3
    assert stored_responses(store) == []


def test_only_the_author_corrects_or_deletes_an_entry_and_every_change_is_audited(stack, store, bureau):
    from datetime import datetime

    from shared.rules.periods import Period

    author = Area(stack, add_operator(store, "lurah@contoh.go.id", units=[UNIT]))
    other = Area(stack, add_operator(store, "sekretaris@contoh.go.id", units=[UNIT]))
    today = datetime.now(store.settings.zone)
    day, period = today.date().isoformat(), Period.of(today, zone=store.settings.zone).key  # the running quarter
    assert author.post(f"/u/{UNIT}/{period}/paper", grid({1: {"skm": "333333333"}}, day)).status_code == 303
    (entry,) = stored_responses(store)
    path = f"/u/{UNIT}/{period}/paper/{entry['response_id']}"
    assert other.get(path).status_code == 403 and other.post(path + "/delete", {}).status_code == 403
    form = author.get(path)
    assert form.status_code == 200 and 'value="333333333"' in form.text
    corrected = author.post(path, {"day": day, "r1_skm": "333333334", "r1_id": entry["response_id"]})
    assert corrected.status_code == 303
    (after,) = stored_responses(store)
    assert after["answers"]["U9"] == 4 and after["response_id"] == entry["response_id"]
    # stored with the types of a new entry, so every page of the unit still renders (issue 26, point 1)
    assert isinstance(after["submitted_at"], datetime) and isinstance(after["entered_at"], datetime)
    for area, pages in ((author, [path]), (Area(stack, bureau), [])):  # only the author opens the entry
        for page in [f"/u/{UNIT}/{period}", f"/u/{UNIT}/{period}/paper", "/complaints", "", *pages]:
            assert area.get(page).status_code == 200, page
    closed = author.post(path, {"day": "2026-06-15", "r1_skm": "333333334", "r1_id": entry["response_id"]})
    assert closed.status_code == 422 and "triwulan yang sudah ditutup" in closed.text  # not into a closed quarter
    assert stored_responses(store)[0]["quarter"] == period
    assert author.post(path + "/delete", {}).status_code == 303
    assert stored_responses(store) == []
    actions = sorted(record["action"] for record in audit_log(store))
    assert actions == ["corrected", "created", "deleted"]
    corrected_record = next(r for r in audit_log(store) if r["action"] == "corrected")
    assert corrected_record["before"]["answers"]["U9"] == 3 and corrected_record["after"]["answers"]["U9"] == 4
    assert corrected_record["by"] == "lurah@contoh.go.id"


def test_an_operator_imports_a_file_for_their_unit_only(stack, store):
    area = Area(stack, add_operator(store, "lurah@contoh.go.id", units=[UNIT]))
    good = "submitted_at;U1;U2;U3;U4;U5;U6;U7;U8;U9\n01/08/2026 09:00;4;4;4;4;4;4;4;4;4\n"
    other_unit = "unit_id,submitted_at,U1,U2,U3,U4,U5,U6,U7,U8,U9\ndisdukcapil,01/08/2026 09:00,4,4,4,4,4,4,4,4,4\n"

    def upload(text: str):
        files = {"file": ("isian.csv", text.encode("utf-8-sig"), "text/csv")}
        return area.http.post(f"{area.base}/u/{UNIT}/{Q3}/import", data={"csrf": area.csrf}, files=files, timeout=60)

    refused = upload(other_unit)
    assert refused.status_code == 422 and "Baris 2, kolom A (unit_id)" in refused.text
    done = upload(good)
    assert done.status_code == 200 and "1 isian baru diimpor" in done.text
    assert f'href="/operator/u/{UNIT}/2026-Q3?lang=id">Triwulan III 2026' in done.text  # where the rows went
    assert [d["channel"] for d in stored_responses(store)] == ["import"]


def test_the_service_volume_an_operator_records_sets_the_required_sample(stack, store, warehouse, bureau, artifacts):
    from shared.rules.periods import Period

    area = Area(stack, add_operator(store, "lurah@contoh.go.id", units=[UNIT]))
    rows = {"skm": "444444444"}
    assert area.post(f"/u/{UNIT}/{Q3}/paper", grid({1: rows})).status_code == 303
    trigger_aggregate(stack.url("aggregate"), Q3)  # computed with the unit's default, 600 a quarter
    before = pdf_text(report_link(stack, bureau, unit_id=UNIT, period=Q3), artifacts / "volume-before.pdf")
    assert "(1/600)" in before
    assert area.post(f"/u/{UNIT}/{Q3}/volume", {"served_2026-Q3": "lima ratus"}).status_code == 422
    assert area.post(f"/u/{UNIT}/{Q3}/volume", {"served_2026-Q3": "1.500"}).status_code == 303  # Indonesian thousands
    assert 'value="1.500"' in area.get(f"/u/{UNIT}/{Q3}").text  # written back the Indonesian way
    assert "2026-Q3" in store.responses.changed_quarters()  # the daily run computes the quarter again
    # The next report downloaded uses the saved number at once, before any run (issue 25, point 1).
    at_once = pdf_text(report_link(stack, bureau, unit_id=UNIT, period=Q3), artifacts / "volume-at-once.pdf")
    assert "sampel minimal 306" in at_once and "tingkat respons 0,1% (1/1.500)" in at_once
    recap = requests.get(report_link(stack, bureau, unit_id="*", period=Q3, format="csv"), timeout=30).text
    [line] = [line for line in recap.splitlines() if f'"{UNIT}"' in line]
    assert ';"1";"306";' in line  # the bureau's recap too: 1 respondent of a minimum of 306
    trigger_aggregate(stack.url("aggregate"), Q3)
    (row,) = [r for r in warehouse.index_rows(Period.parse(Q3), UNIT) if r["survey"] == "skm"]
    assert (row["service_users"], row["required_sample"]) == (1500, 306)  # Krejcie & Morgan for N = 1,500
    text = pdf_text(report_link(stack, bureau, unit_id=UNIT, period=Q3), artifacts / "volume.pdf")
    assert "sampel minimal 306" in text and "tingkat respons 0,1% (1/1.500)" in text
