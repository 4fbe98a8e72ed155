"""HIPAA_AWS_033: No AWS policy lets a principal erase logs without a condition."""
from hipaa_checks_loader import register

register("HIPAA_AWS_033")
