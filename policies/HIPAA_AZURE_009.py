"""HIPAA_AZURE_009: Azure log shipper and host NSGs allow outbound only TCP 443 and 6514."""
from hipaa_checks_loader import register

register("HIPAA_AZURE_009")
