# Plan JSON parity, retention: log stores of every provider, kept six years or not.
# Links: CloudTrail makes its bucket an archive; a table lengthens its workspace; a retention resource governs a group.

resource "aws_cloudwatch_log_group" "audit" {
  name              = "/acme/audit"
  retention_in_days = 2192
}

resource "aws_cloudwatch_log_group" "debug" {
  name              = "/acme/debug"
  retention_in_days = 30
}

# No retention here: the aws_cloudwatch_log_group_retention below governs it.
resource "aws_cloudwatch_log_group" "api" {
  name = "/acme/api"
}

resource "aws_cloudwatch_log_group_retention" "api" {
  log_group_name    = aws_cloudwatch_log_group.api.name
  retention_in_days = 365
}

# An archive through the graph: CloudTrail writes into it.
resource "aws_s3_bucket" "trail" {
  bucket = "acme-trail"
}

resource "aws_cloudtrail" "main" {
  name                       = "main"
  s3_bucket_name             = aws_s3_bucket.trail.id
  is_multi_region_trail      = true
  enable_log_file_validation = true
}

resource "aws_s3_bucket_lifecycle_configuration" "trail" {
  bucket = aws_s3_bucket.trail.id

  rule {
    id     = "expire-after-a-year"
    status = "Enabled"

    filter {}

    expiration {
      days = 365
    }
  }
}

resource "google_logging_project_bucket_config" "audit" {
  project        = "acme-prod"
  location       = "global"
  bucket_id      = "audit"
  retention_days = 2192
}

# No retention_days: the provider's default of 30 days applies (the plan shows it).
resource "google_logging_project_bucket_config" "app" {
  project   = "acme-prod"
  location  = "global"
  bucket_id = "app"
}

# 90 days in the workspace; the table below keeps its rows six years.
resource "azurerm_log_analytics_workspace" "main" {
  name                = "law-prod"
  location            = "westeurope"
  resource_group_name = "rg-logging"
  retention_in_days   = 90
}

resource "azurerm_log_analytics_workspace_table" "audit" {
  name                    = "AuditLogs"
  workspace_id            = azurerm_log_analytics_workspace.main.id
  total_retention_in_days = 2191
}

resource "azurerm_log_analytics_workspace" "scratch" {
  name                = "law-scratch"
  location            = "westeurope"
  resource_group_name = "rg-logging"
  retention_in_days   = 30
}

resource "logdna_archive" "swift" {
  integration = "swift"

  swift_config {
    authurl    = "https://swift.example.com/auth/v1.0"
    expires    = 365
    username   = "archiver"
    password   = "change-me"
    tenantname = "logs"
  }
}
