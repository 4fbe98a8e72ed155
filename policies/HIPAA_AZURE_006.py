"""HIPAA_AZURE_006: Azure log storage accounts and containers are not public."""
from hipaa_checks_loader import register

register("HIPAA_AZURE_006")
