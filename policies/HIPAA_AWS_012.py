"""HIPAA_AWS_012: Network ACLs of log host subnets allow egress only to TCP 443 and 6514 (and TCP replies)."""
from hipaa_checks_loader import register

register("HIPAA_AWS_012")
