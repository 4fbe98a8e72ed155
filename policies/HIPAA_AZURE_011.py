"""HIPAA_AZURE_011: Azure log shipper and host NSGs do not allow plaintext syslog (port 514)."""
from hipaa_checks_loader import register

register("HIPAA_AZURE_011")
