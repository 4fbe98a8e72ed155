"""HIPAA_AZURE_026: Log Analytics workspaces that are log sources have an alert that fires when ingestion drops."""
from hipaa_checks_loader import register

register("HIPAA_AZURE_026")
