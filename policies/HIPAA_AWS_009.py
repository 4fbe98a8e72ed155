"""HIPAA_AWS_009: S3 log archive bucket policies deny requests made without TLS."""
from hipaa_checks_loader import register

register("HIPAA_AWS_009")
