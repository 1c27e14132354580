# The three functions (Cloud Functions gen2 on Cloud Run), deployed from the bundles that
# `make package` builds: each holds its main.py, the shared package and a pinned requirements.txt.
locals {
  functions    = toset(["submit", "aggregate", "report"])
  secret_names = ["submit", "link"] # skm/deploy.py SECRETS
  # Known before the functions exist, so each can be told its own public URL.
  base_url = "https://${var.region}-${var.project}.cloudfunctions.net"
  common_env = {
    SKM_ENV              = "production"
    GOOGLE_CLOUD_PROJECT = var.project
    SKM_DATASET          = google_bigquery_dataset.skm.dataset_id
    SKM_OPS_DATABASE     = google_firestore_database.ops.name
    SKM_ACCESS_DATABASE  = google_firestore_database.access.name
    SKM_REGION_NAME      = var.region_name
    SKM_SAMPLE_RULE      = var.sample_rule
    SKM_TIMEZONE         = var.timezone
    # the public site, the recap, the reports and the dashboard rank and grade alike
    SKM_MIN_RESPONDENTS = tostring(var.min_respondents)
    # the public site names its licence, publisher (the region) and contact point
    SKM_OPEN_DATA_LICENCE = var.open_data_licence
    SKM_CONTACT_EMAIL     = var.contact_email
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

locals {
  # Sizing per function, and why.
  function_config = {
    # Citizens' form and submit API. IO-bound (one Firestore commit per response), so one
    # instance serves many requests at once: 512 MiB and 1 vCPU with 40 concurrent requests;
    # 20 instances allow ~800 requests in flight, far above a province's peak, and cap the
    # bill. 30 s: a submit takes milliseconds; anything longer is a stuck connection.
    submit = {
      memory = "512Mi", timeout = 30, concurrency = 40, max_instances = 20, ingress = "ALLOW_ALL"
      secret = "submit", secret_env = "SKM_SUBMIT_SECRET"
      env = {
        SKM_FORM_BASE_URL = "${local.base_url}/${var.name_prefix}-submit"
        SKM_RATE_LIMIT    = "10/100,400/86400"
      }
    }
    # Ingestion and roll-ups. One run at a time (concurrency 1, one instance) so two deliveries
    # never interleave; 1 GiB for a chunk of 20,000 documents and result sets of thousands of
    # units; 540 s, the longest an event-driven function may run. A run ingests for at most
    # SKM_INGEST_SECONDS (300 s) plus one chunk, then publishes its message again to go on
    # (a backlog continues itself); a run killed anywhere is retried and changes nothing twice.
    aggregate = {
      memory = "1Gi", timeout = 540, concurrency = 1, max_instances = 1, ingress = "ALLOW_INTERNAL_ONLY"
      secret = "", secret_env = "", env = {
        SKM_PUBLIC_BUCKET   = google_storage_bucket.public.name
        SKM_PUBLIC_BASE_URL = "https://storage.googleapis.com/${google_storage_bucket.public.name}"
        SKM_AGGREGATE_TOPIC = google_pubsub_topic.aggregate.name
      }
    }
    # Operators: report links, PDFs and the operator area. Rendering is CPU-bound (WeasyPrint,
    # ~0.4 s for a 4-page report), so 1 GiB / 1 vCPU with 8 concurrent requests; 5 instances
    # cover a bureau asking for every unit's report at once (cached files after the first);
    # 120 s for the largest recap.
    report = {
      memory = "1Gi", timeout = 120, concurrency = 8, max_instances = 5, ingress = "ALLOW_ALL"
      secret = "link", secret_env = "SKM_LINK_SECRET"
      env = {
        SKM_REPORTS_BUCKET     = google_storage_bucket.reports.name
        SKM_PUBLIC_BUCKET      = google_storage_bucket.public.name
        SKM_PUBLIC_BASE_URL    = "https://storage.googleapis.com/${google_storage_bucket.public.name}"
        SKM_REPORT_BASE_URL    = "${local.base_url}/${var.name_prefix}-report"
        SKM_FORM_BASE_URL      = "${local.base_url}/${var.name_prefix}-submit"
        SKM_LINK_TTL_SECONDS   = tostring(var.report_link_ttl_seconds)
        SKM_REPLY_TARGET_HOURS = tostring(var.reply_target_hours)
        # the region's logo on the official reports' covers, inside the bundle (make package LOGO=…)
        SKM_LOGO_FILE = var.logo_file
      }
    }
  }
}

resource "google_cloudfunctions2_function" "function" {
  #checkov:skip=CKV_GCP_124:submit and report serve citizens and operators on the internet; every operator request is authenticated in code
  for_each = local.function_config
  name     = "${var.name_prefix}-${each.key}"
  location = var.region

  build_config {
    runtime         = "python311" # the version the test suite runs on (supported into 2027)
    entry_point     = each.key
    service_account = google_service_account.builder.id
    source {
      storage_source {
        bucket = google_storage_bucket.sources.name
        object = google_storage_bucket_object.bundle[each.key].name
      }
    }
  }

  service_config {
    available_memory                 = each.value.memory
    available_cpu                    = "1"
    timeout_seconds                  = each.value.timeout
    max_instance_request_concurrency = each.value.concurrency
    min_instance_count               = 0 # scale to zero: see docs/cost.md for a warm instance
    max_instance_count               = each.value.max_instances
    service_account_email            = google_service_account.function[each.key].email
    ingress_settings                 = each.value.ingress
    # functions-framework runs 4 threads per vCPU unless told: as many as requests admitted,
    # or an instance queues most of them (and a slow store stalls the queue behind it).
    environment_variables = merge(local.common_env, { THREADS = tostring(each.value.concurrency) }, each.value.env)

    dynamic "secret_environment_variables" {
      for_each = each.value.secret == "" ? [] : [each.value.secret]
      content {
        key        = each.value.secret_env
        project_id = var.project
        secret     = google_secret_manager_secret.secret[secret_environment_variables.value].secret_id
        version    = "latest"
      }
    }
  }

  # Only aggregate is event-driven: the scheduler's (or an operator's) Pub/Sub message.
  dynamic "event_trigger" {
    for_each = each.key == "aggregate" ? [google_pubsub_topic.aggregate.id] : []
    content {
      trigger_region        = var.region
      event_type            = "google.cloud.pubsub.topic.v1.messagePublished"
      pubsub_topic          = event_trigger.value
      retry_policy          = "RETRY_POLICY_RETRY"
      service_account_email = google_service_account.trigger.email
    }
  }
  depends_on = [google_project_service.apis]
}

# Citizens and operators have no Google identities: submit and report are public and
# authenticate operators themselves (tokens, sessions, signed links; see README).
resource "google_cloud_run_service_iam_member" "public" {
  #checkov:skip=CKV_GCP_102:the citizens' form and the signed report links must be reachable without a Google account
  for_each = {
    submit = google_cloudfunctions2_function.function["submit"].service_config[0].service
    report = google_cloudfunctions2_function.function["report"].service_config[0].service
  }
  location = var.region
  service  = each.value
  role     = "roles/run.invoker"
  member   = "allUsers"
}

# Only the Eventarc trigger's identity may invoke aggregate.
resource "google_cloud_run_service_iam_member" "aggregate_trigger" {
  location = var.region
  service  = google_cloudfunctions2_function.function["aggregate"].service_config[0].service
  role     = "roles/run.invoker"
  member   = "serviceAccount:${google_service_account.trigger.email}"
}

# The HMAC keys of form tokens (submit) and report links and sessions (report). Terraform
# declares the secrets only: their values are generated and added as versions by `make deploy`
# (skm/deploy.py, through gcloud) and rotated by `make rotate-secret`, so no key ever sits in
# Terraform state or its plan files. See docs/deploy.md, "Secrets".
resource "google_secret_manager_secret" "secret" {
  #checkov:skip=CKV_GCP_84:Google-managed encryption; the secrets are random keys, rotated with make rotate-secret
  for_each  = toset(local.secret_names)
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
