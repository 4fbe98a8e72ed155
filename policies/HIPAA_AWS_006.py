"""HIPAA_AWS_006: S3 log archive buckets that use Object Lock lock logs in COMPLIANCE mode."""
from hipaa_checks_loader import register

register("HIPAA_AWS_006")
