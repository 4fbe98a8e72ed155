"""HIPAA_AWS_005: S3 log archive buckets keep object versions."""
from hipaa_checks_loader import register

register("HIPAA_AWS_005")
