"""Service standards: components, typed time and cost, versions in force."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from shared.rules import questionnaire, standards
from shared.rules.standards import Cost, Duration, Refused, Standard, in_force, parse_cost, parse_time
from shared.text import messages


def version(effective: date, **fields) -> Standard:
    base = {"unit_id": "puskesmas", "service": "KTP-el", "decree_number": "800/12/2026", "decree_date": effective}
    return Standard(**base | {"effective_from": effective} | fields)


def test_the_components_are_the_regulations_fourteen_in_two_groups_and_mirror_eight_elements():
    groups = [c.group for c in standards.COMPONENTS]
    assert groups.count("delivery") == 6 and groups.count("internal") == 8
    skm = {item.code for item in questionnaire.current("skm").items}
    assert set(standards.BY_ELEMENT) == skm - {"U7"}  # conduct (perilaku) has no component


@pytest.mark.parametrize(
    ("text", "amount", "unit"),
    [
        ("3 hari kerja", 3, "hari kerja"),
        ("3 (tiga) Hari Kerja", 3, "hari kerja"),
        ("paling lama 60 menit", 60, "menit"),
        ("14 hari", 14, "hari"),
        ("2 HK", 2, "hari kerja"),
        ("1 jam", 1, "jam"),
    ],
)
def test_a_time_is_read_as_staff_write_it(text, amount, unit):
    assert parse_time(text) == Duration(amount=amount, unit=unit)


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("-3 hari", "standard_time_positive"),
        ("0 jam", "standard_time_positive"),
        ("segera", "standard_time_format"),
        ("3 minggu", "standard_time_format"),
    ],
)
def test_a_negative_or_unreadable_time_is_refused_never_guessed(text, key):
    with pytest.raises(Refused) as refused:
        parse_time(text)
    assert refused.value.key == key and messages.message(key, "id")


@pytest.mark.parametrize(
    ("value", "rupiah"),
    [
        ("Rp 5.000,-", 5000),
        ("Rp5.000,00", 5000),
        ("5000", 5000),
        ("Rp. 150.000", 150000),
        (25000, 25000),
        (25000.0, 25000),
        ("Gratis", 0),
        ("tidak dipungut biaya", 0),
        ("Rp 0", 0),
    ],
)
def test_a_cost_is_read_in_rupiah_or_free(value, rupiah):
    assert parse_cost(value) == Cost(rupiah=rupiah)


@pytest.mark.parametrize("value", ["Rp 5.000 - Rp 10.000", "-5000", -1, 2.5, "sesuai Perda", True])
def test_a_cost_that_is_not_one_amount_is_refused(value):
    with pytest.raises(Refused):
        parse_cost(value)


def test_empty_stays_empty():
    assert parse_time("  ") is None and parse_cost(None) is None and parse_cost("") is None


@given(st.integers(min_value=0, max_value=10**9))
def test_any_amount_written_the_indonesian_way_reads_back(rupiah):
    written = f"Rp {rupiah:,},-".replace(",", ".").replace(".-", ",-")
    assert parse_cost(written) == Cost(rupiah=rupiah)


def test_a_period_uses_the_version_in_force_when_it_ended():
    old, new = version(date(2025, 1, 2)), version(date(2026, 8, 1), time=Duration(amount=2, unit="hari kerja"))
    assert in_force([new, old], date(2026, 6, 30)) == old
    assert in_force([old, new], date(2026, 9, 30)) == new
    assert in_force([new], date(2026, 6, 30)) is None  # not yet in force: no promise is shown


def test_the_promise_beside_an_element():
    standard = version(
        date(2026, 1, 1),
        components={"persyaratan": "KTP asli; KK", "waktu": "3 hari kerja"},
        time=Duration(amount=3, unit="hari kerja"),
        cost=Cost(rupiah=0),
    )
    assert standards.promise(standard, "U3") == "selesai 3 hari kerja"
    assert standards.promise(standard, "U4") == "gratis"
    assert standards.promise(standard, "U1") == "KTP asli; KK"
    assert standards.promise(standard, "U5") == "" and standards.promise(standard, "U7") == ""
    assert standards.promise(version(date(2026, 1, 1), cost=Cost(rupiah=150000)), "U4") == "Rp150.000"


def test_importing_keeps_versions_and_refuses_a_rewrite_with_the_cell_to_fix():
    from datetime import datetime, timezone

    from shared.files import standards_file
    from shared.files.spreadsheet import Refused as FileRefused
    from shared.rules.records import Unit
    from shared.usecases import standards as usecase
    from tests.helpers.fakes import FakeOps

    unit = Unit(unit_id="dpmptsp", name="DPMPTSP", type="dinas", services=("Izin usaha",))
    store, now = FakeOps({}), datetime(2026, 12, 4, tzinfo=timezone.utc)
    first = version(date(2026, 1, 5), unit_id="dpmptsp", service="Izin usaha", components={"produk": "NIB"})
    data = standards_file.template(unit, {"Izin usaha": first})
    assert usecase.import_workbook(data, "a.xlsx", "biro", now, {"dpmptsp": unit}, store) == (1, 0)
    assert usecase.import_workbook(data, "a.xlsx", "biro", now, {"dpmptsp": unit}, store) == (0, 1)
    rewritten = standards_file.template(unit, {"Izin usaha": first.model_copy(update={"components": {"produk": "X"}})})
    with pytest.raises(FileRefused) as refused:
        usecase.import_workbook(rewritten, "b.xlsx", "biro", now, {"dpmptsp": unit}, store)
    assert refused.value.errors[0].text() == (
        "Baris 6, kolom B (Izin usaha · Tanggal mulai berlaku): Versi yang berlaku mulai tanggal ini sudah "
        "tersimpan dengan isi lain; versi baru memerlukan tanggal mulai berlaku sendiri."
    )
    assert store.standards("dpmptsp") == [first] and len(store.admin) == 1
    assert usecase.in_force(store, "dpmptsp", date(2026, 1, 4)) == {}


def test_a_maklumat_is_signed_by_name_and_position_or_refused_by_field():
    from datetime import datetime, timezone

    from pydantic import ValidationError

    from shared.usecases import standards as usecase
    from tests.helpers.fakes import FakeOps

    store, now = FakeOps({}), datetime(2026, 12, 4, tzinfo=timezone.utc)
    assert usecase.maklumat_of(store, "dpmptsp") is None
    assert usecase.default_maklumat("  ") == standards.DEFAULT_MAKLUMAT
    with pytest.raises(ValidationError) as refused:
        usecase.sign_maklumat(
            "dpmptsp", {"text": "janji", "signer_name": "", "signer_position": "Kepala"}, "b", now, store
        )
    assert {e["loc"][0] for e in refused.value.errors()} == {"text", "signer_name", "signed_on"}
    assert store.maklumat_docs == {}
    fields = {
        "text": standards.DEFAULT_MAKLUMAT,
        "signer_name": "Drs. H. Ahmad",
        "signer_position": "Kepala Dinas",
        "signed_on": "2026-12-01",
    }
    signed = usecase.sign_maklumat("dpmptsp", fields, "biro", now, store)
    assert usecase.maklumat_of(store, "dpmptsp") == signed and store.admin[-1]["action"] == "maklumat_signed"


def test_a_unit_is_ready_when_all_five_pieces_of_evidence_are_there():
    from shared.reports import readiness

    day = date(2026, 9, 30)
    versions = [("KTP", date(2026, 1, 1)), ("Akta", date(2026, 10, 1))]  # Akta's standard starts after the period
    plan = [{"action": "Tambah loket", "status": "selesai"}]
    index = {"suggestions_received": 4, "median_reply_hours": 72.0}
    ready = readiness.readiness("u", ["KTP"], versions, day, index, plan, True, True, 72)
    assert ready.ready and ready.done == 5 and ready.services == (1, 1)  # at the target is within it
    partly = readiness.readiness(
        "u", ["KTP", "Akta"], versions, day, index | {"median_reply_hours": 80.5}, [], False, True, 72
    )
    assert partly.missing == ["standar", "maklumat", "pengaduan", "tindak_lanjut"] and partly.services == (1, 2)
    quiet = readiness.readiness("u", [], [], day, None, plan, True, False, 72)
    assert quiet.passed["pengaduan"] and not quiet.passed["standar"] and quiet.services == (0, 1)
    assert readiness.share([ready, partly, quiet]) == (1, 3)
