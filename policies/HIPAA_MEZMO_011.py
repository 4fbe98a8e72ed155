"""HIPAA_MEZMO_011: Mezmo pipeline sources that are log sources have an active absence alert."""
from hipaa_checks_loader import register

register("HIPAA_MEZMO_011")
