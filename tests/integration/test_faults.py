"""The fault suite: the real emulators stopped or frozen, functions killed, while requests run.

Firestore is frozen (SIGSTOP), not killed: it then accepts connections and never answers,
the worst outage for a client, and it keeps what it held, so "stored exactly once" can be
checked after it resumes.
"""

from __future__ import annotations

import re
import threading
import time
import uuid
import zipfile
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests

from skm.local import trigger_aggregate
from tests.helpers.area import pdf_text, report_link
from tests.helpers.data import Q3, raw_rows, rows_by_key, stored_responses

pytestmark = pytest.mark.stack
UNITS = ["kelurahan-teluk-dalam", "dpmptsp"]
ANSWERS = {f"U{i}": 3 for i in range(1, 10)}
IN_FLIGHT = 50
OUTAGE_SECONDS = 20


def submit(stack, body, address):
    started = time.monotonic()
    answer = requests.post(
        f"{stack.url('submit')}/api/v1/responses", json=body, headers={"X-Forwarded-For": address}, timeout=60
    )
    return answer.status_code, answer.headers.get("Retry-After"), time.monotonic() - started


def test_firestore_frozen_under_load_answers_503_in_time_and_stores_each_response_once(stack, store):
    bodies = [
        {"submission_id": str(uuid.uuid4()), "unit_id": UNITS[i % 2], "answers": ANSWERS} for i in range(IN_FLIGHT)
    ]
    for unit in UNITS:  # warm: the function has read its units and opened its connections
        assert requests.get(f"{stack.url('submit')}/u/{unit}", timeout=10).status_code == 200
    resumed = threading.Timer(OUTAGE_SECONDS, stack.resume, ("firestore",))
    stack.pause("firestore")
    resumed.start()
    try:
        with ThreadPoolExecutor(IN_FLIGHT) as pool:
            results = list(pool.map(lambda i: submit(stack, bodies[i], f"10.1.{i}.1"), range(IN_FLIGHT)))
    finally:
        resumed.join()
        stack.resume("firestore")
    statuses = [status for status, _, _ in results]
    refused = [(retry_after, seconds) for status, retry_after, seconds in results if status == 503]
    print(
        f"\nfrozen {OUTAGE_SECONDS} s, {IN_FLIGHT} submits: {sorted(set(statuses))}, 503: {len(refused)}, "
        f"slowest 503 {max((s for _, s in refused), default=0):.1f} s"
    )
    assert set(statuses) <= {201, 503} and len(refused) >= IN_FLIGHT // 2
    assert all(retry_after == "15" and seconds < 15 for retry_after, seconds in refused)

    # After the outage, with no restart of the function: new submits work, and sending every
    # refused one again stores it once (a refused one that was in fact stored answers 200).
    time.sleep(1)
    again = [submit(stack, body, f"10.2.{i}.1")[0] for i, body in enumerate(bodies)]
    assert set(again) <= {200, 201} and all(a == 200 for a, s in zip(again, statuses) if s == 201)
    stored = [doc["response_id"] for doc in stored_responses(store)]
    assert sorted(stored) == sorted(body["submission_id"] for body in bodies)


def test_every_page_and_api_answers_503_during_an_outage_not_after_a_minute(stack, store, bureau):
    token = bureau["Authorization"].split()[1]
    calls = {
        "units list": lambda: requests.get(f"{stack.url('submit')}/?q={uuid.uuid4()}", timeout=60),
        "receipt": lambda: requests.get(f"{stack.url('submit')}/r/AAAA3333", timeout=60),
        "sign-in": lambda: requests.post(f"{stack.url('report')}/operator/login", data={"token": token}, timeout=60),
        "report api": lambda: requests.post(
            f"{stack.url('report')}/api/v1/reports", json={"unit_id": "*"}, headers=bureau, timeout=60
        ),
    }
    answers = _during_outage(stack, calls)
    print(
        "\n"
        + ", ".join(f"{name}: {answer.status_code} in {seconds:.1f} s" for name, (answer, seconds) in answers.items())
    )
    for name, (answer, seconds) in answers.items():
        assert (name, answer.status_code, answer.headers.get("Retry-After")) == (name, 503, "15")
        assert seconds < 15
    assert "text/html" in answers["units list"][0].headers["Content-Type"]  # a page, for a person
    assert "application/json" in answers["report api"][0].headers["Content-Type"]


def _during_outage(stack, calls):
    """Each call made at once while Firestore is frozen: name -> (answer, seconds)."""
    stack.pause("firestore")
    try:
        with ThreadPoolExecutor(len(calls)) as pool:
            timed = {name: pool.submit(_timed, call) for name, call in calls.items()}
            return {name: future.result() for name, future in timed.items()}
    finally:
        stack.resume("firestore")


