"""HIPAA_GCP_003: Cloud Storage log archives are encrypted with a customer-managed key."""
from hipaa_checks_loader import register

register("HIPAA_GCP_003")
