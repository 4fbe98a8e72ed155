"""HIPAA_AZURE_007: Azure log storage accounts accept only HTTPS with TLS 1.2 or newer."""
from hipaa_checks_loader import register

register("HIPAA_AZURE_007")
