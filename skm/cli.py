"""`skm`: the bureau's command-line tool for the local stack and deployments."""

from __future__ import annotations

import argparse
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

from shared import bootstrap, config
from shared.rules import ikm
from shared.rules.periods import Period
from shared.text.formats import fixed

IMPORT_ERRORS_SHOWN = 100
DEFAULT_URLS = {
    "submit": "http://127.0.0.1:8081",
    "aggregate": "http://127.0.0.1:8082",
    "report": "http://127.0.0.1:8083",
}


def services() -> bootstrap.Services:
    """Built afresh for each command: the demo and `run` change the environment first."""
    return bootstrap.Services(config.load())


def import_units(path: Path) -> int:
    from skm.units_csv import read_units_file

    return services().units.put_units(read_units_file(path))


def add_operator(email: str, units: list[str], bureau: bool) -> str:
    """Store a new operator and return their token, which is never stored and shown only now."""
    from shared.rules import access

    if bureau == bool(units):
        raise ValueError("give one or more --unit, or --bureau")
    store = services()
    unknown = [unit_id for unit_id in units if store.units.get_unit(unit_id) is None]
    if unknown:
        raise ValueError(f"unknown unit: {', '.join(unknown)}")
    token = access.new_token()
    store.operators.put_operator(
        access.Operator(email=email, units=sorted(set(units)), bureau=bureau, token_hash=access.token_hash(token))
    )
    return token


def import_responses(path: Path, unit_id: str, mapping_path: Path | None, lang: str) -> int:
    """Import a CSV or XLSX file of responses whole, or print every bad cell and import nothing."""
    from shared.files import responses_file, spreadsheet
    from shared.text import messages

    store = services()
    mapping = spreadsheet.read_mapping(mapping_path.read_bytes()) if mapping_path else None
    units = {unit.unit_id: unit for unit in store.units.list_units()}
    entry = responses_file.Batch(units, store.settings.zone, datetime.now(timezone.utc), "import", lang, unit_id)
    try:
        taken = responses_file.import_file(path.read_bytes(), entry, store.responses, mapping)
    except spreadsheet.Refused as refused:
        shown = refused.errors[:IMPORT_ERRORS_SHOWN]
        for error in shown:
            print(error.text(lang), file=sys.stderr)
        if len(refused.errors) > len(shown):
            print(messages.message("more_errors", lang, count=len(refused.errors) - len(shown)), file=sys.stderr)
        print(messages.message("import_refused", lang, count=len(refused.errors)), file=sys.stderr)
        return 1
    print(messages.message("import_done", lang, added=taken.added, known=taken.known))
    return 0


LOCAL_BUREAU_EMAIL = "biro-organisasi@localhost"


def ensure_local_bureau() -> None:
    """The local stack's bureau operator, so `skm report` and the demo work out of the box."""
    from shared.rules import access

    store = services().operators
    hashed = access.token_hash(config.LOCAL_BUREAU_TOKEN)
    if store.operator(hashed) is None:
        store.put_operator(access.Operator(email=LOCAL_BUREAU_EMAIL, bureau=True, token_hash=hashed))


def make_posters(args: argparse.Namespace) -> list[Path]:
    from skm.poster import write_posters
    from skm.units_csv import read_units_file

    if not args.all and not args.unit_ids:
        raise ValueError("name one or more UNIT_IDs, or --all")
    units = read_units_file(args.csv) if args.csv else services().units.list_units()
    if not args.all:
        by_id = {unit.unit_id: unit for unit in units}
        unknown = [unit_id for unit_id in args.unit_ids if unit_id not in by_id]
        if unknown:
            raise ValueError(f"unknown unit: {', '.join(unknown)}")
        units = [by_id[unit_id] for unit_id in args.unit_ids]
    settings = config.load()
    results = f"{settings.public_base_url}/"  # the public results site
    return write_posters(units, settings.form_base_url, settings.region_name, args.out, args.one_file, results)


