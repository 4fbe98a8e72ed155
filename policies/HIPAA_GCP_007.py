"""HIPAA_GCP_007: GCP log hosts and shippers are covered by an EGRESS deny-all firewall."""
from hipaa_checks_loader import register

register("HIPAA_GCP_007")
