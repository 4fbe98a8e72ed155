"""HIPAA_AWS_050: CloudWatch log groups that are log sources have an alarm that fires when their logs stop."""
from hipaa_checks_loader import register

register("HIPAA_AWS_050")
