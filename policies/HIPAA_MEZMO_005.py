"""HIPAA_MEZMO_005: Mezmo pipeline destinations send logs over TLS (https endpoints, TLS and certificate checks on)."""
from hipaa_checks_loader import register

register("HIPAA_MEZMO_005")
