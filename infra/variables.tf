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
