"""The local stack for people: `skm demo` (the whole journey), `skm run` (click through), and the
aggregation and report requests both make as the scheduler and an operator would."""

from __future__ import annotations

import base64
import json
import os
import sys
import time
import uuid
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import requests

from shared import config
from shared.rules import ikm
from shared.rules.periods import Period
from shared.text.formats import datetime_text, fixed
from shared.usecases.aggregation import runs
from skm.admin import (
    LOCAL_BUREAU_EMAIL,
    ensure_local_bureau,
    import_responses,
    import_standards,
    publish,
    services,
    sign_in_link,
)

DEMO_PERSON = "demo"  # who the demo's audited actions are recorded as


def pubsub_event(message: dict[str, Any] | None = None, data: str | None = None) -> tuple[dict[str, str], bytes]:
    """A CloudEvent shaped like the one Pub/Sub delivers for a message (`message` as JSON, or its
    `data` as Pub/Sub carries it, base64)."""
    from cloudevents.conversion import to_structured
    from cloudevents.http import CloudEvent

    if data is None:
        data = base64.b64encode(json.dumps(message or {}).encode()).decode()
    event = CloudEvent(
        {
            "type": "google.cloud.pubsub.topic.v1.messagePublished",
            "source": "//pubsub.googleapis.com/projects/skm-local/topics/skm-aggregate",
        },
        {
            "message": {
                "data": data,
                "messageId": uuid.uuid4().hex,
                "publishTime": datetime.now(timezone.utc).isoformat(),
            },
            "subscription": "projects/skm-local/subscriptions/skm-aggregate",
        },
    )
    return to_structured(event)


def trigger_aggregate(url: str, period: str | None, daily: bool = False) -> None:
    headers, body = pubsub_event({"daily": True} if daily else {"period": period} if period else {})
    response = requests.post(url, data=body, headers=headers, timeout=900)
    if response.status_code >= 300:
        raise SystemExit(f"aggregate failed with HTTP {response.status_code}: {response.text[:500]}")


def aggregate_and_report(url: str, period: Period | None, daily: bool) -> int:
    """Ask the aggregate function for a run and say, period by period, what it computed: a
    period whose run marker did not move was not computed (its error is in the function's log)."""
    deployment, started = services(), datetime.now(timezone.utc)
    message = {"daily": True} if daily else ({"period": period.key} if period else None)
    planned = runs.wanted(message, deployment, started)
    trigger_aggregate(url, period.key if period else None, daily)
    ran = deployment.ops.aggregated_at([p.key for p in planned])
    missed = 0
    for wanted in planned:
        at = ran.get(wanted.key)
        if at is not None and at >= started:
            print(f"{wanted.key}: computed ({datetime_text(at, deployment.settings.zone, 'en')})")
        else:
            missed += 1
            print(f"{wanted.key}: NOT computed: see the aggregate function's log", file=sys.stderr)
    return 1 if missed else 0


def fetch_report(
    report_url: str,
    unit_id: str,
    period: str,
    out_dir: Path,
    lang: str = "id",
    file_format: str = "pdf",
    document: str = "summary",
) -> Path:
    """Ask for a report link and download the file; `unit_id` "*" is the bureau's recap."""
    token = config.load(os.environ).operator_token
    wanted = {"unit_id": unit_id, "period": period, "lang": lang, "format": file_format, "document": document}
    response = requests.post(
        f"{report_url}/api/v1/reports",
        timeout=120,
        json=wanted,
        headers={"Authorization": f"Bearer {token}"},
    )
    if response.status_code != 201:
        raise SystemExit(f"report for {unit_id} {period}: HTTP {response.status_code}: {response.text[:300]}")
    download = requests.get(response.json()["url"], timeout=60)
    download.raise_for_status()
    name = download.headers["Content-Disposition"].split('filename="')[1].rstrip('"')
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / (name if lang == "id" else name.replace(".", f"_{lang}.", 1))
    path.write_bytes(download.content)
    return path


