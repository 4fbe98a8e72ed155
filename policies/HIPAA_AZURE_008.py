"""HIPAA_AZURE_008: Azure log storage accounts keep blob versions (and a locked immutability policy where required)."""
from hipaa_checks_loader import register

register("HIPAA_AZURE_008")
