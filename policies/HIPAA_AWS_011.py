"""HIPAA_AWS_011: Security groups of log shippers and log hosts do not open plaintext syslog (port 514)."""
from hipaa_checks_loader import register

register("HIPAA_AWS_011")
