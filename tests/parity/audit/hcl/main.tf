# Plan JSON parity, audit: CloudTrail, GCP audit configs, Azure diagnostic settings, Mezmo destinations.
# Links: a trail's key and bucket, a diagnostic setting's target and workspace, destinations' pipeline, all by reference.

resource "aws_kms_key" "trail" {
  description         = "cloudtrail"
  enable_key_rotation = true
}

resource "aws_s3_bucket" "trail" {
  bucket = "acme-org-trail"
}

resource "aws_cloudtrail" "main" {
  name                       = "org-trail"
  s3_bucket_name             = aws_s3_bucket.trail.id
  is_multi_region_trail      = true
  enable_log_file_validation = true
  kms_key_id                 = aws_kms_key.trail.arn
}

# Single-region, no file validation, SSE-S3 only.
resource "aws_cloudtrail" "regional" {
  name           = "regional"
  s3_bucket_name = aws_s3_bucket.trail.id
}

resource "google_project_iam_audit_config" "all" {
  project = "acme-health"
  service = "allServices"

  audit_log_config {
    log_type = "ADMIN_READ"
  }

  audit_log_config {
    log_type = "DATA_READ"
  }

  audit_log_config {
    log_type = "DATA_WRITE"
  }
}

resource "google_project_iam_audit_config" "admin_only" {
  project = "acme-billing"
  service = "allServices"

  audit_log_config {
    log_type = "ADMIN_READ"
  }
}

resource "azurerm_log_analytics_workspace" "audit" {
  name                = "law-audit"
  location            = "westeurope"
  resource_group_name = "rg-logging"
  retention_in_days   = 730
}

resource "azurerm_key_vault" "phi" {
  name                = "kv-acme-phi"
  location            = "westeurope"
  resource_group_name = "rg-app"
  tenant_id           = "00000000-0000-0000-0000-000000000000"
  sku_name            = "standard"
}

resource "azurerm_monitor_diagnostic_setting" "key_vault" {
  name                       = "kv-audit"
  target_resource_id         = azurerm_key_vault.phi.id
  log_analytics_workspace_id = azurerm_log_analytics_workspace.audit.id

  enabled_log {
    category_group = "audit"
  }
}

# Metrics only: no audit log leaves the vault.
resource "azurerm_monitor_diagnostic_setting" "key_vault_metrics" {
  name                       = "kv-metrics"
  target_resource_id         = azurerm_key_vault.phi.id
  log_analytics_workspace_id = azurerm_log_analytics_workspace.audit.id

  enabled_metric {
    category = "AllMetrics"
  }
}

resource "mezmo_pipeline" "logs" {
  title = "logs"
}

resource "mezmo_http_destination" "siem" {
  pipeline_id = mezmo_pipeline.logs.id
  title       = "SIEM"
  uri         = "http://siem.acme.example/ingest"
}

resource "mezmo_http_destination" "archive" {
  pipeline_id = mezmo_pipeline.logs.id
  title       = "archive"
  uri         = "https://archive.acme.example/ingest"
}
