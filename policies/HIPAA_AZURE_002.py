"""HIPAA_AZURE_002: Log Analytics tables keep logs at least six years through their total retention."""
from hipaa_checks_loader import register

register("HIPAA_AZURE_002")
