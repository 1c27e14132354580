# The three functions (Cloud Functions gen2 on Cloud Run), deployed from the bundles that
# `make package` builds: each holds its main.py, the shared package and a pinned requirements.txt.
locals {
  functions = toset(["submit", "aggregate", "report"])
  # Known before the functions exist, so each can be told its own public URL.
  base_url = "https://${var.region}-${var.project}.cloudfunctions.net"
  common_env = {
    SKM_ENV              = "production"
    GOOGLE_CLOUD_PROJECT = var.project
    SKM_DATASET          = google_bigquery_dataset.skm.dataset_id
    SKM_OPS_DATABASE     = google_firestore_database.ops.name
    SKM_REGION_NAME      = var.region_name
    SKM_SAMPLE_RULE      = var.sample_rule
    # Cloud Run's front end appends exactly one X-Forwarded-For entry.
    SKM_TRUSTED_PROXY_HOPS = "1"
  }
}

resource "google_storage_bucket" "sources" {
  #checkov:skip=CKV_GCP_62:build sources need no access logs
  #checkov:skip=CKV_GCP_78:every bundle is a new object named by its hash; Terraform state says which is live
  name                        = "${var.project}-${var.name_prefix}-sources"
  location                    = var.region
  uniform_bucket_level_access = true
  public_access_prevention    = "enforced"
}

data "archive_file" "bundle" {
  for_each    = local.functions
  type        = "zip"
  source_dir  = "${path.module}/${var.bundles_dir}/${each.key}"
  output_path = "${path.module}/${var.bundles_dir}/${each.key}.zip"
  excludes    = ["__pycache__"]
}

resource "google_storage_bucket_object" "bundle" {
  for_each = local.functions
  name     = "${each.key}-${data.archive_file.bundle[each.key].output_md5}.zip"
  bucket   = google_storage_bucket.sources.name
  source   = data.archive_file.bundle[each.key].output_path
}

# Citizens' form and submit API. IO-bound (one Firestore commit per response), so one
# instance serves many requests at once: 512 MiB and 1 vCPU with 40 concurrent requests;
# 20 instances allow ~800 requests in flight, far above a province's peak, and cap the bill.
# 30 s: a submit takes milliseconds; anything longer is a stuck connection.
resource "google_cloudfunctions2_function" "submit" {
  #checkov:skip=CKV_GCP_124:citizens reach the form from the internet
  name     = "${var.name_prefix}-submit"
  location = var.region

  build_config {
    runtime         = "python311" # the version the test suite runs on (supported into 2027)
    entry_point     = "submit"
    service_account = google_service_account.builder.id
    source {
      storage_source {
        bucket = google_storage_bucket.sources.name
        object = google_storage_bucket_object.bundle["submit"].name
      }
    }
  }

  service_config {
    available_memory                 = "512Mi"
    available_cpu                    = "1"
    timeout_seconds                  = 30
    max_instance_request_concurrency = 40
    min_instance_count               = 0
    max_instance_count               = 20
    service_account_email            = google_service_account.function["submit"].email
    ingress_settings                 = "ALLOW_ALL"
    environment_variables = merge(local.common_env, {
      SKM_FORM_BASE_URL = "${local.base_url}/${var.name_prefix}-submit"
      SKM_RATE_LIMIT    = "20/600"
    })
    secret_environment_variables {
      key        = "SKM_SUBMIT_SECRET"
      project_id = var.project
      secret     = google_secret_manager_secret.secret["submit"].secret_id
      version    = "latest"
    }
  }
  depends_on = [google_project_service.apis, google_secret_manager_secret_version.secret]
}

