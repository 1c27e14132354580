from datetime import date, datetime, timezone
from zoneinfo import ZoneInfo

import pytest

from functions.report.skm_report.render import render_report_html
from shared import signing
from shared.files.spreadsheet import Refused
from shared.files.units_file import read_units
from shared.reports import tables
from shared.rules import eligibility, follow_up, periods
from shared.rules.ikm import Tally
from shared.rules.periods import JAKARTA, Period
from shared.rules.records import Profile, StoredResponse, Unit
from shared.rules.vocabulary import ALL
from shared.usecases.aggregation import index_rows, raw_rows, runs
from skm.units_csv import CsvError, read_units_file

SECRET = "test-secret"


def unit_row(unit, tallies, respondents, survey="skm"):
    """The index row of one unit whose whole sample has these tallies."""
    facts = {ALL: index_rows.GroupFacts(respondents, tallies)}
    return index_rows.index_row(
        index_rows.Subject.of(unit, "krejcie-morgan"),
        survey,
        Period.parse("2026-Q3"),
        facts,
        index_rows.UnitFacts(),
        {1},
        "krejcie-morgan",
    )


def test_a_signature_verifies_until_it_expires_and_only_for_its_value_and_purpose():
    signed = signing.sign(SECRET, signing.LINK, "/reports/a.pdf", now=1000)
    assert signed.issued_at == 1000 and len(signed.signature) < 60
    assert signing.verify(SECRET, signing.LINK, "/reports/a.pdf", signed.signature, 60, now=1060).timestamp() == 1000
    with pytest.raises(signing.Expired):
        signing.verify(SECRET, signing.LINK, "/reports/a.pdf", signed.signature, 60, now=1061)
    timestamp, mac = signed.signature.split(".")
    for secret, purpose, value, signature in [
        (SECRET, signing.LINK, "/reports/b.pdf", signed.signature),  # another file
        (SECRET, signing.SESSION, "/reports/a.pdf", signed.signature),  # another purpose
        ("other", signing.LINK, "/reports/a.pdf", signed.signature),  # another key
        (SECRET, signing.LINK, "/reports/a.pdf", f"{timestamp}.{'A' * len(mac)}"),
        (SECRET, signing.LINK, "/reports/a.pdf", "9" * 5000 + "." + mac),  # a huge timestamp
        (SECRET, signing.LINK, "/reports/a.pdf", "1.\u00e9"),
        (SECRET, signing.LINK, "/reports/a.pdf", "\ud800.x"),
        (SECRET, signing.LINK, "/reports/a.pdf", None),
        (SECRET, signing.LINK, "/reports/a.pdf", ""),
    ]:
        with pytest.raises(signing.Invalid):
            signing.verify(secret, purpose, value, signature, 60, now=1000)


def test_units_file_reads_and_reports_every_bad_cell(tmp_path):
    good = "unit_id,name,type,parent,service_users_per_quarter,surveys\nkel-a,Kelurahan A,Kelurahan,,100,skm;ipak\n"
    [unit] = read_units(good.encode())
    assert (unit.unit_id, unit.surveys, unit.service_users_per_quarter) == ("kel-a", ("skm", "ipak"), 100)
    path = tmp_path / "u.csv"
    path.write_text(good + "Bad Id,X,Kelurahan,,-1,skm\nkel-a,Again,Kelurahan,,,\n")
    with pytest.raises(CsvError) as caught:
        read_units_file(path)
    message = str(caught.value)
    assert f"{path}: Baris 3, kolom A (unit_id): Kode unit: 2–63 huruf kecil" in message
    assert "Baris 3, kolom E (service_users_per_quarter): Tulis bilangan bulat" in message
    assert "Baris 4, kolom A (unit_id): Kode unit ini sudah dipakai di baris 2." in message
    dated = "kode_unit;nama;jenis;terdaftar\nkel-b;B;Kelurahan;1/12/2026\nkel-c;C;Kelurahan;\n"
    assert [u.registered for u in read_units(dated.encode())] == [date(2026, 12, 1), None]
    with pytest.raises(Refused) as undated:
        read_units(b"kode_unit;nama;jenis;terdaftar\nkel-b;B;Kelurahan;31/02/2026\n")
    assert [(e.column, e.message) for e in undated.value.errors] == [
        ("registered", "Tulis tanggal seperti 31/12/2026 atau 2026-12-31.")
    ]
    with pytest.raises(Refused) as missing:
        read_units(b"unit_id,nama\n")
    assert [(e.column, e.message) for e in missing.value.errors] == [
        ("type", "Kolom wajib ini tidak ada di baris judul.")
    ]


