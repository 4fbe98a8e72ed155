"""HIPAA_MEZMO_001: LogDNA/Mezmo archives do not expire before six years."""
from hipaa_checks_loader import register

register("HIPAA_MEZMO_001")
