"""HIPAA_GCP_001: Cloud Logging buckets keep log entries at least six years."""
from hipaa_checks_loader import register

register("HIPAA_GCP_001")
