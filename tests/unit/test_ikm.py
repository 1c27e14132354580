"""The index formula against hand-worked examples and properties."""

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from shared.rules import ikm, questionnaire
from shared.rules.ikm import Tally
from shared.rules.numbers import round_half_up

SKM = questionnaire.load("skm")
IPAK = questionnaire.load("ipak")


def result_of(answer_sets, form=SKM):
    return ikm.compute(ikm.tally(answer_sets, form.codes), form, len(answer_sets))


def test_hand_worked_example_of_four_respondents():
    # Scores per respondent for U1..U9, worked out on paper:
    # U1 (4+3+3+4)/4 = 3.50   U2 (3+3+2+4)/4 = 3.00   U3 (2+3+3+3)/4 = 2.75
    # U4 (4+4+4+4)/4 = 4.00   U5 (3+3+3+3)/4 = 3.00   U6 (4+3+4+4)/4 = 3.75
    # U7 (4+4+3+4)/4 = 3.75   U8 (2+2+3+3)/4 = 2.50   U9 (3+2+3+3)/4 = 2.75
    # sum of NRR = 29.00; IKM = 29/9 = 3.2222…; konversi = 80.5555… -> 80.56, grade B "Baik"
    rows = [
        [4, 3, 2, 4, 3, 4, 4, 2, 3],
        [3, 3, 3, 4, 3, 3, 4, 2, 2],
        [3, 2, 3, 4, 3, 4, 3, 3, 3],
        [4, 4, 3, 4, 3, 4, 4, 3, 3],
    ]
    result = result_of([dict(zip(SKM.codes, row)) for row in rows])
    assert [item.nrr for item in result.items] == [
        Fraction(x) for x in ("3.5", "3", "2.75", "4", "3", "3.75", "3.75", "2.5", "2.75")
    ]
    assert result.index == Fraction(29, 9)
    assert result.converted_display == Decimal("80.56")
    assert result.index_display == Decimal("3.2222")
    assert (result.band.grade, result.band.label["id"]) == ("B", "Baik")
    assert round_half_up(result.items[0].weighted_nrr, 3) == Decimal("0.389")  # 3.5/9 = 0.38888…


def test_early_rounding_would_change_the_grade():
    # NRR all 3.53: exact weights give 3.53 * 25 = 88.25 (B); rounding weights to 0.111
    # gives 9 * 3.53 * 0.111 * 25 = 88.16 – same grade here, but the point is we never
    # round: the exact value is used.
    tallies = {code: Tally(100, 353) for code in SKM.codes}
    result = ikm.compute(tallies, SKM, 100)
    assert result.converted == Fraction("88.25")
    assert result.band.grade == "B"


@pytest.mark.parametrize(
    ("converted", "grade"),
    [
        ("25", "D"),
        ("64.99", "D"),
        ("64.994999", "D"),
        ("64.995", "C"),
        ("65.00", "C"),
        ("76.60", "C"),
        ("76.604999", "C"),
        ("76.605", "B"),
        ("76.61", "B"),
        ("88.30", "B"),
        ("88.304999", "B"),
        ("88.305", "A"),
        ("88.31", "A"),
        ("100", "A"),
    ],
)
def test_grade_bands_follow_the_rounded_converted_value(converted, grade):
    assert ikm.grade(Fraction(converted), SKM.bands).grade == grade


def test_ipak_bands_come_from_its_questionnaire():
    assert ikm.grade(Fraction("43.75"), IPAK.bands).label["id"] == "Tidak bebas dari korupsi"
    assert ikm.grade(Fraction("43.76"), IPAK.bands).label["id"] == "Kurang bersih"
    assert ikm.grade(Fraction("81.26"), IPAK.bands).label["id"] == "Bebas dari korupsi"


@pytest.mark.parametrize(
    ("value", "digits", "shown"),
    [
        ("28.125", 2, "28.13"),
        ("88.305", 2, "88.31"),
        ("88.3049999", 2, "88.30"),
        ("2.5", 0, "3"),
        ("-1.005", 2, "-1.01"),
        ("1/3", 4, "0.3333"),
        ("2/3", 4, "0.6667"),
    ],
)
def test_round_half_up_is_exact(value, digits, shown):
    assert round_half_up(Fraction(value), digits) == Decimal(shown)


def test_a_tie_that_floats_get_wrong_is_rounded_up():
    # 8 respondents, 81 points spread over 9 items → konversi exactly 28.125
    tallies = {code: Tally(8, 9) for code in SKM.codes}
    result = ikm.compute(tallies, SKM, 8)
    assert result.converted == Fraction("28.125")
    assert result.converted_display == Decimal("28.13")


def test_no_answers_gives_no_index():
    result = ikm.compute({}, SKM, 0)
    assert result.index is None and result.band is None and result.converted_display is None


