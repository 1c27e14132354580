"""The pure parts of the aggregation: interval, versions, region row, profile groups, run ids."""

from datetime import date
from decimal import Decimal
from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from shared.rules import ikm, questionnaire, vocabulary
from shared.rules.ikm import Tally
from shared.rules.periods import Period
from shared.rules.records import Unit
from shared.rules.statistics import confidence_interval, t_quantile
from shared.rules.vocabulary import ALL, REGION
from shared.usecases.aggregation import index_rows
from shared.usecases.aggregation.index_rows import GroupFacts, UnitFacts

SKM = questionnaire.current("skm")
Q3 = Period.parse("2026-Q3")


def test_interval_worked_by_hand():
    # Four respondents with mean scores 3, 3, 4, 4: mean 3.5 (87.5), s = sqrt(1/3), se = s/2,
    # t(0.975, 3) = 3.182: margin = 3.182 * 0.288675 * 25 = 22.964 -> 64.54 .. 110.46, clipped to 100.
    sums = (3 + 3 + 4 + 4, 9 + 9 + 16 + 16)
    assert confidence_interval(Fraction(175, 2), 4, *sums, 25, (1, 4)) == (Decimal("64.54"), Decimal("100.00"))
    # With N = 10 service users the finite population correction sqrt(6/9) narrows it: 87.5 - 18.751.
    assert confidence_interval(Fraction(175, 2), 4, *sums, 25, (1, 4), population=10)[0] == Decimal("68.75")
    assert confidence_interval(Fraction(75), 1, 3, 9, 25, (1, 4)) is None  # one respondent: no spread
    assert confidence_interval(Fraction(75), 5, 15, 45, 25, (1, 4)) == (Decimal("75.00"), Decimal("75.00"))


def test_t_quantiles_err_wide_between_table_entries():
    assert t_quantile(1) == 12.706 and t_quantile(30) == 2.042
    assert t_quantile(45) == 2.021 and t_quantile(121) == 1.96


@given(st.lists(st.integers(1, 4), min_size=2, max_size=60))
def test_the_interval_contains_the_index_and_stays_on_the_scale(scores):
    n = len(scores)
    center = Fraction(sum(scores), n) * 25
    low, high = confidence_interval(center, n, sum(scores), sum(s * s for s in scores), 25, (1, 4))
    assert Decimal(25) <= low <= ikm.round_half_up(center, 2) <= high <= Decimal(100)


def test_an_item_added_mid_quarter_counts_with_weight_one_over_k():
    tallies = {code: Tally(10, 30) for code in SKM.codes} | {"U10": Tally(4, 16)}
    result = ikm.compute(tallies, SKM, 10)
    assert [item.code for item in result.items][-1] == "U10"
    assert result.index == (9 * Fraction(3) + Fraction(4)) / 10  # k = 10 items answered


def test_an_item_dropped_mid_quarter_uses_the_answers_present():
    tallies = {code: Tally(10, 30) for code in SKM.codes} | {"U9": Tally(6, 24)}
    result = ikm.compute(tallies, SKM, 10)
    assert result.index == (8 * Fraction(3) + Fraction(4)) / 9


def unit(unit_id, users=100, surveys=("skm",)):
    return Unit(
        unit_id=unit_id, name=unit_id.title(), type="Kelurahan", service_users_per_quarter=users, surveys=surveys
    )


def facts(groups):
    return index_rows.PeriodFacts(groups, {"kel-a": UnitFacts(excluded=2), "kel-b": UnitFacts(excluded=1)}, {})


def test_the_region_row_pools_every_unit_and_counts_units_that_reached_their_sample():
    a = GroupFacts(80, {code: Tally(80, 240) for code in SKM.codes}, 240.0, 720.0)
    b = GroupFacts(5, {code: Tally(5, 20) for code in SKM.codes}, 20.0, 80.0)
    rows = index_rows.build_rows(
        Q3,
        [unit("kel-a"), unit("kel-b")],
        facts({("kel-a", "skm", *ALL): a, ("kel-b", "skm", *ALL): b}),
        "krejcie-morgan",
        "Kota Contoh",
    )
    region = next(r for r in rows if r["unit_id"] == REGION)
    assert (region["respondents"], region["units"], region["units_sample_reached"]) == (85, 2, 1)
    assert region["required_sample"] == 160 and region["excluded_flagged"] == 3  # 80 + 80 (N = 100 each)
    pooled = Fraction(80 * 3 + 5 * 4, 85) * 25
    assert region["index_converted"] == str(ikm.round_half_up(pooled, 2)) == "76.47"
    assert region["unit_name"] == "Kota Contoh" and region["sample_reached"] is False


