# A logging stack that breaks HIPAA's logging safeguards, in each cloud.

# AWS: application logs (a log source: its silence must be noticed, PHI masked) kept 90 days; nothing masks PHI.
resource "aws_cloudwatch_log_group" "app" {
  name              = "/ehr/app"
  retention_in_days = 90
  tags              = { hipaa-logging = "source" }
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

# AWS: the CloudTrail bucket is also readable by anyone.
resource "aws_s3_bucket_acl" "trail" {
  bucket = aws_s3_bucket.trail.id
  acl    = "public-read"
}

# GCP: audit logs exported to a bucket that deletes them after 90 days, with Google-managed keys,
# no versioning, and open to the internet.
resource "google_storage_bucket" "audit_export" {
  name     = "ehr-audit-export"
  location = "US"

  lifecycle_rule {
    action {
      type = "Delete"
    }
    condition {
      age = 90
    }
  }
}

resource "google_storage_bucket_iam_member" "audit_export_public" {
  bucket = google_storage_bucket.audit_export.name
  role   = "roles/storage.objectViewer"
  member = "allUsers"
}

resource "google_logging_project_sink" "audit" {
  name        = "audit-to-gcs"
  destination = "storage.googleapis.com/${google_storage_bucket.audit_export.name}"
}

# Azure: diagnostic logs kept in a storage account with Microsoft-managed keys and old TLS.
resource "azurerm_storage_account" "diagnostics" {
  name                     = "ehrdiagnostics"
  resource_group_name      = "ehr"
  location                 = "eastus"
  account_tier             = "Standard"
  account_replication_type = "GRS"
  min_tls_version          = "TLS1_0"
}

# Azure: the key vault exports only its policy evaluations, not its audit events.
resource "azurerm_monitor_diagnostic_setting" "key_vault" {
  name               = "key-vault-audit"
  target_resource_id = "/subscriptions/0000/resourceGroups/ehr/providers/Microsoft.KeyVault/vaults/ehr"
  storage_account_id = azurerm_storage_account.diagnostics.id

  enabled_log {
    category = "AzurePolicyEvaluationDetails"
  }
}

# AWS: a self-hosted syslog collector with a public IP and an Elastic IP. Its security group takes
# plaintext syslog (514), SSH from anywhere, and lets everything out.
resource "aws_instance" "collector" {
  ami                         = "ami-0abcdef1234567890"
  instance_type               = "t3.small"
  associate_public_ip_address = true
  vpc_security_group_ids      = [aws_security_group.collector.id]
  tags                        = { hipaa-logging = "host" }
}

resource "aws_eip" "collector" {
  instance = aws_instance.collector.id
  domain   = "vpc"
}

resource "aws_security_group" "collector" {
  name = "syslog-collector"

  ingress {
    from_port   = 514
    to_port     = 514
    protocol    = "udp"
    cidr_blocks = ["10.0.0.0/8"]
  }

  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }

  egress {
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

# AWS: a "log reader" role that may do anything to any log, twice over: inline, and through an AWS
# managed policy.
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
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "logs:*", Resource = "*" }]
  })
}

resource "aws_iam_role_policy_attachment" "log_reader" {
  role       = aws_iam_role.log_reader.name
  policy_arn = "arn:aws:iam::aws:policy/CloudWatchLogsFullAccess"
}

# AWS: an alarm for the application's log volume that stays quiet when the logs stop (missing data is
# "missing" by default, not "breaching"), and notifies no one.
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
}
