"""HIPAA_AZURE_018: Azure log readers' role assignments are scoped below the subscription."""
from hipaa_checks_loader import register

register("HIPAA_AZURE_018")
