"""HIPAA_AWS_007: S3 log archive buckets block public access with all four Block Public Access flags."""
from hipaa_checks_loader import register

register("HIPAA_AWS_007")
