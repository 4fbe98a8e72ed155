"""HIPAA_GCP_009: GCP log host instances and templates have no external IP address."""
from hipaa_checks_loader import register

register("HIPAA_GCP_009")
