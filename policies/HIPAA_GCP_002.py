"""HIPAA_GCP_002: Cloud Storage log archives do not delete logs before six years."""
from hipaa_checks_loader import register

register("HIPAA_GCP_002")
