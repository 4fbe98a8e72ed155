"""HIPAA_AZURE_010: Azure log shipper and host NSGs deny all other outbound traffic."""
from hipaa_checks_loader import register

register("HIPAA_AZURE_010")