def test_units_file_takes_indonesian_excel_as_saved():
    semicolons = "kode_unit;nama;jenis;induk;pengguna_per_triwulan;survei;layanan\n"
    semicolons += 'puskesmas-a;Puskesmas A;Puskesmas;;1.500;"skm;ipak";Rawat jalan;\n'
    for data in (semicolons.encode("utf-16"), semicolons.encode("cp1252"), semicolons.encode("utf-8-sig")):
        [unit] = read_units(data)
        assert (unit.service_users_per_quarter, unit.surveys, unit.services) == (
            1500,
            ("skm", "ipak"),
            ("Rawat jalan",),
        )
    with pytest.raises(Refused) as refused:
        read_units(semicolons.replace("1.500", "1,5").encode(), "en")
    assert refused.value.errors[0].text("en").startswith("Line 2, column E (service_users_per_quarter): Write a whole")
    # unquoted, "skm;ipkp;ipak" was a unit with SKM only and "ipkp" offered to citizens as a service
    shifted = semicolons.replace('"skm;ipak";Rawat jalan', "skm;ipkp;ipak;Rawat jalan")
    with pytest.raises(Refused) as refused:
        read_units(shifted.encode())
    assert [(e.line, e.letter) for e in refused.value.errors] == [(2, "H"), (2, "I")]


def test_index_row_carries_exact_displayed_numbers():
    unit = Unit(unit_id="kel-a", name="Kelurahan A", type="Kelurahan", service_users_per_quarter=1000)
    tallies = {f"U{i}": Tally(8, 9) for i in range(1, 10)}
    row = unit_row(unit, tallies, 8)
    assert (row["index_converted"], row["index_value"], row["grade"]) == ("28.13", "1.1250", "D")
    assert (row["required_sample"], row["sample_reached"]) == (278, False)
    assert row["elements"][0] == {"code": "U1", "answers": 8, "score_sum": 9, "nrr": "1.13", "weighted_nrr": "0.125"}


def test_response_row_tags_each_answer_with_its_survey():
    response = StoredResponse(
        response_id="r" * 20,
        unit_id="kel-a",
        quarter="2026-Q1",
        receipt="ACDEFGHJ",
        questionnaires={"skm": 1},
        answers={"U1": 4, "IPAK2": 3},
        profile=Profile(age=30),
    )
    row = raw_rows.response_row(response.model_dump(), {"U1": "skm", "IPAK2": "ipak"})
    assert row["quarter_start"] == "2026-01-01"
    assert row["answers"] == [
        {"survey": "ipak", "item": "IPAK2", "score": 3},
        {"survey": "skm", "item": "U1", "score": 4},
    ]
    assert row["age"] == 30 and row["flags"] == []


def test_pubsub_message_names_a_period_or_takes_the_quarter_just_ended_and_what_it_completes():
    now = datetime(2026, 10, 1, 1, 0, tzinfo=timezone.utc)
    keys = lambda data, **kw: [p.key for p in runs.periods_for_message(data, now=now, **({"zone": JAKARTA} | kw))]  # noqa: E731
    assert keys({"quarter": "2026-Q2"}) == ["2026-Q2", "2026-S1", "2026"] and keys({"period": "2026-S1"}) == ["2026-S1"]
    assert keys({"period": "2026-Q3"}, kinds=("quarter",)) == ["2026-Q3"]
    assert keys({"period": "2026"}) == ["2026"]
    assert keys(None) == keys({}) == ["2026-Q3"]
    after_q4 = datetime(2027, 1, 1, 1, 0, tzinfo=timezone.utc)
    assert [p.key for p in runs.periods_for_message(None, zone=JAKARTA, now=after_q4)] == ["2026-Q4", "2026-S2", "2026"]
    only = runs.periods_for_message(None, zone=JAKARTA, now=after_q4, kinds=("quarter", "year"))
    assert [p.key for p in only] == ["2026-Q4", "2026"]
    wita = ZoneInfo("Asia/Makassar")  # 00:30 WITA on 1 January is still 31 December in Jakarta
    new_year_in_makassar = datetime(2026, 12, 31, 16, 30, tzinfo=timezone.utc)
    ended = runs.periods_for_message(None, zone=wita, now=new_year_in_makassar)
    assert [p.key for p in ended] == ["2026-Q4", "2026-S2", "2026"]
    with pytest.raises(ValueError):
        runs.periods_for_message({"period": "last"}, zone=JAKARTA, now=now)


