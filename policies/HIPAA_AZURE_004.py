"""HIPAA_AZURE_004: Immutability policies on log containers lock blobs for at least six years."""
from hipaa_checks_loader import register

register("HIPAA_AZURE_004")
