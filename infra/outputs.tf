output "form_url" {
  description = "The citizens' list of units; each unit's form is <form_url>u/<unit_id> (print it on posters)"
  value       = "${google_cloudfunctions2_function.function["submit"].url}/"
}

output "report_endpoint" {
  description = "POST here with an operator token for a report link"
  value       = "${google_cloudfunctions2_function.function["report"].url}/api/v1/reports"
}

output "operator_area_url" {
  description = "The operators' pages"
  value       = "${google_cloudfunctions2_function.function["report"].url}/operator"
}

output "aggregate_topic" {
  description = "Publish {\"quarter\": \"2026-Q3\"} here to re-run or backfill a quarter"
  value       = google_pubsub_topic.aggregate.id
}

output "reports_bucket" {
  value = google_storage_bucket.reports.name
}

output "public_site" {
  description = "The public results site and its open data catalog (catalog.json)"
  value       = "https://storage.googleapis.com/${google_storage_bucket.public.name}/index.html"
}