def print_index_table(period: Period) -> None:
    rows = services().warehouse.index_rows(period)
    rows.sort(key=lambda row: (row["unit_id"] == "*", row["unit_id"], row["survey"]))  # the region last
    provisional = " (sementara: periode masih berjalan)" if any(row["provisional"] for row in rows) else ""
    print(f"\nIndeks Kepuasan Masyarakat, {period.key}{provisional}")
    heading = ("unit", "survei", "resp", "sampel", "indeks", "konversi", "IK 95%")
    print("{:<26} {:<6} {:>5} {:>6} {:>7} {:>9} {:>13} mutu  kinerja".format(*heading))
    for row in rows:
        interval = f"{fixed(row['ci_low'], 2)}–{fixed(row['ci_high'], 2)}" if row["ci_low"] is not None else "-"
        name = "(seluruh wilayah)" if row["unit_id"] == "*" else row["unit_id"]
        print(
            f"{name:<26} {row['survey']:<6} {row['respondents']:>5} {row['required_sample'] or 0:>6} "
            f"{fixed(row['index_value'], ikm.INDEX_DIGITS):>7} "
            f"{fixed(row['index_converted'], ikm.CONVERTED_DIGITS):>9} "
            f"{interval:>13} {row['grade'] or '-':^4}  {row['performance'] or '-'}"
        )


def import_demo_standards(units: list[Any], out_dir: Path) -> list[Path]:
    """Disdukcapil's standards written into its workbook, as staff fill it in, and imported (the
    decree of a year ago, then this quarter's revision), and its maklumat signed: the files are
    left in `out_dir`."""
    from shared.files import standards_file
    from shared.usecases import standards
    from skm import demo as journey

    unit = next(unit for unit in units if unit.unit_id == "disdukcapil")
    today = datetime.now(config.load(os.environ).zone).date()
    written = []
    for number, versions in enumerate(journey.demo_standards(today), start=1):
        path = out_dir / f"standar-pelayanan-{unit.unit_id}-{number}.xlsx"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(standards_file.template(unit, {version.service: version for version in versions}))
        import_standards(path, DEMO_PERSON)
        written.append(path)
    pledge = {
        "text": standards.default_maklumat(config.load(os.environ).maklumat_text),
        "signer_name": "Drs. H. Ahmad Fauzi, M.Si.",
        "signer_position": "Kepala Dinas Kependudukan dan Pencatatan Sipil",
        "signed_on": (today.replace(month=1, day=2)).isoformat(),
    }
    standards.sign_maklumat(unit.unit_id, pledge, DEMO_PERSON, datetime.now(timezone.utc), services().ops)
    return written


def publish_demo(stack: Any, units: list[Any], ended: Period) -> Path:
    """Final figures to publish: the ended quarter's responses, aggregated, then published."""
    from skm import demo as journey

    settings = config.load(os.environ)
    services().responses.put_responses(journey.earlier_quarter(units, ended, settings.zone))
    trigger_aggregate(stack.url("aggregate"), ended.key)
    publish(ended, DEMO_PERSON)
    return settings.public_dir / "index.html"


def populate(stack: Any, units: list[Any]) -> Period:
    """The demo's responses in the running quarter: sent over HTTP as citizens would, a Google Forms
    export imported, the quarter and its semester aggregated. Returns the quarter."""
    from skm import demo as journey

    statuses = journey.send_all(stack.url("submit"), journey.generated_bodies(units))
    print(f"responses sent over HTTP: {statuses}")
    if set(statuses) != {201}:
        raise SystemExit("some demo responses were not accepted")
    forms = journey.GOOGLE_FORMS_EXAMPLE
    if import_responses(
        forms / "skm-kelurahan-teluk-dalam.csv", "kelurahan-teluk-dalam", forms / "mapping.csv", "id", DEMO_PERSON
    ):
        raise SystemExit("the Google Forms example did not import")
    quarter = Period.now(zone=config.load(os.environ).zone)
    for period in (quarter, quarter.containing()[0]):  # the semester pools its quarters' raw rows in BigQuery
        trigger_aggregate(stack.url("aggregate"), period.key)
    return quarter


