"""HIPAA_AZURE_013: Azure log host NSGs allow no inbound traffic from the internet."""
from hipaa_checks_loader import register

register("HIPAA_AZURE_013")
