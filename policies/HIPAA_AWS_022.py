"""HIPAA_AWS_022: AWS log hosts are not behind an internet-facing load balancer."""
from hipaa_checks_loader import register

register("HIPAA_AWS_022")
