"""HIPAA_AWS_031: AWS log readers' policies are scoped to log group and archive ARNs."""
from hipaa_checks_loader import register

register("HIPAA_AWS_031")
