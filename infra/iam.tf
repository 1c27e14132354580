# One service account per function, each with only what its code does:
#
#   submit     Firestore read/write (responses, rate-limit counters); its form-token key.
#              No BigQuery, no Storage.
#   aggregate  Firestore read only; BigQuery jobs and write on the dataset. No Storage.
#   report     Firestore read/write (operators, plans, complaint replies and spam verdicts on
#              responses: see the note below); BigQuery jobs and read on the dataset; create and
#              read objects in the reports bucket; its link key.
#
# Firestore IAM has no collection-level scope: a role holds for the whole database. The
# report function's writes to responses are confined in code to the follow-up fields
# (shared/follow_up.py, applied in one transaction by FirestoreStore.change_response).
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
  project_roles = {
    "submit-datastore"    = { account = "submit", role = "roles/datastore.user" }
    "aggregate-datastore" = { account = "aggregate", role = "roles/datastore.viewer" }
    "aggregate-jobs"      = { account = "aggregate", role = "roles/bigquery.jobUser" }
    "report-datastore"    = { account = "report", role = "roles/datastore.user" }
    "report-jobs"         = { account = "report", role = "roles/bigquery.jobUser" }
  }
}

resource "google_project_iam_member" "function" {
  for_each = local.project_roles
  project  = var.project
  role     = each.value.role
  member   = "serviceAccount:${google_service_account.function[each.value.account].email}"
}

resource "google_bigquery_dataset_iam_member" "aggregate_writes" {
  dataset_id = google_bigquery_dataset.skm.dataset_id
  role       = "roles/bigquery.dataEditor"
  member     = "serviceAccount:${google_service_account.function["aggregate"].email}"
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
