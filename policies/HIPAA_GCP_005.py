"""HIPAA_GCP_005: Cloud Storage log archives keep object versions or a retention policy."""
from hipaa_checks_loader import register

register("HIPAA_GCP_005")