def test_item_missing_from_a_version_is_weighted_out():
    tallies = {code: Tally(10, 30) for code in SKM.codes[:8]}  # U9 never asked
    result = ikm.compute(tallies, SKM, 10)
    assert result.index == 3
    assert result.items[-1].answers == 0 and result.items[-1].weighted_nrr == 0


def test_lowest_items_are_the_three_weakest():
    tallies = {code: Tally(10, 20 + i) for i, code in enumerate(SKM.codes)}
    assert [item.code for item in ikm.lowest_items(ikm.compute(tallies, SKM, 10))] == ["U1", "U2", "U3"]


answers = st.lists(st.lists(st.integers(1, 4), min_size=9, max_size=9), min_size=1, max_size=40)


@given(answers)
def test_index_stays_within_the_scale(rows):
    result = result_of([dict(zip(SKM.codes, row)) for row in rows])
    assert 1 <= result.index <= 4
    assert 25 <= result.converted <= 100
    assert result.band is not None


@given(answers, st.randoms())
def test_index_does_not_depend_on_response_order(rows, rng):
    shuffled = list(rows)
    rng.shuffle(shuffled)
    assert (
        result_of([dict(zip(SKM.codes, r)) for r in rows]).index
        == result_of([dict(zip(SKM.codes, r)) for r in shuffled]).index
    )


@given(answers, st.integers(0, 39), st.integers(0, 8))
def test_raising_one_answer_never_lowers_the_index(rows, row_pick, item_pick):
    before = result_of([dict(zip(SKM.codes, r)) for r in rows])
    raised = [list(r) for r in rows]
    target = raised[row_pick % len(raised)]
    target[item_pick] = min(4, target[item_pick] + 1)
    after = result_of([dict(zip(SKM.codes, r)) for r in raised])
    assert after.index >= before.index
    assert ("ABCD".index(after.band.grade)) <= ("ABCD".index(before.band.grade))


@given(answers)
def test_displayed_value_and_grade_always_agree(rows):
    result = result_of([dict(zip(SKM.codes, r)) for r in rows])
    shown = result.converted_display
    expected = (
        "A"
        if shown >= Decimal("88.31")
        else "B"
        if shown >= Decimal("76.61")
        else "C"
        if shown >= Decimal("65.00")
        else "D"
    )
    assert result.band.grade == expected


SPKP, SPAK = questionnaire.load("spkp"), questionnaire.load("spak")


def six_point(first: list[int], second: list[int], form) -> ikm.IndexResult:
    codes = form.codes
    return result_of([dict(zip(codes, first)), dict(zip(codes, second))], form)


def test_six_point_spkp_worked_by_hand_on_a_band_edge():
    # Two respondents on the ZI kit's six-point SPKP (25 items). A answers 4 to every item; B 4 to
    # SPKP1–20 and 3 to SPKP21–25. NRR: 4.00 for 20 items, (4+3)/2 = 3.50 for 5.
    # Index = (20 × 4 + 5 × 3.5) / 25 = 97.5 / 25 = 3.9000; converted ×100/6 = 65.00 exactly:
    # the lower edge of C "Kurang baik". One point less (B answers 2 to SPKP25) gives
    # 3.88 × 100/6 = 64.666… -> 64.67, grade D "Tidak baik".
    edge = six_point([4] * 25, [4] * 20 + [3] * 5, SPKP)
    assert edge.index == Fraction(39, 10) and edge.converted == Fraction(65)
    assert (edge.band.grade, questionnaire.text(edge.band.label, "id")) == ("C", "Kurang baik")
    below = six_point([4] * 25, [4] * 20 + [3] * 4 + [2], SPKP)
    assert round_half_up(below.converted, 2) == Decimal("64.67") and below.band.grade == "D"


def test_six_point_spak_and_its_scale():
    # A answers 6 to all eight SPAK items, B 5: index 5.5, converted 5.5 × 100/6 = 91.666… -> 91.67, A.
    top = six_point([6] * 8, [5] * 8, SPAK)
    assert top.index == Fraction(11, 2) and round_half_up(top.converted, 2) == Decimal("91.67")
    assert top.band.grade == "A" and questionnaire.factor_text(SPAK) == "100/6"
    lowest = six_point([1] * 8, [1] * 8, SPAK)  # the scale's floor is a grade too, never "below every band"
    assert round_half_up(lowest.converted, 2) == Decimal("16.67") and lowest.band.grade == "D"
    assert [(band.grade, str(low), str(high)) for band, low, high in SPAK.band_ranges()][0] == ("A", "81.26", "100")
    assert len(SPKP.items) == 25 and len(SPAK.items) == 8
    assert {len(item.options) for form in (SPKP, SPAK) for item in form.items} == {6}