def test_report_html_escapes_everything_users_wrote_and_uses_the_decimal_comma():
    unit = Unit(unit_id="kel-a", name="<script>alert(1)</script> & Co", type="Kelurahan")
    row = unit_row(unit, {f"U{i}": Tally(1, 3) for i in range(1, 10)}, 1)
    plan = follow_up.plan_rows(
        row["lowest_items"],
        {"rows": [{"item": row["lowest_items"][0]["code"], "action": "<img src=x onerror=alert(2)>"}]},
    )
    row["latest_suggestions"] = [{"submitted_at": "2026-07-31T23:30:00+00:00", "text": "<b>bold</b>", "status": None}]
    data = {"rows": {"skm": row}, "trend": [], "plan": plan, "minimum": 30}
    html = render_report_html(data, "Kota <Contoh>", zone=JAKARTA)
    assert "Data belum cukup: 1 responden, kurang dari minimum 30." in html
    assert "<script>alert(1)" not in html and "&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co" in html
    assert "<img src=x" not in html and "&lt;img src=x onerror=alert(2)&gt;" in html
    assert "<b>bold</b>" not in html and "&lt;b&gt;bold&lt;/b&gt;" in html
    assert "1 Agustus 2026" in html  # 23:30 UTC is the next morning in Jakarta
    assert "Kota &lt;Contoh&gt;" in html
    assert "75,00" in html and "Triwulan III 2026" in html
    assert "Rentang mutu SKM: A 88,31–100,00 (Sangat baik)" in html and "PermenPAN-RB 14/2017" in html
    assert "75.00" in render_report_html(data, "Kota", zone=JAKARTA, lang="en")


def test_the_summary_report_prints_each_indexs_own_bands_and_their_source():
    unit = Unit(unit_id="kel-a", name="Kelurahan A", type="Kelurahan", surveys=("skm", "ipak"))
    rows = {
        "skm": unit_row(unit, {f"U{i}": Tally(1, 3) for i in range(1, 10)}, 1),
        "ipak": unit_row(unit, {f"IPAK{i}": Tally(1, 4) for i in range(1, 6)}, 1, survey="ipak"),
    }
    html = render_report_html({"rows": rows, "trend": [], "plan": [], "minimum": 1}, "Kota", zone=JAKARTA)
    assert "Rentang mutu SKM: A 88,31" in html and "Rentang mutu IPAK: A " in html


def test_the_recap_ranks_units_with_enough_respondents_and_lists_the_others_after_them():
    rows = [
        {"survey": "skm", "unit_id": u, "unit_name": u, "index_converted": v, "respondents": n}
        for u, v, n in (
            ("a", "70.00", 30),
            ("b", None, 0),
            ("c", "88.10", 31),
            ("*", "75.00", 150),
            ("d", "70.00", 40),
            ("e", "95.00", 29),
        )
    ]
    ranked = eligibility.ranked(rows, minimum=30)
    assert [(r["unit_id"], r["rank"], r["enough"]) for r in ranked] == [
        ("c", 1, True),
        ("a", 2, True),
        ("d", 3, True),
        ("e", None, False),  # the best index, but 29 respondents: "data belum cukup"
        ("b", None, False),
    ]


def test_csv_cells_never_start_a_formula_whatever_the_separator():
    row = {"a": "=1+1", "b": "+62 811", "c": "@SUM(A1)", "d": "-", "e": "biasa", "f": "x;=1+1;y", "g": "a, -2", "h": 3}
    text = tables.csv_text([row], tuple("abcdefgh"))
    line = text.splitlines()[1]
    assert line == '"\'=1+1","\'+62 811","\'@SUM(A1)","\'-","biasa","x;\'=1+1;y","a, \'-2","3"'
    # Read as Indonesian Excel does (";"), or as others do (","): no cell starts a formula.
    for separator in (";", ",", "\t"):
        for cell in line.split(separator):
            assert not cell.strip().strip('"').strip().startswith(("=", "+", "-", "@")), (separator, cell)


