"""HIPAA_MEZMO_002: LogDNA/Mezmo archive credentials are not literal secrets in the code."""
from hipaa_checks_loader import register

register("HIPAA_MEZMO_002")
