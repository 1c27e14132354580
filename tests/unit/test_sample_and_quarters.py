from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from shared.rules import periods
from shared.rules.periods import JAKARTA, Period
from shared.rules.sampling import krejcie_morgan, required_sample, slovin, ten_percent
from shared.text import formats


@pytest.mark.parametrize(
    ("population", "sample"),
    [
        (10, 10),
        (50, 44),
        (100, 80),
        (1_000, 278),
        (2_000, 322),
        (10_000, 370),
        (100_000, 383),
        (1_000_000, 384),
    ],
)
def test_krejcie_morgan_matches_the_published_table(population, sample):
    assert krejcie_morgan(population) == sample


def test_other_sample_rules_are_available():
    assert slovin(1000) == 286  # 1000 / (1 + 1000 * 0.0025) = 285.7
    assert ten_percent(1234) == 124
    assert required_sample(0, "krejcie-morgan") == 0
    assert required_sample(1000, "slovin") == 286


@given(st.integers(1, 10**7))
def test_sample_never_exceeds_population(population):
    assert 1 <= krejcie_morgan(population) <= min(population, 384)


def test_quarter_boundaries_are_in_the_regions_time():
    assert Period.of(datetime(2026, 3, 31, 23, 30, tzinfo=JAKARTA), zone=JAKARTA).key == "2026-Q1"
    assert Period.of(datetime(2026, 4, 1, 0, 10, tzinfo=JAKARTA), zone=JAKARTA).key == "2026-Q2"
    # 17:30 UTC on 31 March is already 00:30 on 1 April in Jakarta (UTC+7)
    assert Period.of(datetime(2026, 3, 31, 17, 30, tzinfo=timezone.utc), zone=JAKARTA).key == "2026-Q2"
    assert Period.of(datetime(2026, 12, 31, 16, 59, tzinfo=timezone.utc), zone=JAKARTA).key == "2026-Q4"
    assert Period.of(datetime(2026, 12, 31, 17, 0, tzinfo=timezone.utc), zone=JAKARTA).key == "2027-Q1"


def test_quarter_boundaries_follow_the_regions_zone_on_both_sides_of_midnight():
    wita, wit = ZoneInfo("Asia/Makassar"), ZoneInfo("Asia/Jayapura")
    before = datetime(2026, 3, 31, 23, 59, tzinfo=wita)  # 15:59 UTC
    after = datetime(2026, 4, 1, 0, 30, tzinfo=wita)  # 16:30 UTC: still 31 March 23:30 in Jakarta
    assert (Period.of(before, zone=wita).key, Period.of(after, zone=wita).key) == ("2026-Q1", "2026-Q2")
    assert Period.of(after, zone=JAKARTA).key == "2026-Q1"  # what a Jakarta calendar would have said
    assert Period.of(datetime(2026, 6, 30, 15, 30, tzinfo=timezone.utc), zone=wit).key == "2026-Q3"  # 00:30 WIT


def test_period_keys_parse_and_step():
    q = Period.parse("2026-Q3")
    assert (q.start, q.end, q.next().key, q.previous().key) == (
        date(2026, 7, 1),
        date(2026, 10, 1),
        "2026-Q4",
        "2026-Q2",
    )
    assert Period.parse("2026-Q1").previous().key == "2025-Q4"
    assert Period.parse("2026-Q4").next().key == "2027-Q1"
    s1, s2, year = Period.parse("2026-S1"), Period.parse("2026-S2"), Period.parse("2026")
    assert [p.key for p in s2.quarters] == ["2026-Q3", "2026-Q4"] and (s2.start, s2.end) == (
        date(2026, 7, 1),
        date(2027, 1, 1),
    )
    assert (s1.next().key, s1.previous().key, year.previous().key, year.next().key) == (
        "2026-S2",
        "2025-S2",
        "2025",
        "2027",
    )
    assert [p.key for p in year.quarters] == ["2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4"]
    assert [p.key for p in Period.parse("2026-Q2").closes()] == ["2026-Q2", "2026-S1"]
    assert [p.key for p in Period.parse("2026-Q4").closes()] == ["2026-Q4", "2026-S2", "2026"]
    assert [p.key for p in Period.parse("2026-Q3").containing()] == ["2026-S2", "2026"]
    assert formats.period_name(q) == "Triwulan III 2026 (Juli–September)"
    assert formats.period_name(q, "en") == "Quarter 3 2026 (July–September)"
    assert formats.period_name(s1) == "Semester I 2026 (Januari–Juni)" and formats.period_name(year) == "Tahun 2026"
    assert (
        formats.period_name(s2, "en") == "Semester 2 2026 (July–December)"
        and formats.period_name(year, "en") == "Year 2026"
    )
    assert [p.key for p in periods.trend(year)] == ["2022", "2023", "2024", "2025", "2026"]
    assert len(periods.trend(s1)) == 6 and len(periods.trend(q)) == 8
    for bad in ("2026-Q5", "2026Q3", "", "26-Q1", None, "2026-S3", "2026-H1", "1999"):
        with pytest.raises(ValueError):
            Period.parse(bad)
    with pytest.raises(ValueError):
        Period.of(datetime(2026, 1, 1), zone=JAKARTA)


@given(st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2100, 1, 1), timezones=st.just(timezone.utc)))
def test_every_instant_lies_inside_its_quarter_semester_and_year(moment):
    q = Period.of(moment, zone=JAKARTA)
    assert q.starts_at(zone=JAKARTA) <= moment < q.ends_at(zone=JAKARTA)
    assert q.ends_at(zone=JAKARTA) - q.starts_at(zone=JAKARTA) <= timedelta(days=92)
    for wider in q.containing():
        assert wider.contains(q) and wider.starts_at(zone=JAKARTA) <= moment < wider.ends_at(zone=JAKARTA)
        assert Period.parse(wider.key) == wider
