"""HIPAA_GCP_008: GCP firewalls of log hosts and shippers do not open plaintext syslog (514)."""
from hipaa_checks_loader import register

register("HIPAA_GCP_008")
