"""HIPAA_GCP_010: GCP ingress firewalls of log hosts admit no public source ranges."""
from hipaa_checks_loader import register

register("HIPAA_GCP_010")
