from datetime import datetime, timezone

import pytest

from functions.report.render import render_html
from shared import aggregation, links
from shared.ikm import Tally
from shared.models import Profile, StoredResponse, Unit
from shared.quarters import Quarter
from skm.units_csv import CsvError, read_units

SECRET = "test-secret"


def unit_row(unit, tallies, respondents, survey="skm"):
    """The index row of one unit whose whole sample has these tallies."""
    facts = {aggregation.ALL: aggregation.GroupFacts(respondents, tallies)}
    return aggregation.index_row(aggregation.Subject.of(unit, "krejcie-morgan"), survey, Quarter.parse("2026-Q3"),
                                 facts, aggregation.UnitFacts(), {1}, "krejcie-morgan")


def test_a_signed_link_verifies_until_it_expires():
    path, expires = links.sign(SECRET, "/reports/a.pdf", 60, now=1000)
    assert expires == 1060 and path.startswith("/reports/a.pdf?expires=1060&sig=")
    sig = path.rsplit("sig=", 1)[1]
    links.verify(SECRET, "/reports/a.pdf", "1060", sig, now=1059)
    with pytest.raises(links.LinkError, match="link_expired"):
        links.verify(SECRET, "/reports/a.pdf", "1060", sig, now=1061)
    for name, exp, s in [("/reports/b.pdf", "1060", sig), ("/reports/a.pdf", "9999", sig),
                         ("/reports/a.pdf", "1060", "0" * 64), ("/reports/a.pdf", None, sig), ("/reports/a.pdf", "x", sig)]:
        with pytest.raises(links.LinkError, match="link_invalid"):
            links.verify(SECRET, name, exp, s, now=1000)


def test_units_csv_reads_and_reports_every_bad_line():
    good = "unit_id,name,type,parent,service_users_per_quarter,surveys\nkel-a,Kelurahan A,Kelurahan,,100,skm;ipak\n"
    [unit] = read_units(good.splitlines(keepends=True))
    assert (unit.unit_id, unit.surveys, unit.service_users_per_quarter) == ("kel-a", ("skm", "ipak"), 100)
    bad = good + "Bad Id,X,Kelurahan,,-1,skm\nkel-a,Again,Kelurahan,,,\n"
    with pytest.raises(CsvError) as caught:
        read_units(bad.splitlines(keepends=True), "u.csv")
    message = str(caught.value)
    assert "u.csv:3: unit_id" in message and "u.csv:3: service_users_per_quarter" in message
    assert "u.csv:4: unit_id: duplicate kel-a" in message
    with pytest.raises(CsvError, match="missing columns: surveys"):
        read_units(["unit_id,name,type,parent,service_users_per_quarter\n"])


def test_index_row_carries_exact_displayed_numbers():
    unit = Unit(unit_id="kel-a", name="Kelurahan A", type="Kelurahan", service_users_per_quarter=1000)
    tallies = {f"U{i}": Tally(8, 9) for i in range(1, 10)}
    row = unit_row(unit, tallies, 8)
    assert (row["index_converted"], row["index_value"], row["grade"]) == ("28.13", "1.1250", "D")
    assert (row["required_sample"], row["sample_reached"]) == (278, False)
    assert row["elements"][0] == {"code": "U1", "answers": 8, "score_sum": 9, "nrr": "1.13", "weighted_nrr": "0.125"}


def test_response_row_tags_each_answer_with_its_survey():
    response = StoredResponse(response_id="r" * 20, unit_id="kel-a", quarter="2026-Q1", receipt="ACDEFGHJ",
                              questionnaires={"skm": 1}, answers={"U1": 4, "IPAK2": 3}, profile=Profile(age=30))
    row = aggregation.response_row(response.model_dump(), {"U1": "skm", "IPAK2": "ipak"})
    assert row["quarter_start"] == "2026-01-01"
    assert row["answers"] == [{"survey": "ipak", "item": "IPAK2", "score": 3}, {"survey": "skm", "item": "U1", "score": 4}]
    assert row["age"] == 30 and row["flags"] == []


def test_pubsub_message_names_a_quarter_or_takes_the_previous_one():
    now = datetime(2026, 10, 1, 1, 0, tzinfo=timezone.utc)
    assert aggregation.quarter_for_message({"quarter": "2026-Q2"}, now).key == "2026-Q2"
    assert aggregation.quarter_for_message(None, now).key == "2026-Q3"
    assert aggregation.quarter_for_message({}, now).key == "2026-Q3"
    with pytest.raises(ValueError):
        aggregation.quarter_for_message({"quarter": "last"}, now)


def test_report_html_escapes_names_and_uses_the_decimal_comma():
    unit = Unit(unit_id="kel-a", name="<script>alert(1)</script> & Co", type="Kelurahan")
    row = unit_row(unit, {f"U{i}": Tally(1, 3) for i in range(1, 10)}, 1)
    html = render_html(row, "Kota <Contoh>")
    assert "<script>alert(1)" not in html and "&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co" in html
    assert "Kota &lt;Contoh&gt;" in html
    assert "75,00" in html and "Triwulan III 2026" in html
    assert "75.00" in render_html(row, "Kota", "en")
