"""HIPAA_AWS_010: Security groups of log shippers and log hosts allow egress only to TCP 443 and 6514."""
from hipaa_checks_loader import register

register("HIPAA_AWS_010")
