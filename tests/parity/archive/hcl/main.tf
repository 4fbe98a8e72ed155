# Plan JSON parity, archive: log archives on S3, Cloud Storage and Azure Storage, hardened or not.
# Links: CloudTrail and a log sink make their buckets archives; a diagnostic setting makes its storage account
# one; encryption, versioning, public access and policy resources point at their bucket by reference.

resource "aws_kms_key" "logs" {
  description         = "log archives"
  enable_key_rotation = true
}

# An archive through the graph: CloudTrail writes into it. KMS, versioning, public access block, TLS-only policy.
resource "aws_s3_bucket" "trail" {
  bucket = "acme-trail"
}

resource "aws_cloudtrail" "main" {
  name                       = "main"
  s3_bucket_name             = aws_s3_bucket.trail.id
  is_multi_region_trail      = true
  enable_log_file_validation = true
  kms_key_id                 = aws_kms_key.logs.arn
}

resource "aws_s3_bucket_server_side_encryption_configuration" "trail" {
  bucket = aws_s3_bucket.trail.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = aws_kms_key.logs.arn
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
    "Version" = "2012-10-17",
    "Statement" = [
      {
        "Sid"       = "DenyInsecureTransport",
        "Effect"    = "Deny",
        "Principal" = "*",
        "Action"    = "s3:*",
        "Resource" = [
          "arn:aws:s3:::acme-trail",
          "arn:aws:s3:::acme-trail/*"
        ],
        "Condition" = {
          "Bool" = {
            "aws:SecureTransport" = "false"
          }
        }
      }
    ]
  })
}

# An archive by tag, with nothing hardened.
resource "aws_s3_bucket" "exports" {
  bucket = "acme-log-exports"
  tags = {
    "hipaa-logging" = "archive"
  }
}

resource "google_storage_bucket" "archive" {
  name     = "acme-log-archive"
  location = "US"
  labels = {
    "hipaa-logging" = "archive"
  }
  public_access_prevention    = "enforced"
  uniform_bucket_level_access = true

  encryption {
    default_kms_key_name = "projects/acme-security/locations/us/keyRings/logs/cryptoKeys/archive"
  }

  versioning {
    enabled = true
  }
}

# An archive because the sink below writes into it: Google-managed key, no versioning.
resource "google_storage_bucket" "sink" {
  name     = "acme-audit-sink"
  location = "US"
}

resource "google_logging_project_sink" "audit" {
  name        = "audit-to-gcs"
  project     = "acme-prod"
  destination = "storage.googleapis.com/${google_storage_bucket.sink.name}"
  filter      = "logName:\"cloudaudit.googleapis.com\""
}

resource "google_storage_bucket_iam_member" "sink_public" {
  bucket = google_storage_bucket.sink.name
  role   = "roles/storage.objectViewer"
  member = "allUsers"
}

# An archive because the diagnostic setting below writes into it: TLS 1.0, public blobs allowed.
resource "azurerm_storage_account" "diagnostics" {
  name                     = "stacmediag01"
  resource_group_name      = "rg-logging"
  location                 = "westeurope"
  account_tier             = "Standard"
  account_replication_type = "GRS"
  min_tls_version          = "TLS1_0"
}

resource "azurerm_monitor_diagnostic_setting" "kv" {
  name               = "kv-audit"
  target_resource_id = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-app/providers/Microsoft.KeyVault/vaults/kv-app"
  storage_account_id = azurerm_storage_account.diagnostics.id

  enabled_log {
    category_group = "audit"
  }
}
