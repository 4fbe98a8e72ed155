"""HIPAA_MEZMO_003: Mezmo log readers are readonly members."""
from hipaa_checks_loader import register

register("HIPAA_MEZMO_003")
