"""The public site: only published final figures, nothing personal, open data that agrees."""

import csv
import io
import json
from datetime import date, datetime, timezone

import pytest

from shared.reports import open_data
from shared.rules import questionnaire
from shared.rules.ikm import Tally
from shared.rules.periods import Period
from shared.rules.records import Unit
from shared.rules.standards import DEFAULT_MAKLUMAT, Cost, Duration, Maklumat, Standard
from shared.text import formats
from shared.usecases import publishing
from shared.usecases.aggregation import index_rows
from shared.usecases.aggregation.index_rows import GroupFacts, UnitFacts

SKM = questionnaire.current("skm")
Q3 = Period.parse("2026-Q3")
SECRET = "Petugas loket 2 bernama Budi kasar"  # a citizen's complaint: never public
NOW = datetime(2026, 10, 10, tzinfo=timezone.utc)


def rows(provisional: bool = False) -> list[dict]:
    units = [
        Unit(unit_id=f"unit-{n}", name=f"Unit {n}", type="Kelurahan", service_users_per_quarter=300) for n in (1, 2)
    ]
    groups = {}
    for n, unit in enumerate(units, start=1):
        tallies = {code: Tally(40, 40 * (2 + n % 2)) for code in SKM.codes}
        total = sum(t.score_sum for t in tallies.values())
        groups[(unit.unit_id, "skm", "all", "all")] = GroupFacts(40, tallies, float(total), float(total * 3))
        groups[(unit.unit_id, "skm", "gender", "L")] = GroupFacts(35, tallies, float(total), float(total * 3))
        groups[(unit.unit_id, "skm", "gender", "P")] = GroupFacts(5, tallies, float(total), float(total * 3))
    facts = index_rows.PeriodFacts(
        groups, {u.unit_id: UnitFacts(latest_suggestions=[{"text": SECRET, "status": "baru"}]) for u in units}, {}
    )
    return index_rows.build_rows(Q3, units, facts, "krejcie-morgan", "Kota Contoh", provisional)


PUBLISHER = open_data.Publisher("Kota Contoh", "CC-BY-4.0", "ppid@kota.example")


class Warehouse:
    def __init__(self, by_period):
        self.by_period = by_period

    def index_rows(self, period, unit_id=None):
        return self.by_period.get(period.key, [])


class Sources:
    def __init__(self):
        self.kept = {}
        self.audit = []

    def publications(self):
        return list(self.kept.values())

    def publish(self, made):
        self.kept[made.period] = made

    def log_admin(self, record):
        self.audit.append(record)

    def plans_of(self, unit_ids, period):
        return {"unit-1": [{"item": "U3", "action": "Tambah loket", "owner": "Lurah", "due": "2026-12-31"}]}

    def standards(self, unit_id=None):
        return list(STANDARDS)

    def maklumats(self):
        return {"unit-1": MAKLUMAT}


def standard(service, effective, days, rupiah, **components):
    return Standard(
        unit_id="unit-1",
        service=service,
        decree_number=f"800/{days}/2026",
        decree_date=effective,
        effective_from=effective,
        components={"waktu": f"{days} hari kerja", **components},
        time=Duration(amount=days, unit="hari kerja"),
        cost=Cost(rupiah=rupiah),
    )


# Unit 1 offers two services; the KTP's standard was revised to take effect after Q3 ended.
STANDARDS = [
    standard("KTP elektronik", date(2025, 1, 2), 3, 0, persyaratan="Fotokopi KK"),
    standard("KTP elektronik", date(2026, 10, 1), 1, 0, persyaratan="Cukup NIK"),
    standard("Akta kelahiran", date(2026, 2, 1), 5, 5000),
]
MAKLUMAT = Maklumat(
    text=DEFAULT_MAKLUMAT, signer_name="Hj. Siti Aminah", signer_position="Lurah", signed_on=date(2026, 1, 5)
)


class Site(dict):
    def put(self, path, data):
        self[path] = data

    def shown_run(self, period):
        seen = json.loads(self.get(f"{period}/run.json", b'{"run": ""}'))["run"]
        return seen, seen

    def keep_versions(self, period, newest):
        pass

    def switch_run(self, period, run, seen):
        if self.shown_run(period)[0] != seen:
            return False
        self[f"{period}/run.json"] = json.dumps({"run": run}).encode()
        return True


