"""HIPAA_GCP_006: GCP egress firewalls of log hosts and shippers allow only TCP 443 and 6514."""
from hipaa_checks_loader import register

register("HIPAA_GCP_006")