def test_a_periods_units_are_those_registered_before_it_ended_or_with_responses_in_it():
    a = GroupFacts(80, {code: Tally(80, 240) for code in SKM.codes}, 240.0, 720.0)
    late = unit("kel-c").model_copy(update={"registered": date(2026, 12, 1)})  # after Triwulan III
    closed = unit("kel-d").model_copy(update={"active": False})
    answered_late = unit("kel-b").model_copy(update={"registered": date(2026, 12, 2), "active": False})
    on_the_last_day = unit("kel-e").model_copy(update={"registered": date(2026, 9, 30)})
    b = GroupFacts(5, {code: Tally(5, 20) for code in SKM.codes}, 20.0, 80.0)
    groups = {("kel-a", "skm", *ALL): a, ("kel-b", "skm", *ALL): b}
    rows = index_rows.build_rows(
        Q3, [unit("kel-a"), answered_late, late, closed, on_the_last_day], facts(groups), "krejcie-morgan", "Kota"
    )
    assert sorted(r["unit_id"] for r in rows) == [REGION, "kel-a", "kel-b", "kel-e"]
    region = next(r for r in rows if r["unit_id"] == REGION)
    assert (region["units"], region["service_users"], region["required_sample"]) == (3, 300, 240)


def test_profile_groups_are_ordered_and_indexed():
    whole = GroupFacts(2, {code: Tally(2, 7) for code in SKM.codes})
    women = GroupFacts(1, {code: Tally(1, 4) for code in SKM.codes})
    senior = GroupFacts(1, {code: Tally(1, 3) for code in SKM.codes})
    groups = {
        ("kel-a", "skm", *ALL): whole,
        ("kel-a", "skm", "gender", "P"): women,
        ("kel-a", "skm", "age_band", "55+"): senior,
    }
    [row, _] = index_rows.build_rows(Q3, [unit("kel-a")], facts(groups), "krejcie-morgan", "Kota")
    assert [(p["dimension"], p["group_value"], p["index_converted"], p["grade"]) for p in row["profile"]] == [
        ("gender", "P", "100.00", "A"),
        ("age_band", "55+", "75.00", "C"),
    ]


def test_the_run_id_depends_on_the_content_only():
    row = {"unit_id": "a", "index_converted": "75.00"}
    assert index_rows.content_run_id(Q3, [row]) == index_rows.content_run_id(Q3, [dict(row)])
    assert index_rows.content_run_id(Q3, [row]) != index_rows.content_run_id(Q3, [row | {"index_converted": "75.01"}])


def test_age_bands_match_the_sql():
    assert [vocabulary.age_band(a) for a in (None, 15, 24, 25, 44, 54, 55, 100)] == [
        None,
        "15-24",
        "15-24",
        "25-34",
        "35-44",
        "45-54",
        "55+",
        "55+",
    ]


def test_a_volume_recorded_after_the_run_counts_in_the_units_row_and_the_regions_sums():
    a = GroupFacts(80, {code: Tally(80, 240) for code in SKM.codes}, 240.0, 720.0)
    b = GroupFacts(5, {code: Tally(5, 20) for code in SKM.codes}, 20.0, 80.0)
    units = [unit("kel-a"), unit("kel-b")]
    rows = index_rows.build_rows(
        Q3, units, facts({("kel-a", "skm", *ALL): a, ("kel-b", "skm", *ALL): b}), "slovin", "K"
    )
    now = index_rows.with_recorded_region(rows, units, "slovin", Q3, {("kel-a", "2026-Q3"): 1000})
    by_unit = {row["unit_id"]: row for row in now}
    # Slovin, e = 5 %: 1000 / (1 + 1000 × 0,0025) = 285,7 -> 286; 100 / 1,25 = 80
    assert (by_unit["kel-a"]["service_users"], by_unit["kel-a"]["required_sample"]) == (1000, 286)
    assert by_unit["kel-a"]["sample_reached"] is False and by_unit["kel-b"]["required_sample"] == 80
    assert (by_unit[REGION]["service_users"], by_unit[REGION]["required_sample"]) == (1100, 366)
    assert by_unit[REGION]["units_sample_reached"] == 0 and rows[0]["service_users"] == 100  # the run's rows unchanged


def test_a_semester_pools_its_quarters_facts_computing_first_those_missing_or_older_than_a_change():
    from datetime import datetime, timezone

    from shared.usecases.aggregation import runs
    from skm.demo import DEMO_UNITS
    from skm.units_csv import read_units_file
    from tests.helpers.fakes import fake_services

    services = fake_services(read_units_file(DEMO_UNITS))
    warehouse, changes = services.warehouse, services.responses.changes
    now = datetime(2026, 5, 10, tzinfo=timezone.utc)  # in Q2: Q1 and Q2 of the semester have begun
    semester, q1, q2 = Period.parse("2026-S1"), Period.parse("2026-Q1"), Period.parse("2026-Q2")
    assert runs.unpooled(semester, services, now) == [q1, q2]  # never computed
    runs.run(semester, services, now)
    assert set(warehouse.facts_at) == {q1.start, q2.start}
    assert {row["period"] for row in warehouse.index} == {"2026-S1"}  # the quarters' own figures are their runs' job
    assert runs.unpooled(semester, services, now) == []  # the next semester run reads what is stored
    changes[q1.key] = datetime(2026, 5, 11, tzinfo=timezone.utc)  # a late paper entry into Q1
    assert runs.unpooled(semester, services, now) == [q1]
    assert runs.unpooled(Period.parse("2026"), services, now) == [q1]  # Q3 and Q4 have not begun
    assert runs.unpooled(q1, services, now) == []  # a quarter reads its own responses anyway