# Quarterly roll-up. One run at a time (concurrency 1, one instance) so two deliveries of a
# message never interleave; 1 GiB for a peak that stays near 200 MB whatever the quarter's
# size (bench: flat from 20k to 1M responses) plus BigQuery result sets of thousands of units;
# 540 s, the longest an event-driven function may run. A run killed by the limit is retried
# by Eventarc and produces the same rows (the run is idempotent).
resource "google_cloudfunctions2_function" "aggregate" {
  name     = "${var.name_prefix}-aggregate"
  location = var.region

  build_config {
    runtime         = "python311"
    entry_point     = "aggregate"
    service_account = google_service_account.builder.id
    source {
      storage_source {
        bucket = google_storage_bucket.sources.name
        object = google_storage_bucket_object.bundle["aggregate"].name
      }
    }
  }

  service_config {
    available_memory                 = "1Gi"
    available_cpu                    = "1"
    timeout_seconds                  = 540
    max_instance_request_concurrency = 1
    min_instance_count               = 0
    max_instance_count               = 1
    service_account_email            = google_service_account.function["aggregate"].email
    ingress_settings                 = "ALLOW_INTERNAL_ONLY"
    environment_variables            = local.common_env
  }

  event_trigger {
    trigger_region        = var.region
    event_type            = "google.cloud.pubsub.topic.v1.messagePublished"
    pubsub_topic          = google_pubsub_topic.aggregate.id
    retry_policy          = "RETRY_POLICY_RETRY"
    service_account_email = google_service_account.trigger.email
  }
  depends_on = [google_project_service.apis]
}

# Operators: report links, PDFs and the operator area. Rendering a report is CPU-bound
# (WeasyPrint, ~0.2 s), so 1 GiB / 1 vCPU with 8 concurrent requests; 5 instances cover a
# bureau asking for every unit's report at once (cached files after the first); 120 s for
# the largest recap.
resource "google_cloudfunctions2_function" "report" {
  #checkov:skip=CKV_GCP_124:operators and report links come from the internet; every request is authenticated in code
  name     = "${var.name_prefix}-report"
  location = var.region

  build_config {
    runtime         = "python311"
    entry_point     = "report"
    service_account = google_service_account.builder.id
    source {
      storage_source {
        bucket = google_storage_bucket.sources.name
        object = google_storage_bucket_object.bundle["report"].name
      }
    }
  }

  service_config {
    available_memory                 = "1Gi"
    available_cpu                    = "1"
    timeout_seconds                  = 120
    max_instance_request_concurrency = 8
    min_instance_count               = 0
    max_instance_count               = 5
    service_account_email            = google_service_account.function["report"].email
    ingress_settings                 = "ALLOW_ALL"
    environment_variables = merge(local.common_env, {
      SKM_REPORTS_BUCKET   = google_storage_bucket.reports.name
      SKM_REPORT_BASE_URL  = "${local.base_url}/${var.name_prefix}-report"
      SKM_FORM_BASE_URL    = "${local.base_url}/${var.name_prefix}-submit"
      SKM_LINK_TTL_SECONDS = tostring(var.report_link_ttl_seconds)
    })
    secret_environment_variables {
      key        = "SKM_LINK_SECRET"
      project_id = var.project
      secret     = google_secret_manager_secret.secret["link"].secret_id
      version    = "latest"
    }
  }
  depends_on = [google_project_service.apis, google_secret_manager_secret_version.secret]
}

# Citizens and operators have no Google identities: submit and report are public and
# authenticate operators themselves (tokens, sessions, signed links; see README).
resource "google_cloud_run_service_iam_member" "public" {
  #checkov:skip=CKV_GCP_102:the citizens' form and the signed report links must be reachable without a Google account
  for_each = {
    submit = google_cloudfunctions2_function.submit.service_config[0].service
    report = google_cloudfunctions2_function.report.service_config[0].service
  }
  location = var.region
  service  = each.value
  role     = "roles/run.invoker"
  member   = "allUsers"
}

# Only the Eventarc trigger's identity may invoke aggregate.
resource "google_cloud_run_service_iam_member" "aggregate_trigger" {
  location = var.region
  service  = google_cloudfunctions2_function.aggregate.service_config[0].service
  role     = "roles/run.invoker"
  member   = "serviceAccount:${google_service_account.trigger.email}"
}

# The HMAC keys of form tokens (submit) and report links and sessions (report).
resource "random_password" "secret" {
  for_each = toset(["submit", "link"])
  length   = 48
  special  = false
}

resource "google_secret_manager_secret" "secret" {
  #checkov:skip=CKV_GCP_84:Google-managed encryption; the secrets are random keys rotated by re-applying
  for_each  = random_password.secret
  secret_id = "${var.name_prefix}-${each.key}-secret"
  replication {
    user_managed {
      replicas {
        location = var.region
      }
    }
  }
  depends_on = [google_project_service.apis]
}

resource "google_secret_manager_secret_version" "secret" {
  for_each    = random_password.secret
  secret      = google_secret_manager_secret.secret[each.key].id
  secret_data = each.value.result
}
