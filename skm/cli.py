"""`skm`: the bureau's command-line tool for the local stack and deployments."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from shared.files import spreadsheet
from shared.rules.periods import Period
from shared.text import messages
from shared.usecases import administration
from skm import admin
from skm.local import aggregate_and_report, demo, fetch_report, run

DEFAULT_URLS = {
    "submit": "http://127.0.0.1:8081",
    "aggregate": "http://127.0.0.1:8082",
    "report": "http://127.0.0.1:8083",
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="skm", description="skm-cloud: public-service satisfaction surveys")
    commands = parser.add_subparsers(dest="command", required=True)
    units = commands.add_parser("units", aliases=["unit"], help="manage service units").add_subparsers(
        dest="action", required=True
    )
    audited = argparse.ArgumentParser(add_help=False)
    audited.add_argument("--by", help="who acts, for the audit trail (default: the OS user)")
    units_import = units.add_parser("import", parents=[audited], help="import or update units from a CSV file")
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
        "import",
        parents=[audited],
        help="import a CSV or XLSX file of responses (docs/import.md): all of it, or nothing",
    )
    responses_import.add_argument("file", type=Path)
    responses_template = responses.add_parser(
        "template", help="write a unit's XLSX template to fill in and import (its surveys, its services)"
    )
    responses_template.add_argument("unit", metavar="UNIT_ID")
    responses_template.add_argument("out", type=Path, metavar="FILE.xlsx")
    responses_import.add_argument("--unit", default="", help="the unit of every row, when the file has no unit_id")
    responses_import.add_argument("--mapping", type=Path, help="CSV renaming the file's columns (Google Forms)")
    responses_import.add_argument("--lang", choices=("id", "en"), default="id")
    standards = commands.add_parser("standards", help="units' service standards (XLSX)").add_subparsers(
        dest="action", required=True
    )
    standards_template = standards.add_parser(
        "template", help="write a unit's workbook: a sheet per service, filled with the versions in force"
    )
    standards_template.add_argument("unit", metavar="UNIT_ID")
    standards_template.add_argument("out", type=Path, metavar="FILE.xlsx")
    standards.add_parser(
        "import", parents=[audited], help="import a filled workbook: every sheet a new version, or nothing"
    ).add_argument("file", type=Path, metavar="FILE.xlsx")
    standards_poster = standards.add_parser(
        "poster", help="A4 PDF to hang at the counter: a page per service's standard, the maklumat, the form's QR"
    )
    standards_poster.add_argument("unit", metavar="UNIT_ID")
    standards_poster.add_argument("--period", help="the standards in force at this period's end (default: today)")
    standards_poster.add_argument("--out", type=Path, default=Path("out/posters"))
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
    operator_add = operator.add_parser("add", parents=[audited], help="create an operator; prints their token once")
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
    operator.add_parser("revoke", parents=[audited], help="revoke every token of an operator").add_argument(
        "--email", required=True
    )
    operator.add_parser(
        "link",
        parents=[audited],
        help="a one-time sign-in link for an operator (72 h; opens a 30-day session in the browser)",
    ).add_argument("--email", required=True)
    operator.add_parser("list", help="list operators (never their tokens)")
    publish_cmd = commands.add_parser(
        "publish", parents=[audited], help="publish a period's final figures on the public site"
    )
    publish_cmd.add_argument("--period", required=True, help="2026-Q3, 2026-S1 or 2026 (ended and aggregated)")
    commands.add_parser("demo", help="run the whole journey on the local stack").add_argument(
        "--out", type=Path, default=Path("out")
    )
    commands.add_parser("run", help="keep the local stack up for clicking through, with the demo's data").add_argument(
        "--empty", action="store_true", help="start with no responses (units and the local bureau only)"
    )
    args = parser.parse_args(argv)

    try:
        if "by" in args and not args.by:
            args.by = admin.person()
        if args.command in ("units", "unit") and args.action == "import":
            added, updated = admin.import_units(args.csv, args.by)
            print(f"{added + updated} units imported ({added} new, {updated} updated)")
        elif args.command in ("units", "unit") and args.action == "poster":
            for path in admin.make_posters(args):
                print(path)
        elif args.command in ("units", "unit"):
            for unit in admin.services().units.list_units():
                print(f"{unit.unit_id:<32} {unit.type:<20} {unit.name}")
        elif args.command == "operator" and args.action == "add":
            token = admin.add_operator(args.email, args.units, args.bureau, args.by)
            print(f"operator {args.email} added. Token (shown only now; store it safely):\n{token}")
        elif args.command == "operator" and args.action == "link":
            print(admin.sign_in_link(args.email, args.by))
        elif args.command == "operator" and args.action == "revoke":
            print(f"{admin.revoke_operator(args.email, args.by)} token(s) of {args.email} revoked")
        elif args.command == "operator":
            for op in admin.services().access.list_operators():
                scope = "bureau (all units)" if op.bureau else ", ".join(op.units)
                print(f"{op.email:<32} {'revoked' if op.revoked_at else 'active':<8} {scope}")
        elif args.command == "responses" and args.action == "template":
            print(admin.write_template(args.unit, args.out))
        elif args.command == "standards" and args.action == "poster":
            print(admin.write_standards_poster(args.unit, Period.parse(args.period) if args.period else None, args.out))
        elif args.command == "standards" and args.action == "template":
            print(admin.write_standards_template(args.unit, args.out))
        elif args.command == "standards":
            added, unchanged = admin.import_standards(args.file, args.by)
            print(f"{added} standard version(s) added, {unchanged} already stored as they are")
        elif args.command == "responses":
            return admin.import_responses(args.file, args.unit, args.mapping, args.lang, args.by)
        elif args.command == "publish":
            files = admin.publish(Period.parse(args.period), args.by)
            print(f"{args.period} published: {files} files written to the public site")
        elif args.command == "aggregate":
            return aggregate_and_report(args.url, Period.parse(args.period) if args.period else None, args.daily)
        elif args.command == "report":
            period_key = Period.parse(args.period).key
            print(fetch_report(args.url, args.unit, period_key, args.out, args.lang, args.format, args.document))
        elif args.command == "demo":
            demo(args.out)
        elif args.command == "run":
            run(args.empty)
    except OSError as error:  # a file that is not there or cannot be read
        print(f"skm: {error}", file=sys.stderr)
        return 2
    except spreadsheet.Refused as refused:  # a file's bad cells, as the operator area lists them
        print("skm: nothing imported:", *spreadsheet.listed(refused, "id"), sep="\n  ", file=sys.stderr)
        return 2
    except administration.Refused as refused:  # the same refusal the operator area shows
        print(f"skm: {messages.message(refused.key, 'id', **refused.values)}", file=sys.stderr)
        return 2
    except (ValueError, RuntimeError) as error:  # bad input, bad settings, a port taken
        print(f"skm: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:  # Ctrl-C or SIGTERM: the stack has been stopped on the way out
        return 130
    return 0


if __name__ == "__main__":
    sys.exit(main())
