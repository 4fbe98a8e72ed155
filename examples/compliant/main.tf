# The same logging stack, keeping every log store six years or longer.

resource "aws_cloudwatch_log_group" "app" {
  name              = "/ehr/app"
  retention_in_days = 2192
}

resource "aws_s3_bucket" "trail" {
  bucket = "ehr-cloudtrail"
}

resource "aws_s3_bucket_lifecycle_configuration" "trail" {
  bucket = aws_s3_bucket.trail.id

  rule {
    id     = "expire-after-seven-years"
    status = "Enabled"

    expiration {
      days = 2557
    }
  }
}

resource "aws_cloudtrail" "main" {
  name                       = "ehr-trail"
  s3_bucket_name             = aws_s3_bucket.trail.id
  is_multi_region_trail      = true
  enable_log_file_validation = true
}

resource "google_logging_project_bucket_config" "audit" {
  project        = "ehr-prod"
  location       = "global"
  bucket_id      = "audit"
  retention_days = 2192
}

resource "azurerm_log_analytics_workspace" "main" {
  name                = "ehr-logs"
  location            = "eastus"
  resource_group_name = "ehr"
  retention_in_days   = 730
}

resource "azurerm_log_analytics_workspace_table" "signins" {
  name                    = "SigninLogs"
  workspace_id            = azurerm_log_analytics_workspace.main.id
  total_retention_in_days = 2191
}
