"""HIPAA_AWS_001: CloudWatch log groups keep events at least six years or never expire them."""
from hipaa_checks_loader import register

register("HIPAA_AWS_001")