def test_an_unpublished_period_writes_nothing_and_provisional_figures_are_never_published():
    store, sources = Site(), Sources()
    target = publishing.Site(sources, Warehouse({Q3.key: rows()}), store, PUBLISHER, "https://x", 30)
    assert publishing.rewrite(Q3, target) == 0
    assert store == {}
    running = publishing.Site(sources, Warehouse({Q3.key: rows(provisional=True)}), store, PUBLISHER, "", 30)
    with pytest.raises(publishing.NotFinal):
        publishing.publish(Q3, "biro@x", NOW, running)
    assert store == {} and sources.kept == {} and sources.audit == []
    with pytest.raises(open_data.NotPublishable):
        open_data.public_row(rows(provisional=True)[0])


def test_a_published_period_has_its_pages_and_open_data_and_nothing_personal():
    store, sources = Site(), Sources()
    period_rows = rows()
    target = publishing.Site(sources, Warehouse({Q3.key: period_rows}), store, PUBLISHER, "https://x", 30)
    written = publishing.publish(Q3, "biro@x", NOW, target)
    assert [(r["by"], r["action"], r["target"]) for r in sources.audit] == [("biro@x", "period_published", "2026-Q3")]
    assert written == len(store) and {
        "index.html",
        "method.html",
        "catalog.json",
        "dictionary.json",
        "2026-Q3/index.html",
        "2026-Q3/u/unit-1.html",
        "2026-Q3/data.csv",
        "2026-Q3/data.json",
    } <= set(store)
    for path, data in store.items():
        assert SECRET.encode() not in data, path
        assert b"ACDEFGHJ" not in data
        if path.endswith(".html"):
            assert len(data) < 20_000 and b"<script" not in data, path
    records = json.loads(store["2026-Q3/data.json"])["records"]
    unit = next(r for r in records if r["unit_id"] == "unit-1" and r["survey"] == "skm")
    source = next(r for r in period_rows if r["unit_id"] == "unit-1" and r["survey"] == "skm")
    # numbers as JSON numbers, flags as booleans (a portal's harvester reads types, not text)
    assert unit["index_converted"] == float(source["index_converted"]) and isinstance(unit["index_converted"], float)
    assert unit["nrr_U1"] == float(source["elements"][0]["nrr"]) and isinstance(unit["respondents"], int)
    assert isinstance(unit["sample_reached"], bool)
    table = list(csv.DictReader(io.StringIO(store["2026-Q3/data.csv"].decode("utf-8-sig"))))
    assert {row["sample_reached"] for row in table} <= {"true", "false"}  # as the dictionary says
    assert next(r for r in table if r["unit_id"] == "unit-1")["index_converted"] == source["index_converted"]
    public = open_data.public_row(source)
    assert [g["group_value"] for g in public["profile"] if g["dimension"] == "gender"] == ["L"]  # 5 is too few
    catalog = json.loads(store["catalog.json"])
    assert catalog["dataset"][0]["distribution"][0]["downloadURL"] == "https://x/2026-Q3/data.csv"
    licence = "https://creativecommons.org/licenses/by/4.0/"
    for described in (catalog, catalog["dataset"][0]):  # a harvester reads either
        assert described["license"] == licence and described["publisher"]["name"] == "Kota Contoh"
        assert described["contactPoint"]["hasEmail"] == "mailto:ppid@kota.example"
    for path in ("index.html", "method.html", "2026-Q3/index.html", "2026-Q3/u/unit-1.html"):
        page = store[path].decode()
        assert licence in page and "CC BY 4.0" in page and "ppid@kota.example" in page, path
    method = store["method.html"].decode()  # two indices, two scales, each from its rule
    assert "A 81,26–100,00 (Bebas dari korupsi)" in method and "A 88,31–100,00 (Sangat baik)" in method
    page = store["2026-Q3/u/unit-1.html"].decode()
    assert "Tambah loket" in page and publication_number(source) in page