def _timed(call):
    started = time.monotonic()
    answer = call()
    return answer, time.monotonic() - started


def test_a_run_killed_mid_load_never_shows_in_a_report_and_the_rerun_changes_nothing(
    q3_data, stack, store, warehouse, bureau, artifacts
):
    """The reviewer's reproduction: kill the aggregation mid-run, ask for the English report,
    re-run, ask for the Indonesian one: both list the same suggestions as the complete run."""
    complete = rows_by_key(warehouse)
    latest = complete[("puskesmas-teluk-dalam", "skm")]["latest_suggestions"]
    assert len(latest) == 10
    # What an ingester killed part way leaves, seen by a report: the raw rows of some chunks
    # merged, its cursors not moved past them (here: back at the start, 30 rows in).
    docs = [doc for doc in stored_responses(store) if doc["quarter"] == Q3.key]
    table = f"{warehouse._dataset}.responses"
    last = sorted(doc["response_id"] for doc in docs)[29]
    list(
        warehouse._query(
            f"DELETE FROM `{table}` WHERE quarter_start = @q AND response_id > @last", q=Q3.start, last=last
        )
    )
    for cursor in store.ops._c.read("ingestion").list_documents():
        cursor.delete()
    english = pdf_text(report_link(stack, bureau, unit_id="puskesmas-teluk-dalam", lang="en"), artifacts / "f-en.pdf")
    trigger_aggregate(stack.url("aggregate"), Q3.key)
    assert rows_by_key(warehouse) == complete  # the same rows, the same run id
    assert _raw_count(warehouse, Q3) == len(docs)  # nothing duplicated
    indonesian = pdf_text(report_link(stack, bureau, unit_id="puskesmas-teluk-dalam"), artifacts / "f-id.pdf")
    shown = lambda text: sum(text.count(kind) for kind in ("Antrean lama", "Petugas ramah"))  # noqa: E731
    assert shown(english) == shown(indonesian) == len(latest)


def _raw_count(warehouse, quarter) -> int:
    """The quarter's responses as the figures read them (each one's newest version)."""
    return sum(1 for row in raw_rows(warehouse) if row["quarter"] == quarter.key)


def test_the_report_function_killed_mid_render_never_serves_a_partial_file(q3_data, stack, bureau):
    reports = stack.workdir / "reports"
    asked = threading.Thread(target=_ask_quietly, args=(stack, bureau))
    asked.start()
    time.sleep(0.3)  # the render of a four-page PDF takes about a second
    stack.kill("report")
    asked.join()
    try:
        for kept in reports.glob("*.pdf"):  # none yet when the kill came mid-render
            if not kept.name.startswith("."):  # a partial file is never under a report's name
                assert kept.read_bytes().rstrip().endswith(b"%%EOF"), kept.name
        for kept in [*reports.glob("*.docx"), *reports.glob("*.xlsx")]:  # other tests' files: whole zips
            assert zipfile.is_zipfile(kept), kept.name
    finally:
        stack.restart_function("report")
    url = report_link(stack, bureau, unit_id="puskesmas-teluk-dalam", lang="en")
    pdf = requests.get(url, timeout=30)
    assert pdf.status_code == 200 and pdf.content.rstrip().endswith(b"%%EOF")


def _ask_quietly(stack, bureau):
    try:
        requests.post(
            f"{stack.url('report')}/api/v1/reports",
            json={"quarter": Q3.key, "unit_id": "puskesmas-teluk-dalam", "lang": "en"},
            headers=bureau,
            timeout=30,
        )
    except requests.ConnectionError:
        pass  # the function died under it, as intended


def test_bigquery_frozen_mid_aggregation_then_run_again_changes_nothing_and_reports_stay_whole(
    q3_data, stack, store, warehouse, bureau, artifacts
):
    # Only Q3 aggregated, as in a fresh region (earlier tests left other quarters in BigQuery,
    # whose run markers in Firestore are gone: a report would then miss its kept file).
    index = f"{warehouse._dataset}.unit_period_index"
    list(warehouse._query(f"DELETE FROM `{index}` WHERE period_start != @q", q=Q3.start))
    complete = rows_by_key(warehouse)
    before = pdf_text(report_link(stack, bureau, unit_id="puskesmas-teluk-dalam"), artifacts / "bq-before.pdf")
    docs = len([doc for doc in stored_responses(store) if doc["quarter"] == Q3.key])
    outcome = {}

    def aggregate():
        try:
            trigger_aggregate(stack.url("aggregate"), Q3.key)
            outcome["run"] = "finished"
        except SystemExit as failed:  # the function failed; Eventarc would deliver the event again
            outcome["run"] = str(failed)

    stack.pause("bigquery")
    running = threading.Thread(target=aggregate)
    try:
        running.start()
        time.sleep(3)  # the run is now waiting on BigQuery, its partition possibly half replaced
        during = pdf_text(report_link(stack, bureau, unit_id="puskesmas-teluk-dalam"), artifacts / "bq-during.pdf")
        uncached = requests.post(  # a report not kept yet needs BigQuery: a bounded 503
            f"{stack.url('report')}/api/v1/reports",
            json={"quarter": Q3.key, "unit_id": "dpmptsp"},
            headers=bureau,
            timeout=60,
        )
    finally:
        stack.resume("bigquery")
    running.join()
    trigger_aggregate(stack.url("aggregate"), Q3.key)  # the redelivery
    print(f"\nfrozen run: {outcome['run']}")
    assert during == before  # the kept report, found without BigQuery
    assert uncached.status_code == 503 and uncached.headers["Retry-After"] == "15"
    assert rows_by_key(warehouse) == complete  # identical rows, the same run ids
    assert _raw_count(warehouse, Q3) == docs  # no duplicate raw rows


