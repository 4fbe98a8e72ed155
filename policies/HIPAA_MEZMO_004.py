"""HIPAA_MEZMO_004: Mezmo log readers hold no service keys."""
from hipaa_checks_loader import register

register("HIPAA_MEZMO_004")
