"""Write a synthetic Terraform repository of about N resources, mixing the types hipaa-checks reads.

Each "stack" is a realistic logging slice with cross-resource references (CloudTrail -> bucket ->
lifecycle, sink -> GCS bucket, a log host -> its security group <- a separate rule, a log reader role <-
its policy), plus ordinary resources our checks ignore; a third of the stacks break the rules. Usage: python benchmarks/generate.py N OUTPUT_DIR
"""

from __future__ import annotations

import sys
from pathlib import Path

STACK = """
resource "aws_cloudwatch_log_group" "app_{i}" {{
  name              = "/svc/app-{i}"
  retention_in_days = {days}
}}
resource "aws_s3_bucket" "trail_{i}" {{
  bucket = "trail-archive-{i}"
}}
resource "aws_s3_bucket_lifecycle_configuration" "trail_{i}" {{
  bucket = aws_s3_bucket.trail_{i}.id
  rule {{
    id     = "expire"
    status = "Enabled"
    expiration {{
      days = {days}
    }}
  }}
}}
resource "aws_cloudtrail" "main_{i}" {{
  name                       = "trail-{i}"
  s3_bucket_name             = aws_s3_bucket.trail_{i}.id
  is_multi_region_trail      = true
  enable_log_file_validation = true
}}
resource "google_logging_project_bucket_config" "b_{i}" {{
  project        = "proj-{i}"
  location       = "global"
  bucket_id      = "audit-{i}"
  retention_days = {days}
}}
resource "google_storage_bucket" "sink_{i}" {{
  name     = "sink-target-{i}"
  location = "US"
}}
resource "google_logging_project_sink" "s_{i}" {{
  name        = "sink-{i}"
  destination = "storage.googleapis.com/${{google_storage_bucket.sink_{i}.name}}"
}}
resource "azurerm_log_analytics_workspace" "w_{i}" {{
  name                = "ws-{i}"
  location            = "eastus"
  resource_group_name = "rg"
  retention_in_days   = 730
}}
resource "azurerm_log_analytics_workspace_table" "t_{i}" {{
  name                    = "AzureActivity"
  workspace_id            = azurerm_log_analytics_workspace.w_{i}.id
  total_retention_in_days = 2191
}}
resource "aws_instance" "web_{i}" {{
  ami           = "ami-12345678"
  instance_type = "t3.micro"
}}
resource "aws_security_group" "web_{i}" {{
  name = "web-{i}"
  egress {{
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }}
}}
resource "aws_instance" "collector_{i}" {{
  ami                    = "ami-12345678"
  instance_type          = "t3.small"
  subnet_id              = aws_subnet.logs_{i}.id
  vpc_security_group_ids = [aws_security_group.collector_{i}.id]
  tags                   = {{ hipaa-logging = "host" }}
}}
resource "aws_subnet" "logs_{i}" {{
  vpc_id     = "vpc-1"
  cidr_block = "10.{octet}.0.0/24"
}}
resource "aws_security_group" "collector_{i}" {{
  name = "collector-{i}"
  ingress {{
    from_port   = 6514
    to_port     = 6514
    protocol    = "tcp"
    cidr_blocks = ["10.0.0.0/8"]
  }}
}}
resource "aws_security_group_rule" "collector_out_{i}" {{
  type              = "egress"
  security_group_id = aws_security_group.collector_{i}.id
  from_port         = {port}
  to_port           = {port}
  protocol          = "tcp"
  cidr_blocks       = ["0.0.0.0/0"]
}}
resource "aws_iam_role" "log_reader_{i}" {{
  name               = "log-reader-{i}"
  assume_role_policy = jsonencode({{ Version = "2012-10-17", Statement = [] }})
}}
resource "aws_iam_role_policy" "log_reader_{i}" {{
  role = aws_iam_role.log_reader_{i}.id
  policy = jsonencode({{
    Version   = "2012-10-17"
    Statement = [{{ Effect = "Allow", Action = ["logs:GetLogEvents", "{action}"], Resource = aws_cloudwatch_log_group.app_{i}.arn }}]
  }})
}}
resource "google_compute_firewall" "collector_{i}" {{
  name        = "collector-egress-{i}"
  network     = "logs"
  direction   = "EGRESS"
  target_tags = ["syslog"]
  allow {{
    protocol = "tcp"
    ports    = ["{port}"]
  }}
}}
"""
RESOURCES_PER_STACK = STACK.count('\nresource "')
STACKS_PER_FILE = 10


def stack(i: int) -> str:
    """Stack number ``i``; every third one breaks the rules (short retention, plaintext syslog, log deletion)."""
    compliant = bool(i % 3)
    return STACK.format(i=i, days=2192 if compliant else 365, port=443 if compliant else 514, octet=i % 250,
                        action="logs:FilterLogEvents" if compliant else "logs:DeleteLogGroup")


def generate(resources: int, output: Path) -> int:
    """Write the corpus; returns the number of resources written."""
    output.mkdir(parents=True, exist_ok=True)
    stacks = max(1, resources // RESOURCES_PER_STACK)
    for first in range(0, stacks, STACKS_PER_FILE):
        body = "".join(
            stack(i) for i in range(first, min(first + STACKS_PER_FILE, stacks))
        )
        (output / f"stack_{first:05d}.tf").write_text(body)
    return stacks * RESOURCES_PER_STACK


if __name__ == "__main__":
    print(generate(int(sys.argv[1]), Path(sys.argv[2])))
