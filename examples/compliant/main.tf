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

resource "aws_kms_key" "trail" {
  description         = "CloudTrail log archive"
  enable_key_rotation = true
}

resource "aws_s3_bucket_server_side_encryption_configuration" "trail" {
  bucket = aws_s3_bucket.trail.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = aws_kms_key.trail.arn
    }
  }
}

resource "aws_s3_bucket_versioning" "trail" {
  bucket = aws_s3_bucket.trail.id

  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_public_access_block" "trail" {
  bucket                  = aws_s3_bucket.trail.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_policy" "trail" {
  bucket = aws_s3_bucket.trail.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "CloudTrailWrite"
        Effect    = "Allow"
        Principal = { Service = "cloudtrail.amazonaws.com" }
        Action    = "s3:PutObject"
        Resource  = "arn:aws:s3:::ehr-cloudtrail/AWSLogs/*"
        Condition = { StringEquals = { "s3:x-amz-acl" = "bucket-owner-full-control" } }
      },
      {
        Sid       = "DenyPlaintext"
        Effect    = "Deny"
        Principal = "*"
        Action    = "s3:*"
        Resource  = ["arn:aws:s3:::ehr-cloudtrail", "arn:aws:s3:::ehr-cloudtrail/*"]
        Condition = { Bool = { "aws:SecureTransport" = "false" } }
      },
    ]
  })
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
