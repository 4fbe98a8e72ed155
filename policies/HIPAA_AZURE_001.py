"""HIPAA_AZURE_001: Log Analytics workspaces keep logs six years through a longer tier (tables or data export)."""
from hipaa_checks_loader import register

register("HIPAA_AZURE_001")