def test_a_sign_in_link_survives_an_outage_and_no_secret_reaches_the_logs(stack, store):
    """Issue 26, points 7 and 8: a link pressed while Firestore is down answers 503 (not the 500
    of a transaction's failed rollback) and stays unspent, since spending it and opening the
    session are one commit; and no log line holds the link's code or a kiosk's secret."""
    from skm.admin import sign_in_link
    from tests.helpers.data import add_operator

    add_operator(store, "lurah@contoh.go.id", units=UNITS[:1])
    code = sign_in_link("lurah@contoh.go.id", "test").rsplit("/", 1)[1]
    kiosk_secret = "kiosk" + uuid.uuid4().hex + uuid.uuid4().hex[:6]
    link = f"{stack.url('report')}/operator/masuk/{code}"
    calls = {
        "link page": lambda: requests.get(link, timeout=60),
        "link pressed": lambda: requests.post(link, timeout=60, allow_redirects=False),
        "kiosk enrol": lambda: requests.post(
            f"{stack.url('submit')}/k/enrol/abcdefghijkl.{kiosk_secret}", timeout=60, allow_redirects=False
        ),
    }
    for name, (answer, seconds) in _during_outage(stack, calls).items():
        assert (name, answer.status_code) == (name, 503) and seconds < 15, answer.text[:300]
    signed = requests.post(link, timeout=60, allow_redirects=False)  # the link was not spent
    assert signed.status_code == 303 and "skm_session" in signed.cookies
    assert requests.post(link, timeout=60, allow_redirects=False).status_code == 410  # now it is
    logs = "".join((stack.workdir / "logs" / f"{name}.log").read_text() for name in ("submit", "report"))
    assert "store unavailable" in logs and code not in logs and kiosk_secret not in logs
    secrets = "|".join(
        (r"masuk/[\w-]{16,}", r"enrol/[\w-]+\.[\w-]{16,}", r"Bearer \S", "skm_session=", r"skm_[\w-]{40,}")
    )
    assert not re.findall(secrets, logs)  # no code, token, cookie or key of any test so far


def test_a_paper_save_in_an_outage_stores_all_with_its_audit_or_nothing(stack, store):
    """Issue 26, point 6: the typed rows and their audit records are one commit. Firestore down:
    503, nothing stored; the commit lost: nothing stored; saved again: each row once, audited."""
    import random
    from datetime import datetime, timezone

    from google.api_core.exceptions import ServiceUnavailable

    from shared.rules.periods import Period
    from shared.usecases import paper
    from tests.helpers.area import Area
    from tests.helpers.data import add_operator, random_responses

    unit = UNITS[0]
    area = Area(stack, add_operator(store, "lurah@contoh.go.id", units=[unit]))
    today = datetime.now(store.settings.zone)
    period = Period.of(today, zone=store.settings.zone).key
    form = {"day": today.date().isoformat()}
    for n in (1, 2, 3):
        form |= {f"r{n}_skm": "444444443", f"r{n}_id": f"row-id-{n:02d}-outage-abcdef"}

    def audited() -> list[dict]:
        return [doc.to_dict() for doc in store.responses._c.read("entry_log").stream()]

    stack.pause("firestore")
    try:
        answer, seconds = _timed(lambda: area.post(f"/u/{unit}/{period}/paper", form))
    finally:
        stack.resume("firestore")
    assert answer.status_code == 503 and seconds < 15
    assert stored_responses(store) == [] and audited() == []

    # The commit itself lost (the use case in-process, on the same emulator): nothing half written.
    typed = list(random_responses(random.Random(3), unit, ("skm",), 3))
    api = store.responses._c.client("responses")._firestore_api
    real_commit = api.commit

    def lost_commit(*args, **kwargs):
        raise ServiceUnavailable("commit lost")

    api.commit = lost_commit
    try:
        with pytest.raises(ServiceUnavailable):
            paper.save_entries(typed, "lurah@contoh.go.id", datetime.now(timezone.utc), store.responses)
    finally:
        api.commit = real_commit
    assert stored_responses(store) == [] and audited() == []
    assert paper.save_entries(typed, "lurah@contoh.go.id", datetime.now(timezone.utc), store.responses) == 3

    assert area.post(f"/u/{unit}/{period}/paper", form).status_code == 303
    assert area.post(f"/u/{unit}/{period}/paper", form).status_code == 303  # sent twice: nothing new
    assert len(stored_responses(store)) == 6 and sorted(r["action"] for r in audited()) == ["created"] * 6


