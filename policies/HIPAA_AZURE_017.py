"""HIPAA_AZURE_017: Azure log readers are assigned only reader roles."""
from hipaa_checks_loader import register

register("HIPAA_AZURE_017")
