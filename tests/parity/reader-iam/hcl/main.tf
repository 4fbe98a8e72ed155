# Plan JSON parity, reader-iam: log readers on AWS, GCP, Azure and Mezmo, read-only and scoped or not.
# Links: policies reach the tagged reader role through attachments and inline role policies; an Azure
# assignment is scoped to a workspace by reference.

resource "aws_iam_role" "log_reader" {
  name = "log-reader"
  assume_role_policy = jsonencode({
    "Version" = "2012-10-17",
    "Statement" = [
      {
        "Effect" = "Allow",
        "Action" = "sts:AssumeRole",
        "Principal" = {
          "AWS" = "arn:aws:iam::123456789012:root"
        }
      }
    ]
  })
  tags = {
    "hipaa-logging" = "reader"
  }
}

# Read-only and scoped to the log groups: a reader's policy through the attachment below.
resource "aws_iam_policy" "log_read" {
  name = "log-read"
  policy = jsonencode({
    "Version" = "2012-10-17",
    "Statement" = [
      {
        "Effect" = "Allow",
        "Action" = [
          "logs:GetLogEvents",
          "logs:FilterLogEvents",
          "logs:DescribeLogStreams"
        ],
        "Resource" = "arn:aws:logs:us-east-1:123456789012:log-group:/acme/*"
      }
    ]
  })
}

resource "aws_iam_role_policy_attachment" "log_read" {
  role       = aws_iam_role.log_reader.name
  policy_arn = aws_iam_policy.log_read.arn
}

# The same reader may also delete log groups and do anything in S3.
resource "aws_iam_role_policy" "cleanup" {
  name = "cleanup"
  role = aws_iam_role.log_reader.id
  policy = jsonencode({
    "Version" = "2012-10-17",
    "Statement" = [
      {
        "Effect" = "Allow",
        "Action" = [
          "logs:DeleteLogGroup",
          "s3:*"
        ],
        "Resource" = "*"
      }
    ]
  })
}

resource "aws_iam_role_policy_attachment" "managed" {
  role       = aws_iam_role.log_reader.name
  policy_arn = "arn:aws:iam::aws:policy/CloudWatchLogsReadOnlyAccess"
}

resource "google_project_iam_member" "readers_view" {
  project = "acme-logs"
  role    = "roles/logging.viewer"
  member  = "group:log-readers@acme.com"
}

resource "google_project_iam_member" "readers_edit" {
  project = "acme-logs"
  role    = "roles/editor"
  member  = "group:log-readers@acme.com"
}

resource "azurerm_log_analytics_workspace" "main" {
  name                = "law-prod"
  location            = "westeurope"
  resource_group_name = "rg-logging"
}

resource "azurerm_role_assignment" "workspace_reader" {
  scope                = azurerm_log_analytics_workspace.main.id
  role_definition_name = "Log Analytics Reader"
  principal_id         = "11111111-2222-3333-4444-555555555555"
}

resource "azurerm_role_assignment" "subscription_reader" {
  scope                = "/subscriptions/00000000-0000-0000-0000-000000000000"
  role_definition_name = "Log Analytics Reader"
  principal_id         = "66666666-7777-8888-9999-000000000000"
}

resource "logdna_member" "compliance" {
  email = "compliance@acme.com"
  role  = "readonly"
}

resource "logdna_member" "log_auditor" {
  email = "log-auditor@acme.com"
  role  = "admin"
}
