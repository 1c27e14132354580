variable "project" {
  description = "Google Cloud project id"
  type        = string
}

variable "region" {
  description = "Region for functions, the bucket and the dataset (Jakarta by default)"
  type        = string
  default     = "asia-southeast2"
}

variable "name_prefix" {
  description = "Prefix for every resource name, so several regions can share a project"
  type        = string
  default     = "skm"
}

variable "report_retention_days" {
  description = "Rendered PDFs are deleted after this many days; they can always be rendered again"
  type        = number
  default     = 90
}

variable "region_name" {
  description = "The government named on forms and reports, e.g. \"Pemerintah Kota Contoh\""
  type        = string
}

variable "open_data_licence" {
  description = "Licence of the public site's open data: CC-BY-4.0, CC0-1.0 or ODbL-1.0"
  type        = string
  default     = "CC-BY-4.0"
}

variable "contact_email" {
  description = "Where readers of the public results and open data write to (the catalog's contact point); empty: none named"
  type        = string
  default     = ""
}

variable "logo_file" {
  description = "The official reports' cover logo inside the report bundle, as `make package LOGO=logo.png` prints it (branding/logo.png); empty: no logo"
  type        = string
  default     = ""
}

variable "sample_rule" {
  description = "Minimum sample rule: krejcie-morgan, slovin or ten-percent"
  type        = string
  default     = "krejcie-morgan"
}

variable "min_respondents" {
  description = "Respondents a unit needs to be graded and ranked (public site, recap, reports); fewer: \"data belum cukup\""
  type        = number
  default     = 30
}

variable "reply_target_hours" {
  description = "Hours within which a complaint should be answered; older \"baru\" complaints are marked overdue in the operator area"
  type        = number
  default     = 72
}

variable "report_link_ttl_seconds" {
  description = "How long a report link stays valid"
  type        = number
  default     = 3600
}

variable "bundles_dir" {
  description = "Where `make package` left the function bundles"
  type        = string
  default     = "../build/functions"
}

variable "timezone" {
  description = "The region's IANA time zone: Asia/Jakarta (WIB), Asia/Makassar (WITA) or Asia/Jayapura (WIT). Decides which period a response belongs to, when the scheduler runs and every time shown"
  type        = string
  default     = "Asia/Jakarta"
}
