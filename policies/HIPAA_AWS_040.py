"""HIPAA_AWS_040: CloudTrail trails are multi-region, logging, validated and encrypted with a customer-managed KMS key."""
from hipaa_checks_loader import register

register("HIPAA_AWS_040")