def pubsub_event(period: str | None, daily: bool = False) -> tuple[dict[str, str], bytes]:
    """A CloudEvent shaped like the one Pub/Sub delivers for the scheduler's message."""
    from cloudevents.conversion import to_structured
    from cloudevents.http import CloudEvent

    payload = json.dumps({"daily": True} if daily else {"period": period} if period else {}).encode()
    event = CloudEvent(
        {
            "type": "google.cloud.pubsub.topic.v1.messagePublished",
            "source": "//pubsub.googleapis.com/projects/skm-local/topics/skm-aggregate",
        },
        {
            "message": {
                "data": base64.b64encode(payload).decode(),
                "messageId": uuid.uuid4().hex,
                "publishTime": datetime.now(timezone.utc).isoformat(),
            },
            "subscription": "projects/skm-local/subscriptions/skm-aggregate",
        },
    )
    return to_structured(event)


def trigger_aggregate(url: str, period: str | None, daily: bool = False) -> None:
    headers, body = pubsub_event(period, daily)
    response = requests.post(url, data=body, headers=headers, timeout=900)
    if response.status_code >= 300:
        raise SystemExit(f"aggregate failed with HTTP {response.status_code}: {response.text[:500]}")


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
    token = config.load().operator_token
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


def sign_in_link(email: str) -> str:
    """A one-time sign-in link for an active operator: how the first bureau member signs in."""
    from shared.rules import access

    store = services().operators
    person = next((op for op in store.list_operators() if op.email == email and op.active), None)
    if person is None:
        raise ValueError(f"no active operator {email}; add one with skm operator add")
    now = datetime.now(timezone.utc)
    code, key, record = access.sign_in_link(person, "cli", now)
    store.put_sign_in_link(key, record)
    store.log_admin(access.admin_record("cli", "sign_in_link_made", email, now))
    return access.sign_in_url(config.load().report_base_url, code)


def publish(period: Period, by: str) -> int:
    """The bureau publishes a period's final figures: recorded, then the public site is written."""
    from shared.reports import site

    return site.publish(period, by, datetime.now(timezone.utc), *site.deployed(services()))


def publish_demo(stack: Any, units: list[Any], ended: Period) -> Path:
    """Final figures to publish: the ended quarter's responses, aggregated, then published."""
    from skm import demo as journey

    settings = config.load()
    services().responses.put_responses(journey.earlier_quarter(units, ended, settings.zone))
    trigger_aggregate(stack.url("aggregate"), ended.key)
    publish(ended, "demo")
    return settings.public_dir / "index.html"


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
        statuses = journey.send_all(stack.url("submit"), journey.generated_bodies(units))
        print(f"responses sent over HTTP: {statuses}")
        if set(statuses) != {201}:
            raise SystemExit("some demo responses were not accepted")
        forms = journey.GOOGLE_FORMS_EXAMPLE
        if import_responses(
            forms / "skm-kelurahan-teluk-dalam.csv", "kelurahan-teluk-dalam", forms / "mapping.csv", "id"
        ):
            raise SystemExit("the Google Forms example did not import")
        quarter = Period.now(config.load().zone)
        semester = quarter.containing()[0]
        for period in (quarter, semester):  # the semester pools its quarters' raw rows in BigQuery
            trigger_aggregate(stack.url("aggregate"), period.key)
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
        print(f"public site: {publish_demo(stack, units, quarter.previous())}")
        print(f"operator area: sign in with {config.LOCAL_BUREAU_TOKEN} at {stack.url('report')}/operator (make run)")
    print(f"demo finished in {time.monotonic() - started:.1f} s")


PUBLIC_PORT = 8084


