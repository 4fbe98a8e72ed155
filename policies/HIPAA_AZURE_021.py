"""HIPAA_AZURE_021: Azure diagnostic settings export audit logs (audit or allLogs category group) to a destination."""
from hipaa_checks_loader import register

register("HIPAA_AZURE_021")
