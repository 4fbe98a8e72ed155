"""HIPAA_AZURE_019: Custom Azure roles held by log readers only read."""
from hipaa_checks_loader import register

register("HIPAA_AZURE_019")
