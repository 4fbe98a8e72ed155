# The same logging stack, meeting each of those safeguards.

resource "aws_cloudwatch_log_group" "app" {
  name              = "/ehr/app"
  retention_in_days = 2192
  tags              = { hipaa-logging = "source" }
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
  kms_key_id                 = aws_kms_key.trail.arn
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

resource "google_kms_crypto_key" "audit_export" {
  name     = "audit-export"
  key_ring = "projects/ehr-prod/locations/us/keyRings/logs"
}

resource "google_storage_bucket" "audit_export" {
  name                        = "ehr-audit-export"
  location                    = "US"
  public_access_prevention    = "enforced"
  uniform_bucket_level_access = true

  encryption {
    default_kms_key_name = google_kms_crypto_key.audit_export.id
  }

  versioning {
    enabled = true
  }
}

resource "google_logging_project_sink" "audit" {
  name        = "audit-to-gcs"
  destination = "storage.googleapis.com/${google_storage_bucket.audit_export.name}"
}

resource "azurerm_storage_account" "diagnostics" {
  name                            = "ehrdiagnostics"
  resource_group_name             = "ehr"
  location                        = "eastus"
  account_tier                    = "Standard"
  account_replication_type        = "GRS"
  min_tls_version                 = "TLS1_2"
  https_traffic_only_enabled      = true
  allow_nested_items_to_be_public = false

  identity {
    type         = "UserAssigned"
    identity_ids = ["/subscriptions/0000/resourceGroups/ehr/providers/Microsoft.ManagedIdentity/userAssignedIdentities/storage"]
  }

  customer_managed_key {
    key_vault_key_id          = "https://ehr-vault.vault.azure.net/keys/diagnostics"
    user_assigned_identity_id = "/subscriptions/0000/resourceGroups/ehr/providers/Microsoft.ManagedIdentity/userAssignedIdentities/storage"
  }

  blob_properties {
    versioning_enabled = true
  }
}

resource "azurerm_monitor_diagnostic_setting" "key_vault" {
  name               = "key-vault-audit"
  target_resource_id = "/subscriptions/0000/resourceGroups/ehr/providers/Microsoft.KeyVault/vaults/ehr"
  storage_account_id = azurerm_storage_account.diagnostics.id

  enabled_log {
    category_group = "audit"
  }
}

# AWS: a self-hosted syslog collector on a private address. It takes syslog over TLS (6514) from
# internal networks only, and sends logs on only over HTTPS and syslog over TLS.
resource "aws_instance" "collector" {
  ami                         = "ami-0abcdef1234567890"
  instance_type               = "t3.small"
  subnet_id                   = "subnet-0a1b2c3d4e5f60718"
  associate_public_ip_address = false
  vpc_security_group_ids      = [aws_security_group.collector.id]
  tags                        = { hipaa-logging = "host" }
}

resource "aws_security_group" "collector" {
  name = "syslog-collector"

  ingress {
    from_port   = 6514
    to_port     = 6514
    protocol    = "tcp"
    cidr_blocks = ["10.0.0.0/8"]
  }

  egress {
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }

  egress {
    from_port   = 6514
    to_port     = 6514
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

# AWS: a log reader that can read the application's log group, and nothing else.
resource "aws_iam_role" "log_reader" {
  name = "log-reader"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { AWS = "arn:aws:iam::111122223333:root" } }]
  })
}

resource "aws_iam_role_policy" "log_reader" {
  name = "read-logs"
  role = aws_iam_role.log_reader.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["logs:GetLogEvents", "logs:FilterLogEvents", "logs:StartQuery", "logs:GetQueryResults"]
      Resource = ["${aws_cloudwatch_log_group.app.arn}:*"]
    }]
  })
}

# AWS: the application's logs are watched (an alarm when they stop) and PHI in them is masked.
resource "aws_sns_topic" "log_alerts" {
  name = "ehr-log-alerts"
}

resource "aws_cloudwatch_metric_alarm" "app_silent" {
  alarm_name          = "ehr-app-logs-stopped"
  namespace           = "AWS/Logs"
  metric_name         = "IncomingLogEvents"
  dimensions          = { LogGroupName = aws_cloudwatch_log_group.app.name }
  statistic           = "Sum"
  period              = 300
  evaluation_periods  = 3
  comparison_operator = "LessThanThreshold"
  threshold           = 1
  treat_missing_data  = "breaching"
  alarm_actions       = [aws_sns_topic.log_alerts.arn]
}

locals {
  us_health_identifiers = [
    "arn:aws:dataprotection::aws:data-identifier/DrugEnforcementAgencyNumber-US",
    "arn:aws:dataprotection::aws:data-identifier/HealthcareProcedureCode-US",
    "arn:aws:dataprotection::aws:data-identifier/HealthInsuranceClaimNumber-US",
    "arn:aws:dataprotection::aws:data-identifier/MedicareBeneficiaryNumber-US",
    "arn:aws:dataprotection::aws:data-identifier/NationalDrugCode-US",
    "arn:aws:dataprotection::aws:data-identifier/NationalProviderId-US",
    "arn:aws:dataprotection::aws:data-identifier/Ssn-US",
  ]
}

resource "aws_cloudwatch_log_data_protection_policy" "app" {
  log_group_name = aws_cloudwatch_log_group.app.name
  policy_document = jsonencode({
    Name    = "ehr-phi"
    Version = "2021-06-01"
    Statement = [
      {
        Sid            = "Audit"
        DataIdentifier = local.us_health_identifiers
        Operation      = { Audit = { FindingsDestination = {} } }
      },
      {
        Sid            = "Mask"
        DataIdentifier = local.us_health_identifiers
        Operation      = { Deidentify = { MaskConfig = {} } }
      },
    ]
  })
}