def test_each_period_shows_the_promise_in_force_at_its_end_beside_the_verdict():
    store, sources = Site(), Sources()
    q4_rows = [row | {"period": "2026-Q4", "period_start": date(2026, 10, 1)} for row in rows()]
    warehouse = Warehouse({Q3.key: rows(), "2026-Q4": q4_rows})
    target = publishing.Site(sources, warehouse, store, PUBLISHER, "https://x", 30)
    publishing.publish(Q3, "biro@x", NOW, target)
    publishing.publish(Period.parse("2026-Q4"), "biro@x", NOW, target)
    q3, q4 = store["2026-Q3/u/unit-1.html"].decode(), store["2026-Q4/u/unit-1.html"].decode()
    assert "Janji KTP elektronik: selesai 3 hari kerja" in q3 and "Janji Akta kelahiran: Rp5.000" in q3
    assert "Janji KTP elektronik: selesai 1 hari kerja" in q4 and "selesai 3 hari kerja" not in q4
    assert "Standar pelayanan (2 layanan) dan maklumat" in q3
    standard_page = store["2026-Q3/u/unit-1-standar.html"].decode()
    assert "Fotokopi KK" in standard_page and "Cukup NIK" not in standard_page
    assert "Standar baru untuk KTP elektronik berlaku mulai 1 Oktober 2026." in standard_page
    assert "Keputusan Nomor 800/3/2026 tanggal 2 Januari 2025, berlaku mulai 2 Januari 2025" in standard_page
    assert "Hj. Siti Aminah" in standard_page and "tidak diatur dalam keputusan" in standard_page
    assert "Belum ada standar pelayanan yang berlaku" in store["2026-Q3/u/unit-2.html"].decode()
    for page in (q3, standard_page):
        assert len(page.encode()) < 20_000 and "<script" not in page
    published = json.loads(store["2026-Q4/standards.json"])
    [unit_1] = [u for u in published["units"] if u["unit_id"] == "unit-1"]
    assert [(s["service"], s["time"]["amount"], s["cost_rupiah"]) for s in unit_1["services"]] == [
        ("Akta kelahiran", 5, 5000),
        ("KTP elektronik", 1, 0),
    ]
    assert unit_1["maklumat"]["signer_position"] == "Lurah"
    assert json.loads(store["catalog.json"])["dataset"][0]["distribution"][2]["downloadURL"].endswith("standards.json")


def publication_number(row):
    return formats.number(row["index_converted"], 2)


def test_the_local_public_site_writes_files_a_web_server_may_read(tmp_path):
    from shared.adapters.public_site import LocalPublicSite

    LocalPublicSite(tmp_path).put("2026-Q3/data.json", b"{}")
    assert (tmp_path / "2026-Q3" / "data.json").stat().st_mode & 0o777 == 0o644


def stamped(period_rows, at, index=None):
    return [
        row | {"aggregated_at": at} | ({"index_converted": index} if index and row["unit_id"] == "unit-1" else {})
        for row in period_rows
    ]


def test_a_writer_holding_an_older_run_never_leaves_it_over_a_newer_one():
    """Issue 26, point 10: a plan saved while a run wrote read the rows before the run's MERGE.
    Its files may land over the run's, but it cannot record its run: it reads the newest rows
    and writes them again, so the pages end on the newest run, and say which."""
    from shared.reports.open_data import Publication

    older = stamped(rows(), "2026-10-10T10:00:00+00:00", "87.47")
    newer = stamped(rows(), datetime(2026, 10, 10, 11, tzinfo=timezone.utc), "62.48")  # BigQuery's type
    warehouse, sources = Warehouse({Q3.key: older}), Sources()
    sources.publish(Publication(Q3.key, "biro@x", NOW))

    class Racing(Site):
        raced = False

        def put(self, path, data):
            if path == "2026-Q3/data.json" and not self.raced:  # the plan's writer is mid-way
                self.raced = True
                warehouse.by_period[Q3.key] = newer  # the run merges, then rewrites the site whole
                publishing.rewrite(Q3, publishing.Site(sources, warehouse, self, PUBLISHER, "", 30))
            super().put(path, data)

    store = Racing()
    publishing.rewrite(Q3, publishing.Site(sources, warehouse, store, PUBLISHER, "", 30))
    shown = {r["unit_id"]: r["index_converted"] for r in json.loads(store["2026-Q3/data.json"])["records"]}
    assert shown["unit-1"] == 62.48 and b"62,48" in store["2026-Q3/u/unit-1.html"]
    assert json.loads(store["2026-Q3/run.json"])["run"] == "2026-10-10T11:00:00+00:00"
    # A writer that starts late with the older rows writes nothing over the newer run.
    late = Warehouse({Q3.key: older})
    assert publishing.write(Q3, publishing.Site(sources, late, store, PUBLISHER, "", 30), older, {}) == 0
    assert b"62,48" in store["2026-Q3/u/unit-1.html"]


