"""HIPAA_AWS_020: AWS log hosts get no public IP address at launch."""
from hipaa_checks_loader import register

register("HIPAA_AWS_020")
