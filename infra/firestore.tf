# Firestore indexes, field exemptions and TTL, from the file the code documents its queries in.
locals {
  firestore = jsondecode(file("${path.module}/../shared/schemas/firestore.json"))
  firestore_databases = {
    main   = google_firestore_database.main.name
    ops    = google_firestore_database.ops.name
    access = google_firestore_database.access.name
  }
}

resource "google_firestore_index" "composite" {
  for_each   = { for index in local.firestore.composite_indexes : "${index.collection}-${join("-", [for f in index.fields : f.field_path])}" => index }
  database   = google_firestore_database.main.name
  collection = each.value.collection

  dynamic "fields" {
    for_each = each.value.fields
    content {
      field_path   = fields.value.field_path
      order        = lookup(fields.value, "order", null)
      array_config = lookup(fields.value, "array_config", null)
    }
  }
}

resource "google_firestore_field" "overrides" {
  for_each   = { for field in local.firestore.field_overrides : "${field.collection}-${field.field}" => field }
  database   = local.firestore_databases[lookup(each.value, "database", "main")]
  collection = each.value.collection
  field      = each.value.field

  # An empty index_config removes every single-field index of the field.
  index_config {}

  dynamic "ttl_config" {
    for_each = lookup(each.value, "ttl", false) ? [1] : []
    content {}
  }
}

# Clients never talk to Firestore directly: every read and write goes through the functions'
# service accounts, which security rules do not govern. Deny everything else.
resource "google_firebaserules_ruleset" "deny_all" {
  source {
    files {
      name    = "firestore.rules"
      content = file("${path.module}/firestore.rules")
    }
  }
  depends_on = [google_firestore_database.main]
}

resource "google_firebaserules_release" "firestore" {
  for_each     = toset([for db in [google_firestore_database.main, google_firestore_database.ops, google_firestore_database.access] : db.name])
  name         = each.key == "(default)" ? "cloud.firestore" : "cloud.firestore/${each.key}"
  ruleset_name = google_firebaserules_ruleset.deny_all.name
  lifecycle {
    replace_triggered_by = [google_firebaserules_ruleset.deny_all]
  }
}
