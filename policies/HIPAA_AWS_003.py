"""HIPAA_AWS_003: S3 log archive buckets with Object Lock default retention lock logs at least six years."""
from hipaa_checks_loader import register

register("HIPAA_AWS_003")
