import pytest

from shared.rules import questionnaire
from shared.rules.records import RECEIPT_ALPHABET, Unit, new_receipt
from shared.text.validation import InvalidInput
from shared.usecases.submission import check_answers, parse

ELEMENTS = [
    "Persyaratan",
    "Sistem, mekanisme, dan prosedur",
    "Waktu penyelesaian",
    "Biaya/tarif",
    "Produk spesifikasi jenis pelayanan",
    "Kompetensi pelaksana",
    "Perilaku pelaksana",
    "Penanganan pengaduan, saran dan masukan",
    "Sarana dan prasarana",
]


def test_skm_has_the_nine_elements_of_the_regulation_with_four_labelled_answers():
    skm = questionnaire.load("skm")
    assert skm.codes == tuple(f"U{i}" for i in range(1, 10))
    assert [item.element["id"] for item in skm.items] == ELEMENTS
    for item in skm.items:
        assert [o.score for o in item.options] == [1, 2, 3, 4]
        assert all(o.label["id"] and o.label["en"] for o in item.options)
        assert item.question["id"] and item.question["en"]
    assert [o.label["id"] for o in skm.item("U4").options] == ["Sangat mahal", "Cukup mahal", "Murah", "Gratis"]
    assert [o.label["id"] for o in skm.item("U8").options][-1] == "Dikelola dengan baik"


def test_ipkp_and_ipak_are_versioned_data_with_their_own_codes():
    ipkp, ipak = questionnaire.load("ipkp"), questionnaire.load("ipak")
    assert len(ipkp.items) == 9 and len(ipak.items) == 5
    assert ipak.codes == ("IPAK1", "IPAK2", "IPAK3", "IPAK4", "IPAK5")
    every = [code for s in questionnaire.SURVEYS for code in questionnaire.current(s).codes]
    assert len(every) == len(set(every))
    assert (ipkp.version, ipak.version) == (1, 1)


def unit(**overrides):
    return Unit.model_validate({"unit_id": "puskesmas-a", "name": "Puskesmas A", "type": "Puskesmas", **overrides})


def body(**overrides):
    return {
        "submission_id": "5f0c2a9e-1111-4222-8333-444455556666",
        "unit_id": "puskesmas-a",
        "answers": {f"U{i}": 3 for i in range(1, 10)},
        **overrides,
    }


def test_a_complete_submission_passes():
    check_answers(parse(body()), unit())


def test_missing_out_of_range_and_unknown_answers_are_all_reported_in_indonesian():
    answers = {f"U{i}": 3 for i in range(1, 9)} | {"U1": 5, "X9": 1}
    with pytest.raises(InvalidInput) as caught:
        check_answers(parse(body(answers=answers)), unit())
    errors = {e.field: e.message for e in caught.value.errors}
    assert errors == {
        "answers.U9": "Silakan pilih salah satu jawaban.",
        "answers.U1": "Jawaban harus bernilai 1 sampai 4.",
        "answers.X9": "Pertanyaan ini tidak ada di kuesioner unit ini.",
    }


def test_errors_come_in_english_when_asked():
    with pytest.raises(InvalidInput) as caught:
        check_answers(parse(body(answers={}, lang="en")), unit())
    assert caught.value.errors[0].message == "Please choose one answer."


def test_units_running_ipkp_and_ipak_require_their_items():
    with pytest.raises(InvalidInput) as caught:
        check_answers(parse(body()), unit(surveys="skm;ipak"))
    assert {e.field for e in caught.value.errors} == {f"answers.IPAK{i}" for i in range(1, 6)}


@pytest.mark.parametrize(
    ("bad", "field"),
    [
        ({"submission_id": "short"}, "submission_id"),
        ({"unit_id": "Bad Unit!"}, "unit_id"),
        ({"answers": {"U1": "tiga"}}, "answers.U1"),
        ({"profile": {"age": 7}}, "profile.age"),
        ({"profile": {"gender": "X"}}, "profile.gender"),
        ({"profile": {"phone": "0812"}}, "profile.phone"),
        ({"suggestion": "x" * 2001}, "suggestion"),
        ({"extra": 1}, "extra"),
    ],
)
def test_shape_errors_name_the_field(bad, field):
    with pytest.raises(InvalidInput) as caught:
        parse(body(**bad))
    assert field in {e.field for e in caught.value.errors}
    assert all(e.message for e in caught.value.errors)


def test_non_object_bodies_are_rejected():
    for bad in ([], "x", 3, None):
        with pytest.raises(InvalidInput):
            parse(bad)


def test_profile_is_normalised_and_optional():
    submission = parse(body(profile={"gender": "p", "education": "D4", "occupation": "swasta"}))
    assert (submission.profile.gender, submission.profile.education, submission.profile.occupation) == (
        "P",
        "S1",
        "SWASTA",
    )
    assert parse(body()).profile.age is None


def test_receipts_use_only_unambiguous_characters():
    codes = {new_receipt() for _ in range(500)}
    assert len(codes) == 500
    assert all(len(c) == 8 and set(c) <= set(RECEIPT_ALPHABET) for c in codes)
    assert not set("015OIL2ZS8B") & set(RECEIPT_ALPHABET)


def test_units_must_run_skm_and_list_surveys_in_a_fixed_order():
    assert unit(surveys="ipak;skm").surveys == ("skm", "ipak")
    with pytest.raises(ValueError):
        unit(surveys="ipak")
