"""HIPAA_AWS_002: S3 log archive buckets do not expire logs before six years."""
from hipaa_checks_loader import register

register("HIPAA_AWS_002")
