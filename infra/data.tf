# Storage the code uses. Table schemas come from the one file the code reads too.
locals {
  tables = jsondecode(file("${path.module}/../shared/schemas/bigquery.json"))
}

resource "google_project_service" "apis" {
  for_each = toset([
    "firestore.googleapis.com", "firebaserules.googleapis.com", "bigquery.googleapis.com",
    "cloudfunctions.googleapis.com", "run.googleapis.com", "cloudbuild.googleapis.com",
    "artifactregistry.googleapis.com", "eventarc.googleapis.com", "cloudscheduler.googleapis.com",
    "pubsub.googleapis.com", "storage.googleapis.com", "secretmanager.googleapis.com", "iam.googleapis.com",
  ])
  service            = each.value
  disable_on_destroy = false
}

resource "google_firestore_database" "main" {
  name        = "(default)"
  location_id = var.region
  type        = "FIRESTORE_NATIVE"
  depends_on  = [google_project_service.apis]
}

# Firestore's IAM stops at the database, so data is split by who may touch it
# (shared/adapters/firestore.py, ACCESS): follow-up plans, complaint replies and run markers in
# one, which the report function writes and the submit function reads; operators and their
# sessions in another, which only the report function reads.
resource "google_firestore_database" "ops" {
  name        = "${var.name_prefix}-ops"
  location_id = var.region
  type        = "FIRESTORE_NATIVE"
  depends_on  = [google_project_service.apis]
}

resource "google_firestore_database" "access" {
  name        = "${var.name_prefix}-access"
  location_id = var.region
  type        = "FIRESTORE_NATIVE"
  depends_on  = [google_project_service.apis]
}

resource "google_bigquery_dataset" "skm" {
  #checkov:skip=CKV_GCP_81:Google-managed encryption; a CMEK key and its rotation are a pemda's own choice
  dataset_id  = replace(var.name_prefix, "-", "_")
  location    = var.region
  description = "SKM responses and indices per unit and quarter"
  depends_on  = [google_project_service.apis]
}

resource "google_bigquery_table" "tables" {
  #checkov:skip=CKV_GCP_80:Google-managed encryption, as for the dataset (CKV_GCP_81)
  for_each            = local.tables
  dataset_id          = google_bigquery_dataset.skm.dataset_id
  table_id            = each.key
  description         = each.value.description
  schema              = jsonencode(each.value.schema)
  clustering          = each.value.clustering
  deletion_protection = true

  dynamic "time_partitioning" {
    for_each = each.value.partition_field == null ? [] : [each.value.partition_field]
    content {
      type  = "DAY"
      field = time_partitioning.value
    }
  }
}

resource "google_storage_bucket" "reports" {
  #checkov:skip=CKV_GCP_62:access logs of rendered PDFs add cost and no audit value; links are logged by the function
  #checkov:skip=CKV_GCP_78:reports are re-renderable from BigQuery; versioning would only keep superseded PDFs
  name                        = "${var.project}-${var.name_prefix}-reports"
  location                    = var.region
  uniform_bucket_level_access = true
  public_access_prevention    = "enforced"

  lifecycle_rule {
    condition {
      age = var.report_retention_days
    }
    action {
      type = "Delete"
    }
  }
}

resource "google_pubsub_topic" "aggregate" {
  #checkov:skip=CKV_GCP_83:messages carry only a period key; Google-managed encryption is enough
  name       = "${var.name_prefix}-aggregate"
  depends_on = [google_project_service.apis]
}

# The aggregation's schedules, on the region's clock (shared.usecases.aggregation):
#   ingest     every 5 minutes: what changed in Firestore into BigQuery's raw tables;
#   reconcile  01:30: counts per unit and quarter, Firestore against BigQuery; gaps healed;
#   quarterly  01:00 on 1 January, April, July and October: the quarter that ended and the
#              semester and year it completes;
#   daily      02:00: provisional figures of the running quarter, its semester and year, and
#              every closed quarter that got late responses since its last run.
# Each of them first brings in what is still waiting, so figures include everything before it.
locals {
  schedules = {
    ingest    = { schedule = "*/5 * * * *", data = "{\"ingest\": true}" }
    reconcile = { schedule = "30 1 * * *", data = "{\"reconcile\": true}" }
    quarterly = { schedule = "0 1 1 1,4,7,10 *", data = "{}" }
    daily     = { schedule = "0 2 * * *", data = "{\"daily\": true}" }
  }
}

resource "google_cloud_scheduler_job" "aggregate" {
  for_each  = local.schedules
  name      = "${var.name_prefix}-aggregate-${each.key}"
  schedule  = each.value.schedule
  time_zone = var.timezone
  region    = var.region

  pubsub_target {
    topic_name = google_pubsub_topic.aggregate.id
    data       = base64encode(each.value.data)
  }
}

# The public results site (shared/reports/site.py): static pages and open data, written by the
# aggregation for periods the bureau published, read by anyone (put a CDN in front of it).
resource "google_storage_bucket" "public" {
  #checkov:skip=CKV_GCP_62:public pages; access logs would record citizens' visits for no audit value
  #checkov:skip=CKV_GCP_78:every file is rewritten from BigQuery at each run; versions would only keep old pages
  #checkov:skip=CKV_GCP_114:the results site is public on purpose (PermenPAN-RB 14/2017: results are made known)
  name                        = "${var.project}-${var.name_prefix}-public"
  location                    = var.region
  uniform_bucket_level_access = true
  public_access_prevention    = "inherited"

  website {
    main_page_suffix = "index.html"
  }
}

resource "google_storage_bucket_iam_member" "public_read" {
  #checkov:skip=CKV_GCP_28:anyone may read the published results; nothing personal is ever written there
  bucket = google_storage_bucket.public.name
  role   = "roles/storage.objectViewer"
  member = "allUsers"
}
