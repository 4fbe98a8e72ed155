"""HIPAA_AZURE_012: Azure log hosts have no public IP address."""
from hipaa_checks_loader import register

register("HIPAA_AZURE_012")
