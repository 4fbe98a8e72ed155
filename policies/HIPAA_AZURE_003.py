"""HIPAA_AZURE_003: Lifecycle rules on log storage accounts do not delete blobs before six years."""
from hipaa_checks_loader import register

register("HIPAA_AZURE_003")
