"""Fuzz every route of both HTTP functions against the real stack: never a 5xx, and a refused
request (4xx) writes nothing. Path parameters come from a pool of valid, reserved and hostile
values; bodies are forms, JSON or raw bytes; area requests are signed in, with or without the
CSRF token. CI replays the same examples every run (tests/conftest.py)."""

from __future__ import annotations

import re
from urllib.parse import quote

import pytest
import requests
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from functions.report.skm_report.app import app as report_app
from functions.submit.skm_submit.app import app as submit_app
from tests.helpers.data import Q3

pytestmark = pytest.mark.stack
COLLECTIONS = (
    "responses",
    "receipts",
    "followups",
    "plans",
    "sessions",
    "operators",
    "units",
    "devices",
    "entry_log",
    "service_volumes",
    "narratives",
    "sign_in_links",
    "admin_log",
)
PARAMETERS = {
    "unit_id": ["puskesmas-teluk-dalam", "dpmptsp", "no-such-unit", "__x__", ".", "..", "a" * 300, "é", "%00"],
    "period": [Q3.key, "2026-Q9", "2026", "2026-S1", "x", "__x__"],
    "receipt": ["AAAA3333", "aaaa", "__x__", ".", "ÆØÅ", "0" * 500],
    "name": ["IKM_x_2026-Q3_id_0.pdf", ".partial", "..", "a/b", "__x__"],
    "response_id": ["00000000-0000-0000-0000-000000000000", "__x__", ".", "..", "x" * 1600, "\u0000"],
    "token": ["abcdefghijkl." + "x" * 43, "__x__", ".", "a.b", "é" * 20 + "." + "x" * 40, "x" * 2000],
    "device_id": ["abcdefghijkl", "__x__", ".", "..", "x" * 1600],
    "export": ["responses", "complaints", "x", "__x__", "é"],
    "token_hash": ["0" * 64, "__x__", ".", "..", "x" * 1600],
    "key": ["0" * 64, "__x__", ".", "x" * 1600],
    "picture": ["masuk", "beranda", "x", "__x__", "..", "x" * 100],
    "code": ["puskesmas-teluk-dalam", "no-such-unit", "import", "__x__", ".", "x" * 1600],
}
hostile = ["\x00", "=1+1", "<script>x</script>", "[" * 200]
form_texts = st.text(st.characters(exclude_categories=("Cs",)), max_size=60) | st.sampled_from(hostile)
texts = form_texts | st.just("\ud800")  # a lone surrogate only JSON can carry
forms = st.dictionaries(
    st.sampled_from(
        ["token", "status", "reply", "item", "action_U1", "owner_U1", "due_U1", "spam", "format", "quarter", "doc_lang"]
        + ["name", "day", "r1_skm", "r1_gender", "r1_age", "r1_service", "served_2026-Q3", "r1_id", "file"]
        + ["foreword", "nip", "place", "signatory", "period"]
    ),
    form_texts
    | st.sampled_from(["ditanggapi", "selesai", "baru", "U1", "1", "0", "2026-12-31", "csv", "²", "0001-01-01"]),
    max_size=6,
)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | texts,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=8,
)
FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def routes() -> list[tuple[str, str, str, tuple[str, ...]]]:
    """(function, endpoint, path, methods) of every declared route."""
    return [
        (function, endpoint, path, methods)
        for function, app in (("submit", submit_app), ("report", report_app))
        for endpoint, (path, methods) in sorted(app.endpoints().items())
    ]


def counts(store) -> dict[str, int]:
    return {name: sum(1 for _ in store.collections.read(name).select([]).stream()) for name in COLLECTIONS}


@pytest.fixture
def signed_in(stack, store, bureau):
    http = requests.Session()
    home = http.post(f"{stack.url('report')}/operator/login", data={"token": bureau["Authorization"].split()[1]})
    csrf = re.search(r'name="csrf" value="([^"]+)"', home.text)[1]
    return http.cookies.get("skm_session"), csrf


