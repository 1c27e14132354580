# One service account per function, each with only what its code does:
#
#   submit     Firestore as declared below; its form-token key. No BigQuery, no Storage.
#   aggregate  Firestore as declared below; runs BigQuery jobs and writes the dataset; publishes
#              its own continuation to the aggregation topic. No reports bucket.
#   report     Firestore as declared below; runs BigQuery jobs and reads the dataset; creates
#              and reads objects in the reports bucket; its link key.
#
# Firestore grants apply to a whole database; IAM conditions on the database name scope them.
# `firestore_roles` is ACCESS in shared/adapters/firestore.py, database by database: user where
# the function writes a collection, viewer where it only reads, nothing where it does neither.
# The code refuses any use ACCESS does not declare, and tests/infra checks the two agree.
# Firestore IAM stops at the database: report is a user of the main one because operators type
# paper forms in and import files there; ACCESS keeps its code to responses and quarter_changes.
resource "google_service_account" "function" {
  for_each     = local.functions
  account_id   = "${var.name_prefix}-${each.key}"
  display_name = "skm ${each.key} function"
}

resource "google_service_account" "trigger" {
  account_id   = "${var.name_prefix}-aggregate-trigger"
  display_name = "skm Eventarc trigger of the aggregate function"
}

resource "google_service_account" "builder" {
  account_id   = "${var.name_prefix}-builder"
  display_name = "skm Cloud Build of the function bundles"
}

locals {
  databases = {
    main   = "projects/${var.project}/databases/${google_firestore_database.main.name}"
    ops    = "projects/${var.project}/databases/${google_firestore_database.ops.name}"
    access = "projects/${var.project}/databases/${google_firestore_database.access.name}"
  }
  firestore_roles = {
    "submit-main"    = { account = "submit", role = "roles/datastore.user", database = "main" }
    "submit-ops"     = { account = "submit", role = "roles/datastore.viewer", database = "ops" }
    "aggregate-main" = { account = "aggregate", role = "roles/datastore.user", database = "main" }
    "aggregate-ops"  = { account = "aggregate", role = "roles/datastore.user", database = "ops" }
    "report-main"    = { account = "report", role = "roles/datastore.user", database = "main" }
    "report-ops"     = { account = "report", role = "roles/datastore.user", database = "ops" }
    "report-access"  = { account = "report", role = "roles/datastore.user", database = "access" }
  }
  # database: "" for a project-wide role, else the Firestore database it is limited to.
  project_roles = merge(local.firestore_roles, {
    "aggregate-jobs" = { account = "aggregate", role = "roles/bigquery.jobUser", database = "" }
    "report-jobs"    = { account = "report", role = "roles/bigquery.jobUser", database = "" }
  })
}

resource "google_project_iam_member" "function" {
  for_each = local.project_roles
  project  = var.project
  role     = each.value.role
  member   = "serviceAccount:${google_service_account.function[each.value.account].email}"

  dynamic "condition" {
    for_each = each.value.database == "" ? [] : [local.databases[each.value.database]]
    content {
      title       = "only-${each.value.database}-database"
      description = "Firestore database ${condition.value}"
      expression  = "resource.name == \"${condition.value}\""
    }
  }
}

resource "google_bigquery_dataset_iam_member" "aggregate_writes" {
  dataset_id = google_bigquery_dataset.skm.dataset_id
  role       = "roles/bigquery.dataEditor"
  member     = "serviceAccount:${google_service_account.function["aggregate"].email}"
}

# A run with more to ingest than its time allows publishes its message again (a continuation).
resource "google_pubsub_topic_iam_member" "aggregate_continues" {
  topic  = google_pubsub_topic.aggregate.id
  role   = "roles/pubsub.publisher"
  member = "serviceAccount:${google_service_account.function["aggregate"].email}"
}

resource "google_bigquery_dataset_iam_member" "report_reads" {
  dataset_id = google_bigquery_dataset.skm.dataset_id
  role       = "roles/bigquery.dataViewer"
  member     = "serviceAccount:${google_service_account.function["report"].email}"
}

resource "google_storage_bucket_iam_member" "report_objects" {
  for_each = toset(["roles/storage.objectCreator", "roles/storage.objectViewer"])
  bucket   = google_storage_bucket.reports.name
  role     = each.value
  member   = "serviceAccount:${google_service_account.function["report"].email}"
}

resource "google_secret_manager_secret_iam_member" "function" {
  for_each  = { submit = "submit", link = "report" }
  secret_id = google_secret_manager_secret.secret[each.key].id
  role      = "roles/secretmanager.secretAccessor"
  member    = "serviceAccount:${google_service_account.function[each.value].email}"
}

resource "google_project_iam_member" "trigger" {
  project = var.project
  role    = "roles/eventarc.eventReceiver"
  member  = "serviceAccount:${google_service_account.trigger.email}"
}

resource "google_project_iam_member" "builder" {
  for_each = toset(["roles/logging.logWriter", "roles/artifactregistry.writer"])
  project  = var.project
  role     = each.value
  member   = "serviceAccount:${google_service_account.builder.email}"
}

resource "google_storage_bucket_iam_member" "builder_sources" {
  bucket = google_storage_bucket.sources.name
  role   = "roles/storage.objectViewer"
  member = "serviceAccount:${google_service_account.builder.email}"
}

# The public site's writers (objects are replaced): the aggregation rewrites a published
# period's pages after each run; the bureau's "publish" action in the operator area writes them.
resource "google_storage_bucket_iam_member" "site_writers" {
  for_each = toset(["aggregate", "report"])
  bucket   = google_storage_bucket.public.name
  role     = "roles/storage.objectUser"
  member   = "serviceAccount:${google_service_account.function[each.key].email}"
}
