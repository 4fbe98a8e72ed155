"""HIPAA_AWS_041: CloudWatch log groups that are log sources mask health identifiers with a data protection policy."""
from hipaa_checks_loader import register

register("HIPAA_AWS_041")