def demo(out_dir: Path) -> None:
    from skm import demo as journey
    from skm.stack import Ports, Stack
    from skm.units_csv import read_units_file

    started = time.monotonic()
    with Stack(ports=Ports.from_env(), extra_env=journey.DEMO_ENV) as stack:
        os.environ.update(stack.env)
        units = read_units_file(journey.DEMO_UNITS)
        services().units.put_units(units)
        ensure_local_bureau()
        print(f"stack up in {time.monotonic() - started:.1f} s; {len(units)} units imported")
        quarter = populate(stack, units)
        semester = quarter.containing()[0]
        print_index_table(quarter)
        for unit in units:
            print(f"report: {fetch_report(stack.url('report'), unit.unit_id, quarter.key, out_dir)}")
        for file_format in ("pdf", "csv", "xlsx"):
            print(f"recap:  {fetch_report(stack.url('report'), '*', quarter.key, out_dir, file_format=file_format)}")
        print(f"semester report: {fetch_report(stack.url('report'), units[0].unit_id, semester.key, out_dir)}")
        for file_format in ("pdf", "docx"):
            for unit_id in (units[1].unit_id, "*"):  # a unit's, and the region's consolidated one
                official = fetch_report(
                    stack.url("report"), unit_id, quarter.key, out_dir, "id", file_format, "official"
                )
                print(f"official report: {official}")
        print(f"semester recap:  {fetch_report(stack.url('report'), '*', semester.key, out_dir)}")
        for workbook in import_demo_standards(units, out_dir):
            print(f"service standards imported: {workbook}")
        print(f"public site: {publish_demo(stack, units, quarter.previous())}")
        print(f"operator area: sign in with {config.LOCAL_BUREAU_TOKEN} at {stack.url('report')}/operator (make run)")
    print(f"demo finished in {time.monotonic() - started:.1f} s")


SKM = os.path.relpath(Path(sys.executable).with_name("skm"))  # the command as a person types it (.venv/bin/skm)


def serve_public_site(port: int) -> str:
    """The public site's files (out/public) over HTTP, as the bucket serves them, in a thread."""
    import functools
    import threading
    from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

    directory = config.load(os.environ).public_dir
    directory.mkdir(parents=True, exist_ok=True)
    handler = functools.partial(SimpleHTTPRequestHandler, directory=str(directory))
    server = ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{port}/"


def run(empty: bool = False) -> None:
    """The stack for a person to click through: with the demo's world (its responses, the running
    quarter's figures, the ended quarter published), or `empty`."""
    from skm import demo as journey
    from skm.stack import Ports, Stack
    from skm.units_csv import read_units_file

    sys.stdout.reconfigure(line_buffering=True)  # type: ignore[union-attr]  # each line as it is said, to a pipe too
    with Stack(ports=Ports.from_env(), extra_env=journey.DEMO_ENV) as stack:
        os.environ.update(stack.env)
        units = read_units_file(journey.DEMO_UNITS)
        services().units.put_units(units)
        ensure_local_bureau()
        if not empty:
            quarter = populate(stack, units)
            import_demo_standards(units, Path("out"))
            publish_demo(stack, units, quarter.previous())
        # Everything is made before "up" is said: a stop right after it finds nothing half done.
        link, public = sign_in_link(LOCAL_BUREAU_EMAIL, DEMO_PERSON), serve_public_site(stack.ports.public)
        print("Local stack is up (Ctrl-C stops it):")
        print(f"  units     {stack.url('submit')}/")
        for unit in units:
            print(f"  form      {stack.url('submit')}/u/{unit.unit_id}")
        running = Period.now(zone=config.load(os.environ).zone).key
        print(f"  aggregate {SKM} aggregate --period {running}   (or a semester 2026-S1, a year 2026)")
        print(f"  operator  {stack.url('report')}/operator  (local bureau token: {config.LOCAL_BUREAU_TOKEN})")
        print(f"  sign-in   {link}  (one-time link, as the bureau hands out)")
        print(f"  public    {public}  ({SKM} publish --period P writes it)")
        print(
            f"  report    curl -X POST -H 'Authorization: Bearer {config.LOCAL_BUREAU_TOKEN}' "
            f'-d \'{{"unit_id":"{units[0].unit_id}","period":"{running}"}}\' '
            f"-H 'Content-Type: application/json' {stack.url('report')}/api/v1/reports"
        )
        try:
            while all(p.poll() is None for p in stack.processes.values()):
                time.sleep(1)
            print("a process of the stack exited; see out/logs/", file=sys.stderr)
        except KeyboardInterrupt:
            pass
