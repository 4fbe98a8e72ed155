"""HIPAA_AWS_008: S3 log archive buckets grant no access to the public."""
from hipaa_checks_loader import register

register("HIPAA_AWS_008")
