"""The public results site: written when the bureau publishes a period, agreeing with BigQuery,
never showing provisional figures or what citizens wrote; readable at 360 px, no axe violations."""

import csv
import io
import json
from datetime import date, timedelta

import pytest

from shared.rules.periods import JAKARTA, Period
from shared.text.formats import fixed
from skm.cli import main
from tests.helpers.area import accessibility_violations, comma, new_phone
from tests.helpers.data import Q3, rows_by_key

pytestmark = [pytest.mark.stack, pytest.mark.browser]


@pytest.fixture
def public(tmp_path, monkeypatch):
    monkeypatch.setenv("SKM_PUBLIC_DIR", str(tmp_path / "public"))
    return tmp_path / "public"


def test_a_published_period_agrees_with_bigquery_and_keeps_citizens_words_private(
    q3_data, stack, store, warehouse, public, browser, artifacts, capsys
):
    running = Period.now(zone=JAKARTA)
    assert main(["publish", "--period", running.key]) == 2  # provisional figures never go public
    assert "no final figures" in capsys.readouterr().err and not public.exists()
    assert main(["publish", "--period", Q3.key, "--by", "biro-organisasi"]) == 0
    rows = rows_by_key(warehouse)
    region_page = (public / Q3.key / "index.html").read_text()
    for unit_id in ("puskesmas-teluk-dalam", "kelurahan-teluk-dalam"):
        assert comma(rows[(unit_id, "skm")]["index_converted"], 2) in region_page
    data = list(csv.DictReader(io.StringIO((public / Q3.key / "data.csv").read_text(encoding="utf-8-sig"))))
    puskesmas = next(r for r in data if r["unit_id"] == "puskesmas-teluk-dalam" and r["survey"] == "ipak")
    ipak = rows[("puskesmas-teluk-dalam", "ipak")]
    assert puskesmas["index_converted"] == fixed(ipak["index_converted"], 2)
    assert puskesmas["nrr_IPAK1"] == fixed(ipak["elements"][0]["nrr"], 2)
    catalog = json.loads((public / "catalog.json").read_text())
    assert [d["identifier"] for d in catalog["dataset"]] == [f"skm-{Q3.key}"]
    texts = {s for responses in q3_data.values() for r in responses for s in [r.suggestion] if s}
    for path in public.rglob("*"):
        if path.is_file():
            content = path.read_text(encoding="utf-8")
            assert not any(text in content for text in texts), path
            assert "ACDEFGHJ" not in content  # no receipt
            if path.suffix == ".html":
                assert len(content.encode()) < 20_000 and "<script" not in content, path
    assert not (public / running.key).exists()
    phone = new_phone(browser, javascript=False).new_page()
    for name, path in (
        ("region", public / Q3.key / "index.html"),
        ("unit", public / Q3.key / "u" / "puskesmas-teluk-dalam.html"),
    ):
        phone.goto(path.as_uri())
        phone.screenshot(path=artifacts / f"public-{name}-360.png", full_page=True)
        width = phone.evaluate("document.documentElement.scrollWidth")
        assert width <= 360, (name, width)  # tables scroll in their own box, the page never sideways
        assert accessibility_violations(browser, path.as_uri()) == []


def test_the_bureau_publishes_from_the_operator_area_and_a_unit_operator_cannot(q3_data, stack, store, bureau):
    from tests.helpers.area import Area
    from tests.helpers.data import add_operator

    unit_operator = Area(stack, add_operator(store, "lurah@contoh.go.id", units=["kelurahan-teluk-dalam"]))
    assert unit_operator.post("/publish", {"period": Q3.key}).status_code == 403
    area = Area(stack, bureau)
    running = area.post("/publish", {"period": Period.now(zone=JAKARTA).key, "confirm": "yes"})
    assert running.status_code == 422 and "belum punya angka akhir" in running.text
    home = area.get(f"?period={Period.now(zone=JAKARTA).key}")
    assert "Terbitkan periode ini" not in home.text and "belum dapat diterbitkan" in home.text  # not offered
    asked = area.post("/publish", {"period": Q3.key})  # without saying yes: asked once, nothing published
    assert asked.status_code == 200 and "Ya, terbitkan" in asked.text and store.ops.publications() == []
    done = area.post("/publish", {"period": Q3.key, "confirm": "yes"})
    assert done.status_code == 200 and "diterbitkan" in done.text
    assert f"{stack.url('public')}/{Q3.key}/" in done.text  # a link to what was published
    published = {p.period: p for p in store.ops.publications()}
    assert published[Q3.key].published_by == "biro-organisasi@contoh.go.id"
    due = (date.today() + timedelta(days=30)).isoformat()
    plan = {"item": ["U5"], "action_U5": "Jam layanan <b>sore</b>", "owner_U5": "Lurah", "due_U5": due}
    assert unit_operator.post(f"/u/kelurahan-teluk-dalam/{Q3.key}/plan", plan).status_code == 303
    page = (stack.workdir / "public" / Q3.key / "u" / "kelurahan-teluk-dalam.html").read_text()
    assert "Jam layanan &lt;b&gt;sore&lt;/b&gt;" in page  # a plan saved after publishing is public at once