def test_the_local_site_records_a_run_only_over_the_one_it_read(tmp_path):
    from shared.adapters.public_site import LocalPublicSite

    site = LocalPublicSite(tmp_path)
    assert site.shown_run("2026-Q3") == ("", b"")
    assert site.switch_run("2026-Q3", "2026-10-10T10:00:00+00:00", b"")
    shown, seen = site.shown_run("2026-Q3")
    assert shown == "2026-10-10T10:00:00+00:00"
    assert not site.switch_run("2026-Q3", "2026-10-10T09:00:00+00:00", b"")  # read before the switch: refused
    assert site.switch_run("2026-Q3", "2026-10-10T11:00:00+00:00", seen)
    assert (tmp_path / "2026-Q3/run.json").stat().st_mode & 0o777 == 0o644


def test_a_writer_killed_mid_way_leaves_every_page_in_view_from_one_run(tmp_path):
    """Issue 26, point 11: a version's files go into a folder of their own, and the entry page
    switches to them in one write. Killed before that, the pages one reaches from the entry
    page are all the previous run's; the run's redelivery finishes the switch."""
    import re

    from shared.adapters.public_site import LocalPublicSite
    from shared.reports.open_data import Publication

    older = stamped(rows(), "2026-10-10T10:00:00+00:00", "87.41")
    newer = stamped(rows(), "2026-10-10T11:00:00+00:00", "38.01")
    warehouse, sources = Warehouse({Q3.key: older}), Sources()
    sources.publish(Publication(Q3.key, "biro@x", NOW))

    class Killed(Exception):
        pass

    class Dying(LocalPublicSite):
        left = 5  # files written before the kill: inside the new version's folder

        def put(self, path, data):
            if self.left == 0:
                raise Killed
            self.left -= 1
            super().put(path, data)

    def in_view() -> set[bytes]:
        """What a visitor reads from the entry page: the region page, each unit page, the data."""
        entry = (tmp_path / "2026-Q3/index.html").read_text()
        links = re.findall(r'href="(v/[0-9a-f]+/(?:u/[^"]+|data\.json))"', entry)
        pages = [entry.encode()] + [(tmp_path / "2026-Q3" / link).read_bytes() for link in links]
        return {number for page in pages for number in (b"87,41", b"38,01", b"87.41", b"38.01") if number in page}

    publishing.rewrite(Q3, publishing.Site(sources, warehouse, LocalPublicSite(tmp_path), PUBLISHER, "", 30))
    assert in_view() == {b"87,41", b"87.41"}
    warehouse.by_period[Q3.key] = newer
    with pytest.raises(Killed):
        publishing.rewrite(Q3, publishing.Site(sources, warehouse, Dying(tmp_path), PUBLISHER, "", 30))
    assert in_view() == {b"87,41", b"87.41"}  # the previous run, whole
    publishing.rewrite(Q3, publishing.Site(sources, warehouse, LocalPublicSite(tmp_path), PUBLISHER, "", 30))
    assert in_view() == {b"38,01", b"38.01"}
    lasting = json.loads((tmp_path / "2026-Q3/data.json").read_text())["records"]  # the address portals keep
    assert next(r for r in lasting if r["unit_id"] == "unit-1")["index_converted"] == 38.01
    warehouse.by_period[Q3.key] = stamped(rows(), "2026-10-10T12:00:00+00:00", "50.00")
    publishing.rewrite(Q3, publishing.Site(sources, warehouse, LocalPublicSite(tmp_path), PUBLISHER, "", 30))
    assert len(list((tmp_path / "2026-Q3/v").iterdir())) == 2  # the newest and the one shown before it
