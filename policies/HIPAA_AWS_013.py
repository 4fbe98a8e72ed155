"""HIPAA_AWS_013: Security groups of log hosts allow no ingress from public address ranges."""
from hipaa_checks_loader import register

register("HIPAA_AWS_013")