def test_report_files_change_name_with_a_new_run_or_plan():
    first = tables.report_file("IKM", "kel-a", "2026-Q3", "id", "run-1", None)
    assert first != tables.report_file("IKM", "kel-a", "2026-Q3", "id", "run-2", None)
    assert first != tables.report_file("IKM", "kel-a", "2026-Q3", "id", "run-1", {"rows": []})
    assert tables.download_name(first + ".pdf", "pdf") == "IKM_kel-a_2026-Q3.pdf"
    assert (
        tables.download_name(tables.report_file("REKAP", "*", "2026-Q3", "en") + ".csv", "csv")
        == "REKAP_ALL_2026-Q3.csv"
    )
    assert periods.trend(Period.parse("2026-Q3"))[0].key == "2024-Q4"
    assert date(2024, 10, 1) == periods.trend(Period.parse("2026-Q3"))[0].start


def test_the_daily_run_recomputes_the_running_quarter_and_only_the_closed_quarters_that_changed():
    now = datetime(2026, 11, 24, 19, 0, tzinfo=timezone.utc)  # 2026-Q4 runs
    keys = lambda **kw: [p.key for p in runs.daily_periods(now, zone=JAKARTA, **kw)]  # noqa: E731
    assert keys() == ["2026-Q4", "2026-S2", "2026"]
    changed = [Period.parse("2026-Q1"), Period.parse("2025-Q4"), Period.parse("2026-Q4")]
    assert keys(changed=changed) == ["2025-Q4", "2026-Q1", "2026-Q4", "2025-S2", "2026-S1", "2026-S2", "2025", "2026"]
    assert keys(kinds=("quarter",), changed=changed) == ["2025-Q4", "2026-Q1", "2026-Q4"]
    with pytest.raises(ValueError):
        runs.periods_for_message({"daily": True}, zone=JAKARTA, now=now)


def test_one_bad_changed_quarter_marker_is_skipped_and_logged_and_the_daily_run_goes_on(caplog):
    from tests.helpers.fakes import fake_services

    services = fake_services()
    services.responses.changes.update(
        {key: datetime(2026, 11, 2, tzinfo=timezone.utc) for key in ("1999-Q4", "2026-Q1", "x", "2026-S1")}
    )
    now = datetime(2026, 11, 24, 19, 0, tzinfo=timezone.utc)
    planned = [p.key for p in runs.wanted({"daily": True}, services, now)]
    assert planned == ["2026-Q1", "2026-Q4", "2026-S1", "2026-S2", "2026"]
    assert sorted(r.fields["marker"] for r in caplog.records if "names no quarter" in r.getMessage()) == [
        "1999-Q4",
        "2026-S1",
        "x",
    ]


def test_answer_columns_come_in_questionnaire_order_skm_then_ipkp_ipak_then_the_six_point_spkp_spak():
    codes = [*(f"U{i}" for i in range(1, 10)), *(f"IPKP{i}" for i in range(1, 10)), *(f"IPAK{i}" for i in range(1, 6))]
    codes += [*(f"SPKP{i}" for i in range(1, 26)), *(f"SPAK{i}" for i in range(1, 9))]
    assert tables.response_columns()[-len(codes) :] == tuple(codes)  # not IPAK first, as sorted text put it


def test_staff_exports_speak_the_readers_language_and_their_regions_time():
    from datetime import datetime, timezone
    from zoneinfo import ZoneInfo

    row = {"unit_id": "kel-a", "sample_reached": True, "submitted_at": datetime(2026, 8, 2, 1, 30, tzinfo=timezone.utc)}
    columns = ("unit_id", "sample_reached", "submitted_at")
    indonesian = tables.staff_csv([row], columns, "id", ZoneInfo("Asia/Makassar")).splitlines()
    assert indonesian == [
        '\ufeff"Kode unit";"Sampel terpenuhi";"Waktu pengisian (WITA)"',
        '"kel-a";"Ya";"2026-08-02 09:30"',
    ]
    english = tables.staff_csv([row], columns, "en", ZoneInfo("Asia/Jakarta")).splitlines()
    assert english == ['\ufeff"Unit code","Sample reached","Answered at (WIB)"', '"kel-a","Yes","2026-08-02 08:30"']


def test_the_recap_csv_writes_decimals_as_indonesian_excel_reads_them():
    record = {"unit_id": "kel-a", "index_converted": "89.17", "index_value": "3.5667"}
    columns = ("unit_id", "index_value", "index_converted")
    assert tables.staff_csv([record], columns, "id").splitlines()[1] == '"kel-a";"3,5667";"89,17"'
    assert tables.staff_csv([record], columns, "en").splitlines()[1] == '"kel-a","3.5667","89.17"'
