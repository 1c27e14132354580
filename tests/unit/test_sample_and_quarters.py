from datetime import date, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from shared import quarters
from shared.quarters import JAKARTA, Quarter
from shared.sample import krejcie_morgan, slovin, ten_percent
from shared.vocabulary import required_sample


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


def test_quarter_boundaries_are_in_jakarta_time():
    assert Quarter.of(datetime(2026, 3, 31, 23, 30, tzinfo=JAKARTA)).key == "2026-Q1"
    assert Quarter.of(datetime(2026, 4, 1, 0, 10, tzinfo=JAKARTA)).key == "2026-Q2"
    # 17:30 UTC on 31 March is already 00:30 on 1 April in Jakarta (UTC+7)
    assert Quarter.of(datetime(2026, 3, 31, 17, 30, tzinfo=timezone.utc)).key == "2026-Q2"
    assert Quarter.of(datetime(2026, 12, 31, 16, 59, tzinfo=timezone.utc)).key == "2026-Q4"
    assert Quarter.of(datetime(2026, 12, 31, 17, 0, tzinfo=timezone.utc)).key == "2027-Q1"


def test_quarter_keys_parse_and_step():
    q = Quarter.parse("2026-Q3")
    assert (q.start, q.next().key, q.previous().key) == (date(2026, 7, 1), "2026-Q4", "2026-Q2")
    assert Quarter.parse("2026-Q1").previous().key == "2025-Q4"
    assert Quarter.parse("2026-Q4").next().key == "2027-Q1"
    assert quarters.label(q) == "Triwulan III 2026 (Juli–September)"
    assert quarters.label(q, "en") == "Quarter 3 2026 (July–September)"
    for bad in ("2026-Q5", "2026Q3", "", "26-Q1", None):
        with pytest.raises(ValueError):
            Quarter.parse(bad)
    with pytest.raises(ValueError):
        Quarter.of(datetime(2026, 1, 1))


@given(st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2100, 1, 1), timezones=st.just(timezone.utc)))
def test_every_instant_lies_inside_its_quarter(moment):
    q = Quarter.of(moment)
    assert q.starts_at <= moment < q.ends_at
    assert q.ends_at - q.starts_at <= timedelta(days=92)
