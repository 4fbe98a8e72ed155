"""HIPAA_GCP_004: Cloud Storage log archives are not public."""
from hipaa_checks_loader import register

register("HIPAA_GCP_004")
