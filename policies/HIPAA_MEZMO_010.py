"""HIPAA_MEZMO_010: LogDNA / Mezmo views that are log sources have an absence alert channel."""
from hipaa_checks_loader import register

register("HIPAA_MEZMO_010")
