"""HIPAA_AWS_004: S3 log archive buckets are encrypted with a customer-managed KMS key."""
from hipaa_checks_loader import register

register("HIPAA_AWS_004")
