"""HIPAA_AWS_021: AWS log hosts have no Elastic IP address."""
from hipaa_checks_loader import register

register("HIPAA_AWS_021")
