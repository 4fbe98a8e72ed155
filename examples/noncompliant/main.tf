# A logging stack that keeps logs for less than HIPAA's six years, in each cloud.

# AWS: application logs kept 90 days.
resource "aws_cloudwatch_log_group" "app" {
  name              = "/ehr/app"
  retention_in_days = 90
}

# AWS: the bucket CloudTrail writes to deletes its objects after one year.
resource "aws_s3_bucket" "trail" {
  bucket = "ehr-cloudtrail"
}

resource "aws_s3_bucket_lifecycle_configuration" "trail" {
  bucket = aws_s3_bucket.trail.id

  rule {
    id     = "expire-after-a-year"
    status = "Enabled"

    expiration {
      days = 365
    }
  }
}

resource "aws_cloudtrail" "main" {
  name                       = "ehr-trail"
  s3_bucket_name             = aws_s3_bucket.trail.id
  is_multi_region_trail      = true
  enable_log_file_validation = true
}

# GCP: a log bucket left at the 30-day default.
resource "google_logging_project_bucket_config" "audit" {
  project   = "ehr-prod"
  location  = "global"
  bucket_id = "audit"
}

# Azure: a table kept two years.
resource "azurerm_log_analytics_workspace" "main" {
  name                = "ehr-logs"
  location            = "eastus"
  resource_group_name = "ehr"
  retention_in_days   = 730
}

resource "azurerm_log_analytics_workspace_table" "signins" {
  name                    = "SigninLogs"
  workspace_id            = azurerm_log_analytics_workspace.main.id
  total_retention_in_days = 730
}
