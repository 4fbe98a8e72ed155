"""HIPAA_GCP_015: GCP log readers hold only log-viewing roles on projects, folders and organizations."""
from hipaa_checks_loader import register

register("HIPAA_GCP_015")
