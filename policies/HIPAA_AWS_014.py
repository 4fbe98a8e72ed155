"""HIPAA_AWS_014: Security groups of log hosts allow SSH, RDP and WinRM only from admin_cidrs."""
from hipaa_checks_loader import register

register("HIPAA_AWS_014")