def serve_public_site() -> str:
    """The public site's files (out/public) over HTTP, as the bucket serves them, in a thread."""
    import functools
    import threading
    from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

    directory = config.load().public_dir
    directory.mkdir(parents=True, exist_ok=True)
    handler = functools.partial(SimpleHTTPRequestHandler, directory=str(directory))
    server = ThreadingHTTPServer(("127.0.0.1", PUBLIC_PORT), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{PUBLIC_PORT}/"


def run() -> None:
    from skm import demo as journey
    from skm.stack import Ports, Stack
    from skm.units_csv import read_units_file

    with Stack(ports=Ports.from_env()) as stack:
        os.environ.update(stack.env)
        units = read_units_file(journey.DEMO_UNITS)
        services().units.put_units(units)
        ensure_local_bureau()
        print("Local stack is up (Ctrl-C stops it):")
        print(f"  units     {stack.url('submit')}/")
        for unit in units:
            print(f"  form      {stack.url('submit')}/u/{unit.unit_id}")
        print(f"  aggregate skm aggregate --period {Period.now().key}   (or a semester 2026-S1, a year 2026)")
        print(f"  operator  {stack.url('report')}/operator  (local bureau token: {config.LOCAL_BUREAU_TOKEN})")
        print(f"  sign-in   {sign_in_link(LOCAL_BUREAU_EMAIL)}  (one-time link, as the bureau hands out)")
        print(f"  public    {serve_public_site()}  (skm publish --period P writes it)")
        print(
            f"  report    curl -X POST -H 'Authorization: Bearer {config.LOCAL_BUREAU_TOKEN}' "
            f'-d \'{{"unit_id":"{units[0].unit_id}","period":"{Period.now().key}"}}\' '
            f"-H 'Content-Type: application/json' {stack.url('report')}/api/v1/reports"
        )
        try:
            while all(p.poll() is None for p in stack.processes.values()):
                time.sleep(1)
            print("a process of the stack exited; see out/logs/", file=sys.stderr)
        except KeyboardInterrupt:
            pass


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="skm", description="skm-cloud: public-service satisfaction surveys")
    commands = parser.add_subparsers(dest="command", required=True)
    units = commands.add_parser("units", aliases=["unit"], help="manage service units").add_subparsers(
        dest="action", required=True
    )
    units_import = units.add_parser("import", help="import or update units from a CSV file")
    units_import.add_argument("csv", type=Path)
    units.add_parser("list", help="list the registered units")
    poster = units.add_parser("poster", help="printable A4 PDF with a QR code to a unit's form")
    poster.add_argument("unit_ids", nargs="*", metavar="UNIT_ID")
    poster.add_argument("--all", action="store_true", help="every registered unit, one PDF each")
    poster.add_argument("--one-file", action="store_true", help="with --all: all posters in one PDF")
    poster.add_argument("--csv", type=Path, help="take units from this CSV instead of the store")
    poster.add_argument("--out", type=Path, default=Path("out/posters"))
    responses = commands.add_parser("responses", help="responses collected elsewhere").add_subparsers(
        dest="action", required=True
    )
    responses_import = responses.add_parser(
        "import", help="import a CSV or XLSX file of responses (docs/import.md): all of it, or nothing"
    )
    responses_import.add_argument("file", type=Path)
    responses_import.add_argument("--unit", default="", help="the unit of every row, when the file has no unit_id")
    responses_import.add_argument("--mapping", type=Path, help="CSV renaming the file's columns (Google Forms)")
    responses_import.add_argument("--lang", choices=("id", "en"), default="id")
    aggregate = commands.add_parser("aggregate", help="roll a period up into BigQuery")
    aggregate.add_argument(
        "--period",
        "--quarter",
        dest="period",
        help="2026-Q3, 2026-S1 or 2026; default: the quarter that just ended and the periods it completes",
    )
    aggregate.add_argument(
        "--daily", action="store_true", help="the daily run: the running quarter (provisional), late-changed quarters"
    )
    aggregate.add_argument("--url", default=os.environ.get("SKM_AGGREGATE_URL", DEFAULT_URLS["aggregate"]))
    report = commands.add_parser("report", help="download a unit's PDF report for a period (or the recap)")
    report.add_argument("--unit", required=True, help='a unit id, or "*" for the recap of all units (bureau)')
    report.add_argument(
        "--format",
        choices=("pdf", "csv", "docx", "xlsx"),
        default="pdf",
        help="csv: the recap only; docx: the official report; xlsx: the recap, or a unit's responses",
    )
    report.add_argument(
        "--document",
        choices=("summary", "official"),
        default="summary",
        help="official: the Laporan Hasil SKM (cover, chapters, appendices, signature), as PDF or DOCX",
    )
    report.add_argument("--period", "--quarter", dest="period", required=True, help="2026-Q3, 2026-S1 or 2026")
    report.add_argument("--lang", choices=("id", "en"), default="id")
    report.add_argument("--out", type=Path, default=Path("out"))
    report.add_argument("--url", default=os.environ.get("SKM_REPORT_URL", DEFAULT_URLS["report"]))
    operator = commands.add_parser("operator", help="manage operators and their API tokens").add_subparsers(
        dest="action", required=True
    )
    operator_add = operator.add_parser("add", help="create an operator; prints their token once")
    operator_add.add_argument("--email", required=True)
    operator_add.add_argument(
        "--unit",
        dest="units",
        action="append",
        default=[],
        metavar="UNIT_ID",
        help="a unit the operator may see (repeat for more)",
    )
    operator_add.add_argument("--bureau", action="store_true", help="the organisation bureau: every unit and the recap")
    operator.add_parser("revoke", help="revoke every token of an operator").add_argument("--email", required=True)
    operator.add_parser(
        "link", help="a one-time sign-in link for an operator (72 h; opens a 30-day session in the browser)"
    ).add_argument("--email", required=True)
    operator.add_parser("list", help="list operators (never their tokens)")
    publish_cmd = commands.add_parser("publish", help="publish a period's final figures on the public site")
    publish_cmd.add_argument("--period", required=True, help="2026-Q3, 2026-S1 or 2026 (ended and aggregated)")
    publish_cmd.add_argument("--by", default=os.environ.get("USER", "bureau"), help="who publishes (recorded)")
    commands.add_parser("demo", help="run the whole journey on the local stack").add_argument(
        "--out", type=Path, default=Path("out")
    )
    commands.add_parser("run", help="keep the local stack up for clicking through")
    args = parser.parse_args(argv)

    try:
        if args.command in ("units", "unit") and args.action == "import":
            print(f"{import_units(args.csv)} units imported")
        elif args.command in ("units", "unit") and args.action == "poster":
            for path in make_posters(args):
                print(path)
        elif args.command in ("units", "unit"):
            for unit in services().units.list_units():
                print(f"{unit.unit_id:<32} {unit.type:<20} {unit.name}")
        elif args.command == "operator" and args.action == "add":
            token = add_operator(args.email, args.units, args.bureau)
            print(f"operator {args.email} added. Token (shown only now; store it safely):\n{token}")
        elif args.command == "operator" and args.action == "link":
            print(sign_in_link(args.email))
        elif args.command == "operator" and args.action == "revoke":
            print(f"{services().operators.revoke_operator(args.email)} token(s) of {args.email} revoked")
        elif args.command == "operator":
            for op in services().operators.list_operators():
                scope = "bureau (all units)" if op.bureau else ", ".join(op.units)
                print(f"{op.email:<32} {'revoked' if op.revoked_at else 'active':<8} {scope}")
        elif args.command == "responses":
            return import_responses(args.file, args.unit, args.mapping, args.lang)
        elif args.command == "publish":
            files = publish(Period.parse(args.period), args.by)
            print(f"{args.period} published: {files} files written to the public site")
        elif args.command == "aggregate":
            period = Period.parse(args.period) if args.period else None
            trigger_aggregate(args.url, period.key if period else None, args.daily)
            print(f"aggregated {period.key if period else 'the previous quarter and the periods it completes'}")
        elif args.command == "report":
            period_key = Period.parse(args.period).key
            print(fetch_report(args.url, args.unit, period_key, args.out, args.lang, args.format, args.document))
        elif args.command == "demo":
            demo(args.out)
        elif args.command == "run":
            run()
    except OSError as error:  # a file that is not there or cannot be read
        print(f"skm: {error}", file=sys.stderr)
        return 2
    except (ValueError, RuntimeError) as error:  # bad input, bad settings, a port taken
        print(f"skm: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:  # Ctrl-C or SIGTERM: the stack has been stopped on the way out
        return 130
    return 0


if __name__ == "__main__":
    sys.exit(main())
