"""HIPAA_GCP_018: Custom GCP roles held by log readers only read."""
from hipaa_checks_loader import register

register("HIPAA_GCP_018")
