"""HIPAA_AWS_051: CloudTrail log groups that are log sources alarm on failed console sign-ins."""
from hipaa_checks_loader import register

register("HIPAA_AWS_051")