@FUZZ
@given(data=st.data())
def test_no_route_answers_5xx_and_a_refusal_writes_nothing(stack, store, signed_in, data):
    function, endpoint, path, methods = data.draw(st.sampled_from(routes()), label="route")
    method = data.draw(st.sampled_from([*methods, "GET", "POST", "PUT"]), label="method")
    url = stack.url(function) + re.sub(
        r"<(\w+)>", lambda m: quote(data.draw(st.sampled_from(PARAMETERS[m[1]]), label=m[1]), safe=""), path
    )
    cookie, csrf = signed_in
    kwargs: dict = {"timeout": 30, "allow_redirects": False}
    if endpoint != "area_logout" and data.draw(st.booleans(), label="signed in"):
        kwargs["cookies"] = {"skm_session": cookie}
    body = data.draw(st.sampled_from(["form", "json", "bytes", "none"]), label="body")
    if body == "form":
        fields = data.draw(forms, label="form")
        if data.draw(st.booleans(), label="csrf"):
            fields["csrf"] = csrf
        kwargs["data"] = fields
    elif body == "json":
        kwargs["json"] = data.draw(json_values, label="json")
    elif body == "bytes":
        kwargs["data"] = data.draw(st.binary(max_size=300), label="bytes")
    before = counts(store)
    answer = requests.request(method, url, **kwargs)
    assert answer.status_code < 500, (method, url, answer.status_code, answer.text[:300])
    if answer.status_code >= 400:
        assert counts(store) == before, (method, url, answer.status_code)
    logs = "".join((stack.workdir / "logs" / f"{name}.log").read_text() for name in ("submit", "report"))
    assert "unhandled error" not in logs  # every refusal was expected: no traceback logged


@pytest.mark.parametrize("response_id", ["__x__", ".", "..", "x" * 1600])
def test_reserved_firestore_ids_in_operator_routes_are_404_not_500(stack, store, signed_in, response_id):
    cookie, csrf = signed_in
    base = f"{stack.url('report')}/operator/u/puskesmas-teluk-dalam/{Q3.key}"
    for action, form in (("complaint", {"status": "ditanggapi", "reply": "x"}), ("spam", {"spam": "1"})):
        answer = requests.post(
            f"{base}/{action}/{quote(response_id, safe='')}",
            data={**form, "csrf": csrf},
            cookies={"skm_session": cookie},
            timeout=30,
        )
        assert answer.status_code == 404, (action, answer.status_code)


def workbook_without_a_worksheet() -> bytes:
    """An XLSX whose workbook lists no sheet (openpyxl cannot save one; Excel can be made to)."""
    import io
    import zipfile

    from openpyxl import Workbook

    saved = io.BytesIO()
    Workbook().save(saved)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(saved.getvalue())) as source, zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "xl/workbook.xml":
                data = re.sub(rb"<sheets>.*</sheets>", b"<sheets/>", data)
            target.writestr(item, data)
    return out.getvalue()


def test_odd_operator_input_is_refused_not_a_500(stack, store, signed_in):
    """Issue 26, point 14: digits int() refuses, year 1 and a workbook with no sheet."""
    cookie, csrf = signed_in
    http = requests.Session()
    http.cookies.set("skm_session", cookie)
    area = f"{stack.url('report')}/operator"
    for query in ("page=²", "page=-1", "page=" + "9" * 40, "page=1.500"):
        assert http.get(f"{area}?{query}", timeout=30).status_code == 200, query
    paper = f"{area}/u/puskesmas-teluk-dalam/{Q3.key}/paper"
    before = counts(store)
    for cells in ({"r1_service": "²"}, {"r1_service": "٣"}, {"day": "0001-01-01"}, {"day": "9999-12-31"}):
        form = {"day": "2026-09-15", "r1_skm": "444444444", "r1_id": "row-id-01-odd-abcdef", "csrf": csrf} | cells
        answer = http.post(paper, data=form, timeout=30, allow_redirects=False)
        assert answer.status_code in (303, 422), (cells, answer.status_code, answer.text[:300])
        if answer.status_code == 303:
            http.post(f"{paper}/row-id-01-odd-abcdef/delete", data={"csrf": csrf}, timeout=30)
    files = {"file": ("isian.xlsx", workbook_without_a_worksheet(), "application/octet-stream")}
    answer = http.post(f"{paper[: -len('/paper')]}/import", data={"csrf": csrf}, files=files, timeout=30)
    assert answer.status_code == 422 and "Baris 1" in answer.text, answer.text[:300]
    assert counts(store) == before
