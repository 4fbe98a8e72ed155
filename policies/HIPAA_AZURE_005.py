"""HIPAA_AZURE_005: Azure log storage accounts are encrypted with a customer-managed key."""
from hipaa_checks_loader import register

register("HIPAA_AZURE_005")
