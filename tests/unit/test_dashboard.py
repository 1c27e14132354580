"""The bureau's dashboard rows: sample progress, open complaints, follow-up, sorting and filtering."""

from shared.reports import dashboard
from shared.rules.records import Unit


def unit(unit_id: str, kind: str = "Puskesmas") -> Unit:
    return Unit(unit_id=unit_id, name=unit_id.title(), type=kind)


def index(unit_id: str, converted: str | None, respondents: int, required: int, received=0, answered=0) -> dict:
    return {
        "unit_id": unit_id,
        "survey": "skm",
        "index_converted": converted,
        "respondents": respondents,
        "required_sample": required,
        "suggestions_received": received,
        "suggestions_answered": answered,
    }


def test_rows_measure_each_unit_and_sort_on_the_server():
    units = [unit("aa"), unit("bb"), unit("cc", "Kelurahan"), unit("dd")]
    rows = dashboard.rows(
        units,
        [index("aa", "82.50", 150, 300, 5, 2), index("bb", "90.10", 12, 306), index("cc", "70.00", 400, 306)],
        {"aa": [{"action": "x", "status": "selesai"}, {"action": "y", "status": "berjalan"}]},
        30,
    )
    by_id = {row.unit.unit_id: row for row in rows}
    assert (by_id["aa"].sample_share, by_id["aa"].open_complaints, by_id["aa"].done, by_id["aa"].planned) == (
        50,
        3,
        1,
        2,
    )
    assert by_id["cc"].sample_share == 100 and not by_id["bb"].enough and by_id["dd"].index is None
    ranked = [row.unit.unit_id for row in dashboard.arranged(rows)]
    assert ranked == ["aa", "cc", "bb", "dd"]  # bb has the best index but 12 respondents: after the ranked
    assert [r.unit.unit_id for r in dashboard.arranged(rows, "Kelurahan")] == ["cc"]
    assert [r.unit.unit_id for r in dashboard.arranged(rows, sort="sample")][:2] == ["dd", "bb"]
    assert [r.unit.unit_id for r in dashboard.arranged(rows, sort="complaints")][0] == "aa"
    assert dashboard.types(units) == ["Kelurahan", "Puskesmas"]