IMPORT_UNIT = "kelurahan-teluk-dalam"  # SKM only, as the generated file
IMPORT_ROWS = 6_000  # about six seconds of writing on the emulator


def _upload(area, data: bytes) -> requests.Response | None:
    files = {"file": ("isian.csv", data, "text/csv")}
    try:
        return area.http.post(
            f"{area.base}/u/{IMPORT_UNIT}/{Q3}/import", data={"csrf": area.csrf}, files=files, timeout=120
        )
    except requests.ConnectionError:
        return None  # the function died under it, as intended


def _unit_raw_count(warehouse) -> int:
    """The unit's responses the quarter's figures are computed from (shared/sql/current_responses.sql)."""
    from shared.adapters.bigquery_warehouse import _read_sql

    query = f"SELECT COUNT(*) AS n FROM {_read_sql('current_responses.sql', warehouse._dataset)} WHERE unit_id = @u"
    return next(iter(warehouse._query(query, period_start=Q3.start, period_end=Q3.end, u=IMPORT_UNIT)))["n"]


@pytest.mark.parametrize("cut", ["kill", "outage"])
def test_an_import_cut_off_mid_way_counts_nothing_and_the_same_file_completes_it(stack, store, warehouse, cut):
    """Issue 26, points 4 and 5: the report function killed, or Firestore frozen, while a file's
    rows are written. The outage answers a bounded 503; either way no row counts in the run that
    follows, and uploading the same file again completes the import, each row once."""
    from bench.imports import generated_file
    from tests.helpers.area import Area
    from tests.helpers.data import add_operator

    area = Area(stack, add_operator(store, "lurah@contoh.go.id", units=[IMPORT_UNIT]))
    data = generated_file([store.units.get_unit(IMPORT_UNIT)], IMPORT_ROWS)
    upload = ThreadPoolExecutor(1).submit(_timed, lambda: _upload(area, data))
    _wait_for_rows(store, 400)  # the cut lands mid-import, whatever the machine's pace
    if cut == "kill":
        stack.kill("report")
        upload.result()
        stack.restart_function("report")
        area = Area(stack, add_operator(store, "kapus@contoh.go.id", units=[IMPORT_UNIT]))
    else:
        stack.pause("firestore")
        try:
            answer, seconds = upload.result()
        finally:
            stack.resume("firestore")
        assert answer is not None and answer.status_code == 503 and seconds < 20, (answer, seconds)
    written = len([doc for doc in stored_responses(store) if doc["unit_id"] == IMPORT_UNIT])
    print(f"\n{cut}: {written} of {IMPORT_ROWS} rows written before the cut")
    assert written < IMPORT_ROWS and not [r for r in _entry_log(store) if r["action"] == "imported"]
    trigger_aggregate(stack.url("aggregate"), Q3.key)
    assert _unit_raw_count(warehouse) == 0  # the rows of an import that did not complete never count

    done, _ = _timed(lambda: _upload(area, data))
    assert done.status_code == 200 and f"{IMPORT_ROWS} isian baru diimpor" in done.text.replace(".", "")
    trigger_aggregate(stack.url("aggregate"), Q3.key)
    assert _unit_raw_count(warehouse) == IMPORT_ROWS
    assert len([doc for doc in stored_responses(store) if doc["unit_id"] == IMPORT_UNIT]) == IMPORT_ROWS


def _wait_for_rows(store, rows: int) -> None:
    from google.cloud.firestore_v1.base_query import FieldFilter

    query = store.responses._c.read("responses").where(filter=FieldFilter("unit_id", "==", IMPORT_UNIT)).count()
    deadline = time.monotonic() + 60
    while query.get()[0][0].value < rows:
        assert time.monotonic() < deadline, "the import wrote nothing in a minute"
        time.sleep(0.05)


def _entry_log(store) -> list[dict]:
    return [doc.to_dict() for doc in store.responses._c.read("entry_log").stream()]
